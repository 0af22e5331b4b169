"""An analyst accepts a candidate (an incident with its news sources, never verified
automatically) or rejects it with a reason; both are in the audit chain."""

from __future__ import annotations

import datetime as dt

import pytest

from raqib.core import audit
from raqib.core.errors import Forbidden, IllegalTransition, Invalid
from raqib.incidents.models import Source
from raqib.osint import services
from raqib.osint.models import Candidate
from raqib.osint.processing import process_pending

from .samples import MINE_EN, SHELLING_AR, SHELLING_EN, article


@pytest.fixture
def candidate(wire, sirte, parties) -> Candidate:
    services.store_article(wire, article(SHELLING_EN, url="https://e.org/en", title="Shelling near Sirte"))
    services.store_article(wire, article(SHELLING_AR, url="https://e.org/ar"))
    process_pending()
    return Candidate.objects.get()


def test_accepting_creates_an_incident_with_a_news_source_per_article(candidate, users, sirte, parties):
    incident = services.accept_candidate(candidate, users["verifier"])
    candidate.refresh_from_db()
    assert (candidate.state, candidate.incident, candidate.decided_by) == ("accepted", incident, users["verifier"])
    assert (incident.category, incident.subtype, incident.place) == ("ceasefire_violation", "shelling", sirte)
    assert (incident.lat, incident.lon, incident.time_precision) == (31.2089, 16.5887, "day")
    assert incident.occurred_start.date() == dt.date(2020, 11, 2)
    assert "Residents of Sirte reported heavy shelling" in incident.description_en
    assert {p.key for p in incident.parties.all()} == {"gna", "lna"}
    sources = list(incident.sources.order_by("url"))
    assert [(s.kind, s.url, s.reliability) for s in sources] == [
        (Source.Kind.NEWS, "https://e.org/ar", "C"), (Source.Kind.NEWS, "https://e.org/en", "C")]
    assert sources[1].title == "Shelling near Sirte" and sources[1].published_at is not None


def test_an_accepted_candidate_is_not_verified(candidate, users):
    incident = services.accept_candidate(candidate, users["chief"])
    assert incident.verification.state == "received" and incident.verification.outcome == ""


def test_accepting_and_rejecting_leave_the_audit_chain_clean(candidate, users, wire):
    services.accept_candidate(candidate, users["verifier"], note="two agencies")
    services.store_article(wire, article(MINE_EN, date="2020-12-14T08:00:00+00:00"))
    process_pending()
    other = Candidate.objects.get(state="pending")
    services.reject_candidate(other, users["chief"], "Outside the monitored area.")
    entries = list(audit.history(candidate))
    assert entries[-1].after["state"] == "accepted" and entries[-1].note == "two agencies"
    assert list(audit.verify()) == []


def test_rejecting_records_the_reason(candidate, users):
    services.reject_candidate(candidate, users["verifier"], "  Old footage, shelling of 2019.  ")
    candidate.refresh_from_db()
    assert (candidate.state, candidate.reason) == ("rejected", "Old footage, shelling of 2019.")
    assert candidate.decided_by == users["verifier"] and candidate.incident is None
    assert audit.history(candidate).last().note == "Old footage, shelling of 2019."


def test_a_rejection_needs_a_reason(candidate, users):
    with pytest.raises(Invalid):
        services.reject_candidate(candidate, users["verifier"], "   ")
    candidate.refresh_from_db()
    assert candidate.state == "pending"


@pytest.mark.parametrize("role", ["monitor", "team_leader", "liaison_gna", "public"])
def test_only_an_analyst_may_accept_or_reject(candidate, users, role):
    with pytest.raises(Forbidden):
        services.accept_candidate(candidate, users[role])
    with pytest.raises(Forbidden):
        services.reject_candidate(candidate, users[role], "no")
    candidate.refresh_from_db()
    assert candidate.state == "pending" and candidate.incident is None


def test_only_analysts_see_the_queue(candidate, users):
    assert list(services.visible_candidates(users["verifier"])) == [candidate]
    assert not services.visible_candidates(users["liaison_gna"]).exists()
    assert not services.visible_candidates(users["monitor"]).exists()


