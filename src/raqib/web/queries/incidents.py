"""Reading incidents: the filters shared by the list, the map and the dashboard."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q, QuerySet

from raqib.core import access
from raqib.incidents.models import Incident, IncidentParty
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
    # Which parties an incident involves is staff-only: a liaison officer's party filter is ignored.
    if f.get("party") and access.role_of(user) in access.STAFF:
        qs = qs.filter(pk__in=IncidentParty.objects.filter(party=f["party"]).values("incident_id"))
    if f.get("state"):
        qs = qs.filter(verification__state=f["state"])
    text = (f.get("text") or "").strip()
    if text:
        match = REFERENCE.match(text)
        by_text = Q(description_en__icontains=text) | Q(description_ar__icontains=text)
        qs = qs.filter(by_text | Q(pk=int(match.group(1)))) if match else qs.filter(by_text)
    return qs


def for_list(qs: QuerySet[Incident]) -> QuerySet[Incident]:
    return qs.select_related("zone", "place", "verification").order_by("-occurred_start", "-id")
