"""What an export holds: the incidents a user may see, narrowed by period, zone, category and
verification state. Every face (CLI, API, pages) parses its input here, so a bad value gets the
same message everywhere."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from raqib.core import access, taxonomy
from raqib.core.errors import Forbidden, Invalid
from raqib.incidents import queries
from raqib.incidents.models import Incident
from raqib.verification.models import Verification

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_TEXT = 100


@dataclass(frozen=True)
class ExportFilters:
    """``since``/``until`` bound the incidents' time windows (overlap, as the incident list);
    ``zone`` is a zone's key, ``category`` a taxonomy key, ``state`` a verification state."""

    since: dt.datetime | None = None
    until: dt.datetime | None = None
    zone: str = ""
    category: str = ""
    state: str = ""

    def describe(self) -> dict[str, str]:
        return {name: (value.isoformat() if isinstance(value, dt.datetime) else value)
                for name, value in (("since", self.since), ("until", self.until), ("zone", self.zone),
                                    ("category", self.category), ("state", self.state)) if value}


def parse_moment(value: str, name: str, *, end_of_day: bool = False) -> dt.datetime:
    """A date (the whole UTC day) or an ISO 8601 date and time with a time zone."""
    text = value.strip()
    try:
        if _DATE.fullmatch(text):
            day = dt.date.fromisoformat(text)
            return dt.datetime.combine(day, dt.time.max if end_of_day else dt.time.min, dt.UTC)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise Invalid(_("%(name)s: not an ISO 8601 date or date and time: “%(value)s”.")
                      % {"name": name, "value": value[:40]}) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise Invalid(_("%(name)s: the date and time needs a time zone, e.g. 2021-01-10T08:00:00Z.") % {"name": name})
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise Invalid(_("%(name)s: the date is out of range.") % {"name": name}) from None


def parse_filters(since: str | None = None, until: str | None = None, zone: str | None = None,
                  category: str | None = None, state: str | None = None) -> ExportFilters:
    """Filters from text (query parameters, options); ``Invalid`` with a message on a bad value."""
    for name, value in (("zone", zone), ("category", category), ("state", state), ("since", since), ("until", until)):
        if value is not None and (len(value) > MAX_TEXT or "\x00" in value):
            raise Invalid(_("%(name)s is too long or holds a NUL character.") % {"name": name})
    start = parse_moment(since, "since") if since else None
    end = parse_moment(until, "until", end_of_day=True) if until else None
    if start and end and start > end:
        raise Invalid(_("since is after until."))
    category = (category or "").strip()
    if category and category not in taxonomy.BY_KEY:
        raise Invalid(_("Unknown category “%(c)s”.") % {"c": category})
    state = (state or "").strip()
    if state and state not in Verification.State.values:
        raise Invalid(_("Unknown verification state “%(s)s”.") % {"s": state})
    zone = (zone or "").strip()
    if zone:
        from raqib.geo.models import Zone

        if not Zone.objects.filter(key=zone).exists():
            raise Invalid(_("Unknown zone “%(z)s”.") % {"z": zone})
    return ExportFilters(since=start, until=end, zone=zone, category=category, state=state)


def require_export(user: Any) -> None:
    if not access.can(user, "export.incidents"):
        raise Forbidden(_("Your role may not export incidents."))


def incidents_for(user: Any, filters: ExportFilters) -> QuerySet[Incident]:
    """The incidents of an export: only those ``user`` may see (``None``: the system, all)."""
    require_export(user)
    qs = access.visible(Incident.objects.all(), user)
    qs = queries.overlapping(qs, filters.since, filters.until)
    if filters.zone:
        qs = qs.filter(zone__key=filters.zone)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.state:
        qs = queries.in_state(qs, filters.state)
    # Oldest first: an export reads like a chronology, and appending a later period continues it.
    return qs.order_by("occurred_start", "id")
