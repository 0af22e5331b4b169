"""Observations and sources: mission staff only, and a source's person protected."""

from __future__ import annotations

import pytest

from raqib.core import audit
from raqib.incidents.models import Observation, Source

pytestmark = pytest.mark.django_db

OBSERVATION = {"method": "heard", "event_class": "explosion_impact", "observed_start": "2021-01-10T08:05:00Z",
               "count": 3, "bearing": 180, "distance": "3-5"}
SOURCE = {"kind": "testimony", "reliability": "C", "description": "A shepherd saw the impacts.",
          "identity": "Ali the shepherd", "contact": "+218 91 000 0000"}


def test_a_monitor_records_an_observation_of_an_incident(as_, make_incident):
    incident = make_incident()
    response = as_("monitor").post_json("/observations", {**OBSERVATION, "incident": incident.pk})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["incident"] == incident.pk
    assert body["observed_end"] == body["observed_start"]
    assert as_("verifier").get_json(f"/observations/{body['id']}").json() == body
    listed = as_("chief").get_json("/observations", incident=incident.pk).json()["items"]
    assert [o["id"] for o in listed] == [body["id"]]
    assert list(audit.verify()) == []


@pytest.mark.parametrize("role", ["liaison_gna", "public"])
def test_observations_are_closed_to_anyone_outside_the_mission(as_, users, role):
    as_("monitor").post_json("/observations", OBSERVATION)
    observation = Observation.objects.get()
    assert as_(role).post_json("/observations", OBSERVATION).status_code == 403
    assert as_(role).get_json("/observations").status_code == 403
    assert as_(role).get_json(f"/observations/{observation.pk}").status_code == 404
    assert Observation.objects.count() == 1


@pytest.mark.parametrize("changes,status", [
    ({"method": "smelt"}, 400), ({"bearing": 360}, 422), ({"observed_end": "2021-01-10T08:00:00Z"}, 422),
    ({"incident": 424242}, 400), ({"observer_lat": "north"}, 422), ({"team": 0}, 422),
])
def test_an_invalid_observation_is_refused_and_nothing_is_saved(as_, changes, status):
    response = as_("monitor").post_json("/observations", {**OBSERVATION, **changes})
    assert response.status_code == status, response.content
    assert not Observation.objects.exists()


def test_walking_the_observations_visits_each_once(as_):
    for minute in range(7):
        as_("monitor").post_json("/observations", {**OBSERVATION, "observed_start": f"2021-01-10T08:0{minute}:00Z"})
    seen, cursor = [], None
    while True:
        page = as_("monitor").get_json("/observations", limit=3, **({"cursor": cursor} if cursor else {})).json()
        seen += [o["id"] for o in page["items"]]
        if not (cursor := page["next"]):
            break
    assert sorted(seen) == sorted(Observation.objects.values_list("pk", flat=True)) and len(set(seen)) == 7


def test_a_source_names_its_person_only_to_those_who_may_read_protected_data(as_, make_incident):
    incident = make_incident()
    created = as_("monitor").post_json(f"/incidents/{incident.pk}/sources", SOURCE)
    assert created.status_code == 201, created.content
    assert "identity" not in created.json() and "contact" not in created.json()
    monitor_view = as_("monitor").get_json(f"/incidents/{incident.pk}/sources")
    assert "Ali" not in monitor_view.content.decode()
    verifier_view = as_("verifier").get_json(f"/incidents/{incident.pk}/sources").json()
    assert verifier_view[0]["identity"] == "Ali the shepherd"
    assert Source.objects.get().identity == "Ali the shepherd"
    assert list(audit.verify()) == []


def test_a_liaison_gets_no_sources_even_of_a_shared_incident(as_, make_incident):
    incident = make_incident(shared_with_jmc=True)
    as_("monitor").post_json(f"/incidents/{incident.pk}/sources", SOURCE)
    response = as_("liaison_gna").get_json(f"/incidents/{incident.pk}/sources")
    assert response.status_code == 403
    assert "Ali" not in response.content.decode()
    assert as_("liaison_gna").post_json(f"/incidents/{incident.pk}/sources", SOURCE).status_code == 403
    assert Source.objects.count() == 1


def test_the_public_gets_404_on_an_incidents_sources(as_, make_incident):
    incident = make_incident()
    assert as_("public").get_json(f"/incidents/{incident.pk}/sources").status_code == 404


@pytest.mark.parametrize("changes,status", [
    ({"kind": "rumour"}, 400), ({"url": "not a url"}, 400), ({"reliability": "Z"}, 400),
    ({"observation": 999}, 400), ({"identity": "x" * 301}, 422),
])
def test_an_invalid_source_is_refused_and_nothing_is_saved(as_, make_incident, changes, status):
    incident = make_incident()
    response = as_("monitor").post_json(f"/incidents/{incident.pk}/sources", {**SOURCE, **changes})
    assert response.status_code == status, response.content
    assert not Source.objects.exists()
