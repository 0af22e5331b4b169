"""Reading incidents: the filters shared by the list, the map and the dashboard."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q, QuerySet

from raqib.core import access
from raqib.incidents import queries as incident_queries
from raqib.incidents.models import Incident
from raqib.web.queries.periods import Period, day_start

REFERENCE = re.compile(r"^\s*(?:INC-)?0*(\d{1,9})\s*$", re.I)


def visible_incidents(user: Any) -> QuerySet[Incident]:
    return access.visible(Incident.objects.all(), user)


def apply_filters(qs: QuerySet[Incident], f: dict[str, Any], user: Any) -> QuerySet[Incident]:
    """Narrow ``qs`` by the cleaned filter form ``f`` (every key optional)."""
    if f.get("first"):
        qs = qs.filter(occurred_start__gte=day_start(f["first"]))
    if f.get("last"):
        qs = qs.filter(occurred_start__lt=Period(f["last"], f["last"]).end)
    if f.get("category"):
        qs = qs.filter(category=f["category"])
    if f.get("zone"):
        qs = qs.filter(zone=f["zone"])
    if f.get("party"):
        qs = incident_queries.involving(qs, Q(party=f["party"]), user)
    if f.get("state"):
        qs = incident_queries.in_state(qs, f["state"])
    text = (f.get("text") or "").strip()
    if text:
        match = REFERENCE.match(text)
        if match:
            by_text = Q(description_en__icontains=text) | Q(description_ar__icontains=text)
            qs = qs.filter(by_text | Q(pk=int(match.group(1))))
        else:
            qs = incident_queries.containing(qs, text)
    return qs


def for_list(qs: QuerySet[Incident]) -> QuerySet[Incident]:
    return (qs.select_related("zone", "place", "verification")
            .defer("zone__geometry", "zone__description_en", "zone__description_ar", "place__source")
            .order_by("-occurred_start", "-id"))
