"""A pending news candidate, written as the intake writes it: shared by the API and page tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from raqib.osint import services
from raqib.osint.intake import RawArticle
from raqib.osint.models import Candidate

SHELLING = "Residents of Sirte reported heavy shelling on Monday south of the city."
PUBLISHED = dt.datetime(2020, 11, 3, 9, 0, tzinfo=dt.UTC)


def candidate_factory(place: Any) -> Callable[..., Candidate]:
    """Makes pending candidates at ``place``, each told by one stored article of its own."""
    wire = services.upsert_source("Test wire", {"kind": "json", "reliability": "C"}, None)[0]
    count = iter(range(1, 1000))

    def make(**overrides: Any) -> Candidate:
        n = next(count)
        article, _ = services.store_article(wire, RawArticle(text=f"{SHELLING} Report number {n}.",
                                                             url=f"https://news.example.org/{n}",
                                                             title=f"Shelling near Sirte ({n})",
                                                             published_at=PUBLISHED, lang="en"))
        values: dict[str, Any] = {"category": "ceasefire_violation", "subtype": "shelling", "place": place,
                                  "place_text": "Sirte", "place_name_en": "Sirte", "lat": place.lat,
                                  "lon": place.lon, "date": dt.date(2020, 11, 2), "actors": ["gna", "lna"],
                                  "evidence": SHELLING, "language": "en", "confidence": 0.8}
        values.update(overrides)
        return services.create_candidate(values, article, SHELLING, 0.8)

    return make
