"""Provision compliance: the rules, the chief's word, and the history kept."""

from __future__ import annotations

import datetime as dt

import pytest

from raqib.agreements.compliance import (history, provision_statuses, record_rule_statuses, set_status,
                                         status_of)
from raqib.agreements.models import ComplianceAssessment
from raqib.core.errors import Forbidden, Invalid
from raqib.forces.models import ForceMovement
from raqib.forces.services import add_movement, transition_movement
from raqib.verification import services as verification

pytestmark = pytest.mark.django_db
D = dt.date
DEADLINE = D(2021, 1, 23)  # signature (23 Oct 2020) + 3 months


def test_before_any_estimate_the_withdrawal_has_not_started(provisions):
    assert status_of(provisions["withdrawal"], D(2021, 1, 1)).status == "not_started"


def test_before_the_signature_every_provision_has_not_started(provisions, ledger):
    assert {s.status for s in provision_statuses(D(2020, 10, 1))} == {"not_started"}


def test_foreign_forces_above_zero_before_the_deadline_are_in_progress_and_after_it_lapsed(provisions, ledger):
    before = status_of(provisions["withdrawal"], DEADLINE)
    assert (before.status, before.rule) == ("in_progress", "foreign_forces_withdrawn")
    after = status_of(provisions["withdrawal"], DEADLINE + dt.timedelta(days=1))
    assert after.status == "lapsed"
    assert after.figures == {"minimum": 5210, "maximum": 7420, "deadline": DEADLINE}


def test_the_withdrawal_is_met_when_every_force_has_left(provisions, ledger):
    for key, high in (("wagner", 2200), ("turks", 220), ("syrians", 5000)):
        m = add_movement(ledger[key], {"kind": "departure", "occurred_on": D(2021, 1, 30), "personnel_min": high,
                                       "personnel_max": high}, None)
        transition_movement(m, "verified", None)
    assert status_of(provisions["withdrawal"], D(2021, 1, 31)).status == "met"
    assert status_of(provisions["withdrawal"], D(2021, 1, 29)).status == "lapsed"


def test_an_unverified_departure_does_not_meet_the_withdrawal(provisions, ledger):
    for key, high in (("wagner", 2200), ("turks", 220), ("syrians", 5000)):
        add_movement(ledger[key], {"kind": "departure", "occurred_on": D(2021, 1, 30), "personnel_min": high,
                                   "personnel_max": high}, None)
    assert ForceMovement.objects.filter(state="reported").count() == 4
    assert status_of(provisions["withdrawal"], D(2021, 1, 31)).status == "lapsed"


def _verify(incident, chief, *, until: str = "reviewed") -> None:
    states = ["triaged", "under_verification", "findings_drafted", "reviewed", "closed"]
    for state in states[:states.index(until) + 1]:
        extra = {"outcome": "verified", "confidence": "fair"} if state == "findings_drafted" else {}
        verification.transition(incident.verification, state, chief, **extra)


def test_a_verified_violation_breaches_the_ceasefire(provisions, make_incident, users):
    incident = make_incident(provisions=[provisions["ceasefire"]])
    assert status_of(provisions["ceasefire"], D(2021, 1, 11)).status == "in_progress"
    _verify(incident, users["chief"], until="findings_drafted")
    assert status_of(provisions["ceasefire"], D(2021, 1, 11)).status == "in_progress"  # not reviewed yet
    verification.transition(incident.verification, "reviewed", users["chief"])
    breached = status_of(provisions["ceasefire"], D(2021, 1, 11))
    assert breached.status == "breached"
    assert breached.figures == {"verified_incidents": [incident.pk]}
    # The incident happened on 10 January: the day before, the ceasefire still held.
    assert status_of(provisions["ceasefire"], D(2021, 1, 9)).status == "in_progress"


