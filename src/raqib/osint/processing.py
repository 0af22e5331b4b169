"""Running the extraction on stored articles and turning its events into candidates.

An event joins an existing candidate when it is the same event told by another article: same
category, a place within :data:`SAME_PLACE_KM` (or, without coordinates, the same place name),
a date within :data:`SAME_DAYS`. A candidate already decided keeps its decision and gains the
new article as a source (an accepted one also gives its incident a news-article source).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from raqib.geo.models import Place
from raqib.incidents.models import Source
from raqib.incidents.services import add_source
from raqib.osint import services
from raqib.agreements.timezone import mission_timezone
from raqib.osint.extract import Gazetteer, extract_article
from raqib.osint.models import Article, Candidate

logger = logging.getLogger(__name__)
SAME_PLACE_KM = 25.0
SAME_DAYS = 2
_OFFSET = re.compile(r"^\d+(?:\.\d+)? km \w+ of ")


@dataclass
class ProcessReport:
    articles: int = 0
    created: int = 0
    merged: int = 0
    failed: int = 0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def resolve_place(name_en: str | None, lat: float | None, lon: float | None) -> Place | None:
    """The gazetteer place an event names ("12 km south of Sirte" names Sirte), nearest first."""
    if not name_en:
        return None
    places = list(Place.objects.filter(name_en=_OFFSET.sub("", name_en)))
    if lat is None or lon is None or len(places) < 2:
        return places[0] if places else None
    located = [p for p in places if p.lat is not None and p.lon is not None]
    return min(located, key=lambda p: km(lat, lon, p.lat, p.lon)) if located else places[0]  # type: ignore[arg-type]


def _published(article: Article) -> dt.date | None:
    return article.published_at.astimezone(mission_timezone()).date() if article.published_at else None


def find_match(category: str, lat: float | None, lon: float | None, place_name_en: str,
               day: dt.date | None, article: Article) -> Candidate | None:
    """The candidate this event is another article's report of, if any. The events of one
    article are distinct (the extraction has merged what it tells twice), and an undated event
    is never merged: a wrong merge would hide an event, a missed one only shows it twice."""
    if day is None:
        return None
    near = Candidate.objects.filter(category=category, date__gte=day - dt.timedelta(days=SAME_DAYS),
                                    date__lte=day + dt.timedelta(days=SAME_DAYS)).exclude(sources__article=article)
    if lat is None or lon is None:
        return near.filter(lat__isnull=True, place_name_en=place_name_en).order_by("id").first()
    box = near.filter(lat__range=(lat - 0.25, lat + 0.25), lon__range=(lon - 0.35, lon + 0.35))
    scored = [(km(lat, lon, c.lat, c.lon), abs((c.date - day).days), c.pk, c) for c in box
              if c.lat is not None and c.lon is not None and c.date is not None]
    close = [s for s in scored if s[0] <= SAME_PLACE_KM]
    return min(close, key=lambda s: s[:3])[3] if close else None


def _values(event: dict[str, Any], article: Article) -> dict[str, Any]:
    told = dt.date.fromisoformat(event["date"]) if event.get("date") else None
    published = _published(article)
    return {
        "category": event["category"], "subtype": event["subtype"],
        "place": resolve_place(event.get("place_name_en"), event.get("lat"), event.get("lon")),
        "place_text": (event.get("place") or "")[:200], "place_name_en": (event.get("place_name_en") or "")[:200],
        "lat": event.get("lat"), "lon": event.get("lon"),
        "date": told or published, "date_from_publication": told is None and published is not None,
        "actors": sorted(event.get("actors") or []),
        "killed": (event.get("casualties") or {}).get("killed"),
        "injured": (event.get("casualties") or {}).get("injured"),
        "evidence": event["evidence"], "language": article.lang, "confidence": float(event["confidence"]),
    }


def _larger(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _merge(candidate: Candidate, values: dict[str, Any], article: Article) -> None:
    changes: dict[str, Any] = {
        "actors": sorted(set(candidate.actors) | set(values["actors"])),
        "confidence": max(candidate.confidence, values["confidence"]),
        "killed": _larger(candidate.killed, values["killed"]),
        "injured": _larger(candidate.injured, values["injured"]),
    }
    if candidate.date_from_publication and not values["date_from_publication"]:
        changes.update(date=values["date"], date_from_publication=False)
    if candidate.state == Candidate.State.PENDING:
        services.merge_into(candidate, changes)
    linked = services.add_candidate_source(candidate, article, values["evidence"], values["confidence"])
    if linked is not None and candidate.state == Candidate.State.ACCEPTED and candidate.incident is not None:
        add_source(candidate.incident, {"kind": Source.Kind.NEWS, "reliability": article.source.reliability,
                                        "title": (article.title or article.source.name)[:300], "url": article.url,
                                        "published_at": article.published_at, "description": values["evidence"]},
                   None)


def process_article(article: Article, gazetteer: Gazetteer | None = None) -> ProcessReport:
    """Extract the article's events into candidates, once: an article another worker has
    processed meanwhile is left alone."""
    report = ProcessReport()
    with transaction.atomic():
        locked = Article.objects.select_for_update().filter(pk=article.pk, processed=False).first()
        if locked is None:
            return report
        published = _published(locked)
        events = extract_article({"url": locked.url or None, "date": published.isoformat() if published else None,
                                  "lang": locked.lang, "title": locked.title, "text": locked.text}, gazetteer)
        services.exclusive()
        for event in events:
            values = _values(event, locked)
            match = find_match(values["category"], values["lat"], values["lon"], values["place_name_en"],
                               values["date"], locked)
            if match is None:
                services.create_candidate(values, locked, values["evidence"], values["confidence"])
                report.created += 1
            else:
                _merge(match, values, locked)
                report.merged += 1
        services.mark_processed(locked)
        report.articles = 1
    return report


def process_pending(limit: int | None = None, gazetteer: Gazetteer | None = None) -> ProcessReport:
    """Process the articles not processed yet, oldest first (at most ``limit``)."""
    report = ProcessReport()
    ids = Article.objects.filter(processed=False).order_by("id").values_list("pk", flat=True)
    for pk in list(ids[:limit] if limit else ids):
        try:
            one = process_article(Article(pk=pk), gazetteer)
        except Exception:  # one unreadable article must not stop the queue behind it
            logger.exception("news article %s could not be processed; it is set aside", pk)
            services.mark_processed(Article.objects.get(pk=pk))
            report.failed += 1
            continue
        report.articles += one.articles
        report.created += one.created
        report.merged += one.merged
    return report
