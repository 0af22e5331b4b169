"""The chief's morning view: counts for a period against the one before, and what waits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from raqib.core import access, taxonomy
from raqib.geo.models import Zone
from raqib.incidents import mapcells
from raqib.incidents.models import Incident
from raqib.verification.models import Verification
from raqib.web.queries.mapdata import localized
from raqib.web.queries.periods import Period

# An open verification untouched this long is overdue.
OVERDUE_AFTER = dt.timedelta(days=7)


@dataclass
class Row:
    key: Any
    label: str
    current: int
    previous: int

    @property
    def change(self) -> int:
        return self.current - self.previous


def default_period(qs: QuerySet[Incident], days: int = 7) -> Period:
    """The ``days`` days up to today, or up to the latest incident when nothing happened since."""
    today = timezone.localdate()
    latest = qs.order_by("-occurred_start").values_list("occurred_start", flat=True).first()
    last = today
    if latest is not None and timezone.localdate(latest) < today - dt.timedelta(days=days):
        last = timezone.localdate(latest)
    return Period(last - dt.timedelta(days=days - 1), last)


def _counts(qs: QuerySet[Incident], period: Period, by: str) -> dict[Any, tuple[int, int]]:
    previous = period.previous()
    rows = (qs.filter(occurred_start__gte=previous.start, occurred_start__lt=period.end)
            .order_by().values(by)
            .annotate(current=Count("pk", filter=Q(occurred_start__gte=period.start)),
                      previous=Count("pk", filter=Q(occurred_start__lt=period.start))))
    return {r[by]: (r["current"], r["previous"]) for r in rows}


def by_zone(qs: QuerySet[Incident], period: Period, lang: str, outside_label: str) -> list[Row]:
    counts = _counts(qs, period, "zone")
    zones = {z.pk: localized(z, "name", lang) for z in Zone.objects.filter(pk__in=[k for k in counts if k])}
    rows = [Row(k, zones.get(k, outside_label) if k else outside_label, c, p) for k, (c, p) in counts.items()]
    return sorted(rows, key=lambda r: (-r.current, r.label))


def by_category(qs: QuerySet[Incident], period: Period) -> list[Row]:
    counts = _counts(qs, period, "category")
    rows = [Row(k, str(taxonomy.BY_KEY[k].label) if k in taxonomy.BY_KEY else k, c, p)
            for k, (c, p) in counts.items()]
    return sorted(rows, key=lambda r: (-r.current, r.label))


def open_by_state(user: Any) -> list[tuple[str, str, int]]:
    labels = dict(Verification.State.choices)
    verifications = access.visible(Verification.objects.all(), user)
    if not verifications.query.has_filters():
        # Who sees every verification reads the counts the map's summary keeps (every incident
        # has its verification): at a million incidents 166 ms by counting, under 1 ms so.
        counts = mapcells.state_counts()
    else:
        rows = verifications.exclude(state="closed").order_by().values("state").annotate(n=Count("pk"))
        counts = {r["state"]: r["n"] for r in rows}
    return [(state, str(labels[state]), counts.get(state, 0)) for state in Verification.State.values
            if state != "closed"]


def overdue_verifications(user: Any, limit: int = 20) -> QuerySet[Verification]:
    cutoff = timezone.now() - OVERDUE_AFTER
    return (access.visible(Verification.objects.all(), user).exclude(state="closed")
            .filter(updated_at__lt=cutoff).select_related("incident", "assigned_to")
            .order_by("updated_at")[:limit])
