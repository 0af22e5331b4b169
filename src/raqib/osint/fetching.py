"""Fetching the active news sources that have an address (feeds, article pages, JSON dumps).

Each source is claimed before it is fetched (its ``last_fetched`` set under a row lock), so
several workers ticking at once fetch it once per interval; a failure is recorded on the source
(``last_error``) and the others are still fetched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from raqib.osint import services
from raqib.osint.intake import IntakeError
from raqib.osint.intake.fetch import fetch
from raqib.osint.intake.files import parse_bytes
from raqib.osint.intake.telegram import username_from
from raqib.osint.models import NewsSource

FETCHABLE = (NewsSource.Kind.FEED, NewsSource.Kind.HTML, NewsSource.Kind.JSON)
# A tick a little early still finds the source due.
SLACK = dt.timedelta(seconds=30)


@dataclass
class FetchReport:
    sources: int = 0
    stored: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)


def fetchable() -> QuerySet[NewsSource]:
    return NewsSource.objects.filter(active=True, kind__in=FETCHABLE).exclude(url="").order_by("name")


def fetch_source(source: NewsSource, report: FetchReport, due_before: dt.datetime | None = None) -> None:
    if not services.claim_fetch(source, due_before):
        return
    report.sources += 1
    try:
        data = fetch(source.url)
        raws = parse_bytes(source.kind, data, source.url, url=source.url, username=username_from(source.url),
                           jsonl=source.url.lower().endswith((".jsonl", ".ndjson")))
    except IntakeError as exc:
        report.errors.append(str(exc))
        services.record_fetch(source, str(exc))
        return
    stored = services.store_articles(source, raws)
    report.stored += stored.stored
    report.duplicates += stored.duplicates
    if source.last_error:
        services.record_fetch(source, "")


def fetch_sources(*, force: bool = False, names: list[str] | None = None) -> FetchReport:
    """Fetch the active sources that are due (all of them with ``force``), or those named."""
    report = FetchReport()
    interval = settings.RAQIB_FEEDS_INTERVAL
    if not force and not interval:
        return report
    due_before = None if force else timezone.now() - dt.timedelta(minutes=interval) + SLACK
    sources = fetchable()
    if names:
        sources = sources.filter(name__in=names)
    for source in sources:
        fetch_source(source, report, due_before)
    return report