def test_a_decided_candidate_cannot_be_decided_again(candidate, users):
    services.reject_candidate(candidate, users["verifier"], "duplicate of INC-000001")
    with pytest.raises(IllegalTransition):
        services.accept_candidate(candidate, users["chief"])


def test_the_analyst_may_correct_the_candidate_when_accepting(candidate, users):
    incident = services.accept_candidate(candidate, users["verifier"],
                                         {"subtype": "armed_clash", "date": dt.date(2020, 11, 1)})
    candidate.refresh_from_db()
    assert incident.subtype == candidate.subtype == "armed_clash"
    assert incident.occurred_start.date() == dt.date(2020, 11, 1)  # no agreement: the mission's days are UTC


def test_a_candidate_without_a_location_needs_one_to_be_accepted(users, wire, sirte):
    services.store_article(wire, article(MINE_EN, date="2020-12-14T08:00:00+00:00"))
    process_pending()
    mine = Candidate.objects.get()
    mine_without_point = {"lat": None, "lon": None}
    services.merge_into(mine, mine_without_point)
    with pytest.raises(Invalid, match="no location"):
        services.accept_candidate(mine, users["verifier"])
    incident = services.accept_candidate(mine, users["verifier"], {"place": sirte})
    assert (incident.lat, incident.lon, incident.killed_max, incident.severity) == (31.2089, 16.5887, 1, 3)


def test_a_later_article_about_an_accepted_event_adds_a_source_to_its_incident(users, wire, sirte, parties):
    services.store_article(wire, article(SHELLING_EN, url="https://e.org/en"))
    process_pending()
    incident = services.accept_candidate(Candidate.objects.get(), users["verifier"])
    services.store_article(wire, article(SHELLING_AR, url="https://e.org/ar"))
    process_pending()
    assert sorted(incident.sources.values_list("url", flat=True)) == ["https://e.org/ar", "https://e.org/en"]
    assert Candidate.objects.get().state == "accepted"
    assert list(audit.verify()) == []


def test_an_undated_candidate_needs_a_date_to_be_accepted(users, wire, sirte):
    services.store_article(wire, article(SHELLING_EN.replace(" on Monday", ""), date=None))
    process_pending()
    undated = Candidate.objects.get()
    with pytest.raises(Invalid, match="no date"):
        services.accept_candidate(undated, users["verifier"])
    incident = services.accept_candidate(undated, users["verifier"], {"date": dt.date(2020, 11, 2)})
    assert incident.time_precision == "day" and incident.occurred_start.date() == dt.date(2020, 11, 2)


def test_a_date_from_the_publication_gives_a_window_of_the_days_before_it(candidate, users, wire, sirte):
    services.reject_candidate(candidate, users["verifier"], "test")
    services.store_article(wire, article(MINE_EN.replace(" on Saturday", "").replace("Ain Zara, south of Tripoli",
                                                                                     "Sirte"),
                                         date="2020-12-14T08:00:00+00:00"))
    process_pending()
    dated = Candidate.objects.get(state="pending")
    assert dated.date_from_publication
    incident = services.accept_candidate(dated, users["verifier"])
    assert incident.time_precision == "week"
    assert (incident.occurred_start.date(), incident.occurred_end.date()) == (dt.date(2020, 12, 11),
                                                                                dt.date(2020, 12, 14))


def test_the_window_is_the_missions_local_day(candidate, users):
    from raqib.agreements.services import upsert_agreement

    upsert_agreement("geneva-2020", {"title_en": "Ceasefire", "title_ar": "وقف إطلاق النار",
                                     "signed_on": dt.date(2020, 10, 23), "timezone": "Africa/Tripoli"}, None)
    incident = services.accept_candidate(candidate, users["verifier"])
    assert incident.occurred_start == dt.datetime(2020, 11, 1, 22, 0, tzinfo=dt.UTC)  # 00:00 in Tripoli (UTC+2)
