from __future__ import annotations

import datetime as dt

import pytest

from raqib.core.errors import Forbidden, IllegalTransition, Invalid
from raqib.geo.services import record_handover, transition_zone
from raqib.verification.services import transition


def test_a_zone_moves_along_the_allowed_path(zone, users):
    transition_zone(zone, "suspended", users["chief"])
    transition_zone(zone, "active", users["chief"])
    # Moving to handed_over needs the handover on record; recording it moves the zone.
    record_handover(zone, dt.date(2021, 6, 1), "Joint Military Force", users["chief"])
    zone.refresh_from_db()
    assert zone.status == "handed_over"


@pytest.mark.parametrize("target", ["planned", "assessment", "closed", "active"])
def test_it_refuses_an_illegal_zone_transition(zone, users, target):
    with pytest.raises(IllegalTransition):
        transition_zone(zone, target, users["chief"])
    zone.refresh_from_db()
    assert zone.status == "active"


def test_a_monitor_cannot_move_a_zone(zone, users):
    with pytest.raises(Forbidden):
        transition_zone(zone, "suspended", users["monitor"])


def test_a_verification_walks_from_received_to_closed(make_incident, users):
    v = make_incident().verification
    transition(v, "triaged", users["verifier"])
    transition(v, "under_verification", users["verifier"])
    transition(v, "findings_drafted", users["verifier"], outcome="verified", confidence="fair",
               attribution="not_attributable", findings="Crater analysis consistent with 122 mm rockets.")
    transition(v, "reviewed", users["chief"])
    transition(v, "closed", users["chief"])
    v.refresh_from_db()
    assert (v.state, v.outcome, v.confidence) == ("closed", "verified", "fair")


def test_a_closed_verification_reopens_when_new_evidence_comes(make_incident, users):
    v = make_incident().verification
    transition(v, "closed", users["chief"], note="duplicate of an earlier report")
    transition(v, "under_verification", users["verifier"], note="new imagery received")
    v.refresh_from_db()
    assert (v.state, v.reopen_count) == ("under_verification", 1)


@pytest.mark.parametrize("target", ["under_verification", "findings_drafted", "reviewed", "received"])
def test_it_refuses_an_illegal_verification_transition(make_incident, users, target):
    v = make_incident().verification
    with pytest.raises(IllegalTransition):
        transition(v, target, users["chief"])
    v.refresh_from_db()
    assert v.state == "received"


def test_findings_need_an_outcome_and_a_confidence(make_incident, users):
    v = make_incident().verification
    transition(v, "triaged", users["verifier"])
    transition(v, "under_verification", users["verifier"])
    with pytest.raises(Invalid, match="outcome and a confidence"):
        transition(v, "findings_drafted", users["verifier"], outcome="verified")


def test_could_not_be_verified_needs_its_reason(make_incident, users):
    v = make_incident().verification
    transition(v, "triaged", users["verifier"])
    transition(v, "under_verification", users["verifier"])
    with pytest.raises(Invalid, match="reason"):
        transition(v, "findings_drafted", users["verifier"], outcome="could_not_be_verified", confidence="weak")
    transition(v, "findings_drafted", users["verifier"], outcome="could_not_be_verified",
               outcome_reason="access_denied", confidence="weak")


def test_attribution_to_a_party_names_the_party(make_incident, users, parties):
    v = make_incident().verification
    transition(v, "triaged", users["verifier"])
    transition(v, "under_verification", users["verifier"])
    with pytest.raises(Invalid, match="name the party"):
        transition(v, "findings_drafted", users["verifier"], outcome="verified", confidence="fair", attribution="party")
    transition(v, "findings_drafted", users["verifier"], outcome="verified", confidence="fair", attribution="party",
               attributed_party=parties["lna"])
    v.refresh_from_db()
    assert v.attributed_party == parties["lna"]


def test_a_verifier_cannot_review_findings(make_incident, users):
    v = make_incident().verification
    transition(v, "triaged", users["verifier"])
    with pytest.raises(Forbidden):
        transition(v, "closed", users["verifier"])
