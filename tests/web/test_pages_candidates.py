"""News candidates in the verification queue: a verifier accepts (an unverified incident) or
rejects with a reason; a monitor and a liaison officer see none of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from raqib.core import audit
from raqib.incidents.models import Incident
from raqib.osint import services
from raqib.osint.models import Candidate

from news_support import SHELLING, candidate_factory


@pytest.fixture
def make_candidate(db: Any, place: Any, parties: dict[str, Any]) -> Callable[..., Candidate]:
    return candidate_factory(place)


def test_the_queue_lists_pending_candidates_for_a_verifier(as_user, make_candidate):
    pending, decided = make_candidate(), make_candidate()
    services.reject_candidate(decided, None, "Old footage.")
    html = as_user("verifier").get(reverse("web:verification")).content.decode()
    assert 'id="news-candidates"' in html
    assert f'id="candidate-{pending.pk}"' in html and f'id="candidate-{decided.pk}"' not in html
    assert f'dir="auto" lang="en">{SHELLING}' in html
    assert 'href="https://news.example.org/1"' in html and "80%" in html
    assert reverse("web:accept_candidate", args=[pending.pk]) in html
    assert reverse("web:reject_candidate", args=[pending.pk]) in html
    assert 'name="reason"' in html and "required" in html


def test_the_queue_has_no_section_without_pending_candidates(as_user, db, users):
    html = as_user("verifier").get(reverse("web:verification")).content.decode()
    assert "news-candidates" not in html


def test_a_verifier_accepts_and_lands_on_the_new_incident(as_user, make_candidate, users):
    candidate = make_candidate()
    response = as_user("verifier").post(reverse("web:accept_candidate", args=[candidate.pk]), {"from": "queue"})
    candidate.refresh_from_db()
    incident = Incident.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("web:incident", args=[incident.pk])
    assert (candidate.state, candidate.incident, candidate.decided_by) == ("accepted", incident, users["verifier"])
    assert incident.verification.state == "received"
    assert list(audit.verify()) == []


def test_accepting_without_a_date_asks_for_one_and_takes_the_correction(as_user, make_candidate):
    candidate = make_candidate(date=None)
    client = as_user("chief")
    url = reverse("web:accept_candidate", args=[candidate.pk])
    refused = client.post(url, {"from": "queue"}, follow=True)
    assert "give the date" in refused.content.decode() and not Incident.objects.exists()
    assert client.post(url, {"date": "2020-11-01", "lat": "31.0"}).status_code == 400
    response = client.post(url, {"date": "2020-11-01"})
    incident = Incident.objects.get()
    assert response["Location"] == reverse("web:incident", args=[incident.pk])
    assert incident.occurred_start.date() == dt.date(2020, 11, 1)


def test_a_verifier_rejects_with_a_reason(as_user, make_candidate, users):
    candidate = make_candidate()
    client = as_user("verifier")
    url = reverse("web:reject_candidate", args=[candidate.pk])
    assert client.post(url, {"from": "queue", "reason": "   "}).status_code == 400
    candidate.refresh_from_db()
    assert candidate.state == "pending"
    response = client.post(url, {"from": "queue", "reason": "Outside the monitored area."})
    assert response.status_code == 302 and response["Location"] == reverse("web:verification")
    candidate.refresh_from_db()
    assert (candidate.state, candidate.reason, candidate.decided_by) == (
        "rejected", "Outside the monitored area.", users["verifier"])
    assert list(audit.verify()) == []
    again = client.post(url, {"reason": "again"}, follow=True)
    assert again.status_code == 200 and not Incident.objects.exists()
    candidate.refresh_from_db()
    assert candidate.reason == "Outside the monitored area."


def test_a_verifier_reads_a_candidate(as_user, make_candidate):
    candidate = make_candidate()
    html = as_user("verifier").get(reverse("web:candidate", args=[candidate.pk])).content.decode()
    assert SHELLING in html and 'href="https://news.example.org/1"' in html
    assert reverse("web:reject_candidate", args=[candidate.pk]) in html


@pytest.mark.parametrize("role", ["monitor", "liaison_gna"])
def test_others_get_404_on_a_candidate_and_see_no_section(as_user, make_candidate, role):
    candidate = make_candidate()
    client = as_user(role)
    assert client.get(reverse("web:candidate", args=[candidate.pk])).status_code == 404
    assert client.post(reverse("web:accept_candidate", args=[candidate.pk])).status_code == 404
    assert client.post(reverse("web:reject_candidate", args=[candidate.pk]), {"reason": "no"}).status_code == 404
    queue = client.get(reverse("web:verification"))
    assert "news-candidates" not in queue.content.decode() and SHELLING not in queue.content.decode()
    candidate.refresh_from_db()
    assert candidate.state == "pending" and not Incident.objects.exists()


def test_deciding_takes_a_post(as_user, make_candidate):
    candidate = make_candidate()
    assert as_user("verifier").get(reverse("web:accept_candidate", args=[candidate.pk])).status_code == 405