def test_an_incident_not_linked_to_the_provision_does_not_breach_it(provisions, make_incident, users):
    incident = make_incident(provisions=[provisions["media"]])
    _verify(incident, users["chief"])
    assert status_of(provisions["ceasefire"], D(2021, 2, 1)).status == "in_progress"


def test_a_provision_without_a_rule_is_set_by_the_chief_and_its_history_kept(provisions, users):
    media = provisions["media"]
    assert status_of(media, D(2021, 1, 1)).status == "not_started"
    first = set_status(media, "in_progress", "Both sides' outlets toned down.", users["chief"], on=D(2021, 1, 5))
    second = set_status(media, "breached", "Incitement broadcast on 12 January.", users["chief"], on=D(2021, 1, 12))
    assert status_of(media, D(2021, 1, 8)).status == "in_progress"
    now = status_of(media, D(2021, 1, 20))
    assert (now.status, now.reason, now.source) == ("breached", "Incitement broadcast on 12 January.", "chief")
    assert history(media) == [second, first]
    first.refresh_from_db()
    assert first.superseded_by == second and second.superseded_by is None
    assert second.set_by == users["chief"]


def test_the_heavy_weapons_item_is_manual_although_it_is_a_withdrawal(provisions, users):
    assert status_of(provisions["heavy_weapons"], D(2021, 1, 1)).rule is None
    set_status(provisions["heavy_weapons"], "in_progress", "Artillery pulled back 10 km.", users["chief"],
               on=D(2021, 1, 2))


@pytest.mark.parametrize("justification", ["", "   "])
def test_the_chief_must_say_why(provisions, users, justification):
    with pytest.raises(Invalid):
        set_status(provisions["media"], "met", justification, users["chief"], on=D(2021, 1, 5))
    assert not ComplianceAssessment.objects.exists()


@pytest.mark.parametrize("role", ["verifier", "monitor", "liaison_gna", "public"])
def test_only_the_chief_sets_a_status(provisions, users, role):
    with pytest.raises(Forbidden):
        set_status(provisions["media"], "met", "Because.", users[role], on=D(2021, 1, 5))


def test_a_rule_governed_provision_needs_an_explicit_override(provisions, ledger, users):
    withdrawal = provisions["withdrawal"]
    with pytest.raises(Invalid):
        set_status(withdrawal, "met", "They left.", users["chief"], on=D(2021, 1, 25))
    set_status(withdrawal, "in_progress", "A departure schedule is agreed; lapsing is premature.", users["chief"],
               on=D(2021, 1, 25), override=True)
    held = status_of(withdrawal, D(2021, 1, 26))
    assert (held.status, held.source) == ("in_progress", "chief")
    # New facts change the rule's reading (every force leaves): the rule speaks again.
    for key, high in (("wagner", 2200), ("turks", 220), ("syrians", 5000)):
        m = add_movement(ledger[key], {"kind": "departure", "occurred_on": D(2021, 1, 28), "personnel_min": high,
                                       "personnel_max": high}, None)
        transition_movement(m, "verified", None)
    back = status_of(withdrawal, D(2021, 1, 29))
    assert (back.status, back.source) == ("met", "rule")


def test_the_rules_readings_are_recorded_once_per_change(provisions, ledger, users):
    recorded = record_rule_statuses(D(2021, 1, 20), users["chief"])
    assert {(a.provision.number, a.status) for a in recorded} == {("1", "in_progress"), ("2", "in_progress")}
    assert record_rule_statuses(D(2021, 1, 21), users["chief"]) == []
    lapsed = record_rule_statuses(D(2021, 1, 24), users["chief"])
    assert [(a.provision.number, a.status, a.rule) for a in lapsed] == [("2", "lapsed", "foreign_forces_withdrawn")]
    assert [a.status for a in history(provisions["withdrawal"])] == ["lapsed", "in_progress"]
    with pytest.raises(Forbidden):
        record_rule_statuses(D(2021, 1, 24), users["verifier"])
