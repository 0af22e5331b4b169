"""The extraction turns stored articles into candidates; articles about the same event become
one candidate with several sources."""

from __future__ import annotations

import datetime as dt

from raqib.core import audit
from raqib.osint import services
from raqib.osint.models import Article, Candidate, CandidateSource
from raqib.osint.processing import process_article, process_pending

from .samples import MINE_EN, OIL_EN, SHELLING_AR, SHELLING_EN, article


def test_extraction_creates_a_pending_candidate_with_place_date_and_evidence(wire, sirte):
    services.store_article(wire, article(SHELLING_EN, url="https://e.org/a"))
    report = process_pending()
    assert (report.articles, report.created, report.merged) == (1, 1, 0)
    [c] = Candidate.objects.all()
    assert (c.category, c.subtype, c.state) == ("ceasefire_violation", "shelling", "pending")
    assert c.place == sirte and c.place_text == "Sirte" and (c.lat, c.lon) == (31.2089, 16.5887)
    assert c.date == dt.date(2020, 11, 2) and not c.date_from_publication  # "on Monday" before 3 November
    assert c.evidence.startswith("Residents of Sirte reported heavy shelling") and c.language == "en"
    assert 0 < c.confidence <= 1
    assert Article.objects.get().processed


def test_two_articles_about_the_same_event_become_one_candidate_with_two_sources(wire, sirte):
    services.store_article(wire, article(SHELLING_EN, url="https://e.org/en"))
    services.store_article(wire, article(SHELLING_AR, url="https://e.org/ar", date="2020-11-04T06:00:00+00:00"))
    report = process_pending()
    assert (report.created, report.merged) == (1, 1)
    [c] = Candidate.objects.all()
    assert sorted(s.article.url for s in c.sources.all()) == ["https://e.org/ar", "https://e.org/en"]
    assert set(c.actors) == {"gna", "lna"}  # named only in the Arabic report
    assert CandidateSource.objects.get(article__url="https://e.org/ar").evidence.startswith("أفاد سكان")


def test_the_same_place_a_week_later_is_another_candidate(wire, sirte):
    services.store_article(wire, article(SHELLING_EN, url="https://e.org/1"))
    later = SHELLING_EN.replace("Residents of Sirte", "Farmers near Sirte").replace("October", "the autumn")
    services.store_article(wire, article(later + " The shelling lasted an hour.", url="https://e.org/2",
                                         date="2020-11-12T09:00:00+00:00"))
    process_pending()
    assert sorted(Candidate.objects.values_list("date", flat=True)) == [dt.date(2020, 11, 2), dt.date(2020, 11, 9)]


def test_another_event_elsewhere_is_another_candidate(wire, sirte):
    services.store_article(wire, article(SHELLING_EN))
    services.store_article(wire, article(MINE_EN, date="2020-12-14T08:00:00+00:00"))
    process_pending()
    assert sorted(Candidate.objects.values_list("category", flat=True)) == ["ceasefire_violation",
                                                                            "explosive_hazard"]
    mine = Candidate.objects.get(category="explosive_hazard")
    assert (mine.killed, mine.injured, mine.place) == (1, 2, None)  # Ain Zara is not in this test's gazetteer


def test_an_irrelevant_article_gives_no_candidate_but_is_processed(wire):
    stored, _ = services.store_article(wire, article(OIL_EN))
    assert process_pending().created == 0
    stored.refresh_from_db()
    assert stored.processed and not Candidate.objects.exists()


def test_an_article_another_worker_processed_meanwhile_is_left_alone(wire, sirte):
    stale, _ = services.store_article(wire, article(SHELLING_EN))  # read by this worker before the other ran
    process_pending()
    assert process_article(stale).articles == 0
    assert CandidateSource.objects.count() == 1


def test_candidates_and_their_sources_are_in_the_audit_chain(wire, sirte):
    services.store_article(wire, article(SHELLING_EN, url="https://e.org/en"))
    services.store_article(wire, article(SHELLING_AR, url="https://e.org/ar"))
    process_pending()
    c = Candidate.objects.get()
    assert [e.action for e in audit.history(c)] == ["create", "update"]  # merged: actors added
    assert list(audit.verify()) == []


def test_an_undated_event_is_a_candidate_of_its_own_without_a_date(wire, sirte):
    services.store_article(wire, article(SHELLING_EN.replace(" on Monday", ""), url="https://e.org/1", date=None))
    services.store_article(wire, article(SHELLING_AR.replace(" يوم الإثنين", ""), url="https://e.org/2", date=None))
    process_pending()
    assert list(Candidate.objects.values_list("date", "date_from_publication")) == [(None, False), (None, False)]


def test_an_event_without_a_date_of_its_own_takes_the_publication_date(wire, sirte):
    services.store_article(wire, article(SHELLING_EN.replace(" on Monday", ""), date="2020-11-03T23:30:00+00:00"))
    process_pending()
    c = Candidate.objects.get()
    assert (c.date, c.date_from_publication) == (dt.date(2020, 11, 3), True)


def test_two_events_of_one_article_stay_two_candidates_even_close_together(wire):
    text = ("Heavy shelling hit the town of Hun on Monday, residents said, in a breach of the ceasefire. "
            "Later that day, Haftar's forces shelled Sokna on Monday evening, killing two people.")
    services.store_article(wire, article(text))
    report = process_pending()
    assert (report.created, report.merged) == (2, 0)  # Hun and Sokna are 17 km apart
    assert sorted(Candidate.objects.values_list("place_name_en", flat=True)) == ["Hun", "Sokna"]
