"""From an accepted candidate to an incident: its window from the date, its place, its parties
and a news-article source per article. Called by :func:`raqib.osint.services.accept_candidate`
inside its transaction, after the access check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from raqib.actors.models import Party
from raqib.agreements.timezone import mission_timezone
from raqib.core.errors import Invalid
from raqib.geo.models import Place
from raqib.incidents.models import Incident, Source, TimePrecision
from raqib.incidents.services import IncidentData, add_source, create_incidents
from raqib.osint.models import Candidate

CHANGEABLE = frozenset({"category", "subtype", "place", "lat", "lon", "date"})
# A date told only by the publication: the event happened in the days before it.
PUBLICATION_WINDOW_DAYS = 3


def window(day: dt.date, from_publication: bool) -> tuple[dt.datetime, dt.datetime, str]:
    """The incident's time window and precision: the mission's local day, or the days up to
    the publication when the article told no date."""
    tz = mission_timezone()
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tz) - dt.timedelta(seconds=1)
    if from_publication:
        start = dt.datetime.combine(day - dt.timedelta(days=PUBLICATION_WINDOW_DAYS), dt.time.min, tz)
        return start, end, TimePrecision.WEEK
    return dt.datetime.combine(day, dt.time.min, tz), end, TimePrecision.DAY


def _severity(killed: int | None, injured: int | None) -> int:
    if killed:
        return Incident.Severity.HIGH
    if injured:
        return Incident.Severity.MODERATE
    return Incident.Severity.LOW


def _description(candidate: Candidate) -> str:
    lines = [_("Reported in the press; not verified.")]
    for cs in candidate.sources.select_related("article__source").order_by("id"):
        article = cs.article
        where = " — ".join(p for p in (article.source.name, article.title, article.url) if p)
        lines.append(f"«{cs.evidence}» ({where})")
    return "\n".join(lines)


def _checked(candidate: Candidate, changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - CHANGEABLE
    if unknown:
        raise Invalid(_("These fields cannot be changed: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    place = changes.get("place", candidate.place)
    if place is not None and not isinstance(place, Place):
        raise Invalid(_("Unknown place."))
    if "date" in changes and not isinstance(changes["date"], dt.date):
        raise Invalid(_("The date must be a date."))
    values = {f: changes.get(f, getattr(candidate, f)) for f in CHANGEABLE}
    if "place" in changes and "lat" not in changes and place is not None and place.lat is not None:
        values["lat"], values["lon"] = place.lat, place.lon
    if values["date"] is None:
        raise Invalid(_("The articles tell no date: give the date to accept the candidate."))
    if values["lat"] is None or values["lon"] is None:
        if place is None or place.lat is None:
            raise Invalid(_("The candidate has no location: give a place or coordinates to accept it."))
        values["lat"], values["lon"] = place.lat, place.lon
    return values


def incident_from(candidate: Candidate, changes: dict[str, Any], actor: Any) -> tuple[Incident, dict[str, Any]]:
    """The incident for ``candidate`` (with ``changes``), and the changes to record on the candidate."""
    values = _checked(candidate, changes)
    from_publication = candidate.date_from_publication and "date" not in changes
    start, end, precision = window(values["date"], from_publication)
    place = values["place"]
    approximate = " km " in candidate.place_name_en and "lat" not in changes
    parties = [(p, "involved") for p in Party.objects.filter(key__in=candidate.actors).order_by("key")]
    text = _description(candidate)
    data = IncidentData(
        category=values["category"], subtype=values["subtype"], occurred_start=start, occurred_end=end,
        time_precision=precision, lat=values["lat"], lon=values["lon"], place=place,
        location_precision="approximate" if approximate or place is None else place.precision,
        parties=parties, killed_min=candidate.killed or 0, killed_max=candidate.killed or 0,
        injured_min=candidate.injured or 0, injured_max=candidate.injured or 0,
        severity=_severity(candidate.killed, candidate.injured), original_language=candidate.language,
        description_en="" if candidate.language == "ar" else text,
        description_ar=text if candidate.language == "ar" else "",
    )
    incident = create_incidents([data], actor)[0]
    for cs in candidate.sources.select_related("article__source").order_by("id"):
        article = cs.article
        add_source(incident, {"kind": Source.Kind.NEWS, "reliability": article.source.reliability,
                              "title": (article.title or article.source.name)[:300], "url": article.url,
                              "published_at": article.published_at, "description": cs.evidence}, actor)
    recorded = {f: values[f] for f in changes}
    return incident, recorded
