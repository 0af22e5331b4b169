"""The verification workflow through the API: who may move a case, and which moves exist."""

from __future__ import annotations

import pytest

from raqib.core import audit
from raqib.verification import services as verification

pytestmark = pytest.mark.django_db

DRAFT = {"state": "findings_drafted", "outcome": "verified", "confidence": "fair",
         "attribution": "party", "attributed_party": "lna", "findings": "Crater analysis points north."}


def path(incident, action: str = "") -> str:
    return f"/incidents/{incident.pk}/verification" + (f"/{action}" if action else "")


def advance(incident, users, *states: str) -> None:
    for state in states:
        extra = {k: v for k, v in DRAFT.items() if k != "state"} if state == "findings_drafted" else {}
        if "attributed_party" in extra:
            from raqib.actors.models import Party

            extra["attributed_party"] = Party.objects.get(key="lna")
        verification.transition(incident.verification, state, users["chief"], **extra)


def test_a_verifier_triages_an_incident(as_, make_incident):
    incident = make_incident()
    response = as_("verifier").post_json(path(incident, "transition"), {"state": "triaged", "note": "looks real"})
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "triaged"
    incident.verification.refresh_from_db()
    assert incident.verification.state == "triaged"
    assert list(audit.verify()) == []


def test_a_monitor_cannot_transition_a_verification(as_, make_incident):
    incident = make_incident()
    response = as_("monitor").post_json(path(incident, "transition"), {"state": "triaged"})
    assert response.status_code == 403
    incident.verification.refresh_from_db()
    assert incident.verification.state == "received"


def test_a_verifier_cannot_review(as_, make_incident, users):
    incident = make_incident()
    advance(incident, users, "triaged", "under_verification", "findings_drafted")
    response = as_("verifier").post_json(path(incident, "transition"), {"state": "reviewed"})
    assert response.status_code == 403
    incident.verification.refresh_from_db()
    assert incident.verification.state == "findings_drafted"
    assert as_("chief").post_json(path(incident, "transition"), {"state": "reviewed"}).status_code == 200


def test_an_illegal_move_is_a_409_and_leaves_the_state_as_it_was(as_, make_incident):
    incident = make_incident()
    response = as_("verifier").post_json(path(incident, "transition"), {"state": "under_verification"})
    assert response.status_code == 409
    assert "received" in response.json()["error"]
    incident.verification.refresh_from_db()
    assert incident.verification.state == "received"


def test_findings_are_drafted_with_an_attribution_named_by_key(as_, make_incident, users):
    incident = make_incident()
    advance(incident, users, "triaged", "under_verification")
    response = as_("verifier").post_json(path(incident, "transition"), DRAFT)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["outcome"], body["attributed_party"], body["findings"]) == ("verified", "lna", DRAFT["findings"])
    assert body["next_states"] == ["reviewed", "under_verification"]


@pytest.mark.parametrize("body,status", [
    ({"state": "findings_drafted"}, 400),  # no outcome, no confidence
    ({**DRAFT, "outcome": "could_not_be_verified"}, 400),  # needs its reason
    ({**DRAFT, "attributed_party": "martians"}, 400),
    ({**DRAFT, "outcome": None}, 422),
    ({"state": "lost"}, 400),
    ({"state": ""}, 422),
    ({"state": "findings_drafted", "verdict": "guilty"}, 422),
])
def test_incomplete_or_unknown_findings_are_refused_and_change_nothing(as_, make_incident, users, body, status):
    incident = make_incident()
    advance(incident, users, "triaged", "under_verification")
    before = audit.snapshot(incident.verification)
    response = as_("verifier").post_json(path(incident, "transition"), body)
    assert response.status_code == status, response.content
    assert audit.snapshot(incident.verification) == before


def test_staff_read_the_findings_and_the_assignee_but_a_liaison_reads_neither(as_, make_incident, users):
    incident = make_incident(shared_with_jmc=True)
    advance(incident, users, "triaged", "under_verification", "findings_drafted")
    verification.assign(incident.verification, users["verifier"], users["chief"])
    staff = as_("monitor").get_json(path(incident)).json()
    assert staff["findings"] == DRAFT["findings"] and staff["assigned_to"] == "verifier"
    liaison = as_("liaison_gna").get_json(path(incident))
    assert liaison.status_code == 200
    body = liaison.json()
    assert body["state"] == "findings_drafted"
    assert "findings" not in body and "assigned_to" not in body
    assert "Crater" not in liaison.content.decode() and "verifier" not in liaison.content.decode()


def test_the_public_gets_404_on_a_verification(as_, make_incident):
    incident = make_incident(shared_with_jmc=True)
    assert as_("public").get_json(path(incident)).status_code == 404
    assert as_("public").post_json(path(incident, "transition"), {"state": "triaged"}).status_code == 404


def test_an_analyst_assigns_a_verification_to_a_verifier(as_, make_incident):
    incident = make_incident()
    response = as_("chief").post_json(path(incident, "assign"), {"username": "verifier"})
    assert response.status_code == 200
    assert response.json()["assigned_to"] == "verifier"
    incident.verification.refresh_from_db()
    assert incident.verification.assigned_to.username == "verifier"
    assert as_("chief").post_json(path(incident, "assign"), {"username": None}).json()["assigned_to"] is None


@pytest.mark.parametrize("who,username,status", [
    ("monitor", "verifier", 403),
    ("chief", "monitor", 400),
    ("chief", "nobody", 400),
    ("liaison_gna", "verifier", 404),
])
def test_an_assignment_is_refused_to_the_wrong_people(as_, make_incident, who, username, status):
    incident = make_incident()
    assert as_(who).post_json(path(incident, "assign"), {"username": username}).status_code == status
    incident.verification.refresh_from_db()
    assert incident.verification.assigned_to is None
