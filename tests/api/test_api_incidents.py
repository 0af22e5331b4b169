"""Filing, reading and correcting incidents, role by role."""

from __future__ import annotations

import pytest

from raqib.core import audit
from raqib.incidents.models import Incident
from raqib.verification import services as verification

pytestmark = pytest.mark.django_db


def test_a_monitor_files_an_incident_with_references_by_key(as_, incident_payload, zone, places, provisions):
    body = incident_payload(place="sirte", provisions=["2", provisions["ceasefire"].pk],
                            parties=[{"party": "lna", "role": "alleged_perpetrator"},
                                     {"party": "gna", "role": "target"}],
                            killed_min=2)
    response = as_("monitor").post_json("/incidents", body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["reference"] == f"INC-{created['id']:06d}"
    assert created["zone"] == "sirte-triangle"  # computed by the service
    assert created["place"] == "sirte"
    assert sorted(p["number"] for p in created["provisions"]) == ["1", "2"]
    assert {(p["party"], p["role"]) for p in created["parties"]} == {("lna", "alleged_perpetrator"), ("gna", "target")}
    assert created["killed_max"] == 2  # the maximum defaults to the minimum
    assert created["verification"]["state"] == "received"
    incident = Incident.objects.get(pk=created["id"])
    assert incident.created_by.username == "monitor"
    assert "created_by" not in created
    assert list(audit.verify()) == []


@pytest.mark.parametrize("role", ["liaison_gna", "public"])
def test_only_mission_staff_may_file_an_incident(as_, incident_payload, role):
    response = as_(role).post_json("/incidents", incident_payload(parties=[{"party": "nobody", "role": "target"}]))
    assert response.status_code == 403
    assert response.json()["error"]
    assert not Incident.objects.exists()


def test_the_public_gets_404_on_an_incident(as_, make_incident):
    incident = make_incident()
    assert as_("public").get_json(f"/incidents/{incident.pk}").status_code == 404


def test_a_liaison_cannot_see_an_incident_not_shared_with_the_jmc(as_, make_incident):
    incident = make_incident()
    assert as_("liaison_gna").get_json(f"/incidents/{incident.pk}").status_code == 404


def test_a_liaison_sees_a_shared_incident_with_the_parties_it_involves(as_, make_incident, parties):
    incident = make_incident(shared_with_jmc=True, parties=[(parties["lna"], "alleged_perpetrator")])
    response = as_("liaison_gna").get_json(f"/incidents/{incident.pk}")
    assert response.status_code == 200
    assert response.json()["parties"] == as_("chief").get_json(f"/incidents/{incident.pk}").json()["parties"] != []
    assert "created_by" not in response.json()


def test_a_liaison_sees_the_incident_their_own_allegation_was_linked_to(as_, make_incident, make_allegation):
    incident = make_incident()
    make_allegation("liaison_gna", incident=None)
    allegation = make_allegation("liaison_lna")
    as_("verifier").patch_json(f"/allegations/{allegation.pk}", {"incident": incident.pk})
    assert as_("liaison_lna").get_json(f"/incidents/{incident.pk}").status_code == 200
    assert as_("liaison_gna").get_json(f"/incidents/{incident.pk}").status_code == 404


def test_the_monitor_who_filed_an_incident_may_correct_it(as_, make_incident, users):
    incident = make_incident(users["monitor"])
    response = as_("monitor").patch_json(f"/incidents/{incident.pk}", {"killed_min": 1, "killed_max": 3,
                                                                       "note": "hospital figures"})
    assert response.status_code == 200, response.content
    incident.refresh_from_db()
    assert (incident.killed_min, incident.killed_max) == (1, 3)
    assert audit.history(incident).last().note == "hospital figures"
    assert list(audit.verify()) == []


def test_a_team_leader_cannot_correct_another_monitors_incident(as_, make_incident, users):
    incident = make_incident(users["monitor"])
    response = as_("team_leader").patch_json(f"/incidents/{incident.pk}", {"severity": 4})
    assert response.status_code == 403
    incident.refresh_from_db()
    assert incident.severity == 1


def test_a_monitor_cannot_correct_an_incident_once_it_is_under_verification(as_, make_incident, users):
    incident = make_incident(users["monitor"])
    verification.transition(incident.verification, "triaged", users["verifier"])
    verification.transition(incident.verification, "under_verification", users["verifier"])
    assert as_("monitor").patch_json(f"/incidents/{incident.pk}", {"severity": 4}).status_code == 403
    assert as_("verifier").patch_json(f"/incidents/{incident.pk}", {"severity": 4}).status_code == 200
    incident.refresh_from_db()
    assert incident.severity == 4


def test_a_liaison_gets_404_when_correcting_an_incident_they_cannot_see(as_, make_incident):
    incident = make_incident()
    assert as_("liaison_gna").patch_json(f"/incidents/{incident.pk}", {"severity": 4}).status_code == 404


def test_a_correction_may_move_the_incident_replace_its_parties_and_clear_its_place(as_, make_incident, zone, places,
                                                                                     parties):
    incident = make_incident(place=places["sirte"], parties=[(parties["lna"], "perpetrator")])
    response = as_("verifier").patch_json(f"/incidents/{incident.pk}", {
        "lat": 32.0, "lon": 20.0, "place": None, "parties": [{"party": "wagner", "role": "involved"}]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["zone"], body["place"]) == (None, None)
    assert body["parties"] == [{"party": "wagner", "role": "involved"}]
    assert list(audit.verify()) == []


@pytest.mark.parametrize("changes,status", [
    ({"category": None}, 422),
    ({"lat": None}, 422),
    ({"killed_min": None}, 422),
    ({"id": 5}, 422),
    ({"zone": "sirte-triangle"}, 422),
    ({"killed_min": 5, "killed_max": 1}, 400),
    ({"occurred_end": "2020-01-01T00:00:00Z"}, 400),
    ({"subtype": "arrival"}, 400),
    ({"parties": [{"party": "martians"}]}, 400),
])
def test_an_invalid_correction_is_refused_and_changes_nothing(as_, make_incident, changes, status):
    incident = make_incident()
    before = audit.snapshot(incident)
    response = as_("verifier").patch_json(f"/incidents/{incident.pk}", changes)
    assert response.status_code == status, response.content
    assert response.json()["error"]
    assert audit.snapshot(incident) == before
