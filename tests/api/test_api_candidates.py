"""``/candidates``: analysts list, read, accept and reject the events the news intake found;
everyone else sees none of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from raqib.core import audit
from raqib.incidents.models import Incident
from raqib.osint import services
from raqib.osint.models import Candidate

from news_support import SHELLING, candidate_factory


@pytest.fixture
def make_candidate(db: Any, places: dict[str, Any], parties: dict[str, Any]) -> Callable[..., Candidate]:
    return candidate_factory(places["sirte"])


def test_an_analyst_lists_pending_candidates_with_their_sources(as_, make_candidate):
    first, second = make_candidate(), make_candidate()
    services.reject_candidate(second, None, "Old footage.")
    response = as_("verifier").get_json("/candidates", state="pending")
    assert response.status_code == 200
    body = response.json()
    assert [c["id"] for c in body["items"]] == [first.pk] and body["next"] is None
    item = body["items"][0]
    assert (item["category"], item["subtype"], item["place"], item["date"]) == (
        "ceasefire_violation", "shelling", "sirte", "2020-11-02")
    assert (item["lat"], item["lon"], item["actors"], item["state"]) == (31.2089, 16.5887, ["gna", "lna"], "pending")
    assert item["evidence"] == SHELLING and item["confidence"] == 0.8
    assert item["sources"] == [{"url": "https://news.example.org/1", "title": "Shelling near Sirte (1)",
                                "source": "Test wire", "published_at": "2020-11-03T09:00:00Z",
                                "evidence": SHELLING, "confidence": 0.8}]
    everything = as_("chief").get_json("/candidates").json()["items"]
    assert [c["id"] for c in everything] == [second.pk, first.pk]


def test_the_list_pages_with_a_cursor(as_, make_candidate):
    made = [make_candidate() for _ in range(3)]
    client = as_("admin")
    first = client.get_json("/candidates", limit=2).json()
    second = client.get_json("/candidates", limit=2, cursor=first["next"]).json()
    assert [c["id"] for c in first["items"] + second["items"]] == [c.pk for c in reversed(made)]
    assert second["next"] is None


def test_an_unknown_state_is_refused(as_, make_candidate):
    response = as_("verifier").get_json("/candidates", state="verified")
    assert response.status_code == 422 and "state" in response.json()["error"]


@pytest.mark.parametrize("role", ["monitor", "team_leader", "liaison_gna", "public"])
def test_others_see_no_candidate(as_, make_candidate, role):
    candidate = make_candidate()
    client = as_(role)
    assert client.get_json("/candidates").status_code == 403
    for response in (client.get_json(f"/candidates/{candidate.pk}"),
                     client.post_json(f"/candidates/{candidate.pk}/accept", {}),
                     client.post_json(f"/candidates/{candidate.pk}/reject", {"reason": "no"})):
        assert response.status_code == 404 and "error" in response.json()
    candidate.refresh_from_db()
    assert candidate.state == "pending"


def test_an_analyst_reads_one_candidate_and_a_missing_one_is_404(as_, make_candidate):
    candidate = make_candidate()
    client = as_("verifier")
    assert client.get_json(f"/candidates/{candidate.pk}").json()["id"] == candidate.pk
    assert client.get_json(f"/candidates/{candidate.pk + 100}").status_code == 404


def test_accepting_creates_an_unverified_incident(as_, make_candidate, users):
    candidate = make_candidate()
    response = as_("verifier").post_json(f"/candidates/{candidate.pk}/accept")
    assert response.status_code == 201, response.content
    body = response.json()
    incident = Incident.objects.get(pk=body["incident"])
    assert body["reference"] == incident.reference and body["candidate"]["state"] == "accepted"
    assert body["candidate"]["incident"] == incident.pk
    assert incident.verification.state == "received"
    assert (incident.category, incident.subtype) == ("ceasefire_violation", "shelling")
    candidate.refresh_from_db()
    assert (candidate.state, candidate.decided_by) == ("accepted", users["verifier"])
    assert list(audit.verify()) == []


def test_accepting_with_corrections(as_, make_candidate):
    candidate = make_candidate(place=None, lat=None, lon=None, date=None)
    client = as_("chief")
    refused = client.post_json(f"/candidates/{candidate.pk}/accept", {})
    assert refused.status_code == 400 and "date" in refused.json()["error"]
    response = client.post_json(f"/candidates/{candidate.pk}/accept",
                                {"subtype": "armed_clash", "place": "misrata", "date": "2020-11-01"})
    assert response.status_code == 201, response.content
    incident = Incident.objects.get(pk=response.json()["incident"])
    assert (incident.subtype, incident.place.key, incident.lat) == ("armed_clash", "misrata", 32.3754)
    assert incident.occurred_start.date() == dt.date(2020, 11, 1)


@pytest.mark.parametrize("body", [{"place": "atlantis"}, {"lat": 31.0}, {"colour": "red"}, {"lat": 123}])
def test_bad_corrections_are_refused(as_, make_candidate, body):
    candidate = make_candidate()
    response = as_("verifier").post_json(f"/candidates/{candidate.pk}/accept", body)
    assert response.status_code in (400, 422) and "error" in response.json()
    candidate.refresh_from_db()
    assert candidate.state == "pending" and not Incident.objects.exists()


def test_rejecting_needs_a_reason_and_records_it(as_, make_candidate, users):
    candidate = make_candidate()
    client = as_("verifier")
    for body in ({}, {"reason": ""}):
        assert client.post_json(f"/candidates/{candidate.pk}/reject", body).status_code == 422
    assert client.post_json(f"/candidates/{candidate.pk}/reject", {"reason": "   "}).status_code == 400
    response = client.post_json(f"/candidates/{candidate.pk}/reject", {"reason": "Outside the monitored area."})
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["reason"]) == ("rejected", "Outside the monitored area.")
    candidate.refresh_from_db()
    assert (candidate.state, candidate.decided_by) == ("rejected", users["verifier"])
    assert list(audit.verify()) == []


def test_deciding_twice_is_a_conflict(as_, make_candidate):
    accepted, rejected = make_candidate(), make_candidate()
    client = as_("verifier")
    assert client.post_json(f"/candidates/{accepted.pk}/accept").status_code == 201
    assert client.post_json(f"/candidates/{rejected.pk}/reject", {"reason": "duplicate"}).status_code == 200
    for candidate in (accepted, rejected):
        for response in (client.post_json(f"/candidates/{candidate.pk}/accept"),
                         client.post_json(f"/candidates/{candidate.pk}/reject", {"reason": "again"})):
            assert response.status_code == 409 and "error" in response.json()
    assert Incident.objects.count() == 1
