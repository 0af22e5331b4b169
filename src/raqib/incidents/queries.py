"""Reading incidents: the filters every face (API, pages, exports) narrows a list with.

Each filter is written so that the databases can answer a page of the newest incidents without
reading the whole table; the choices come from query plans measured on a million incidents
(bench/bench_incidents.py, docs/benchmarks.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import Exists, F, FloatField, OuterRef, Q, QuerySet
from django.db.models.expressions import ExpressionWrapper

from raqib.core import access
from raqib.incidents.models import MAX_WINDOW, Incident, IncidentParty
from raqib.verification.models import Verification

# SQLite's planner has no statistics of a column's values: it takes the (lon, lat) index for any
# box. Below this many incidents in a box that is right (the index finds them all and sorting
# them is cheap); above it, reading the newest incidents first and keeping those inside the box
# reaches a page sooner than sorting every match. PostgreSQL's planner knows the distribution of
# lon and lat and chooses well by itself (measured: 3 ms either way at a million incidents).
SPARSE_BOX = 2000


def in_box(qs: QuerySet[Incident], min_lon: float, min_lat: float, max_lon: float,
           max_lat: float) -> QuerySet[Incident]:
    box = Q(lon__gte=min_lon, lon__lte=max_lon, lat__gte=min_lat, lat__lte=max_lat)
    if connection.vendor != "sqlite" or Incident.objects.filter(box).order_by()[:SPARSE_BOX].count() < SPARSE_BOX:
        return qs.filter(box)
    # Compared as expressions, the coordinates keep the planner off the (lon, lat) index.
    return qs.alias(
        box_lon=ExpressionWrapper(F("lon") + 0.0, output_field=FloatField()),
        box_lat=ExpressionWrapper(F("lat") + 0.0, output_field=FloatField()),
    ).filter(box_lon__gte=min_lon, box_lon__lte=max_lon, box_lat__gte=min_lat, box_lat__lte=max_lat)


def overlapping(qs: QuerySet[Incident], since: dt.datetime | None, until: dt.datetime | None) -> QuerySet[Incident]:
    """Incidents whose time window overlaps [since, until]."""
    if since is not None:
        # No window is longer than MAX_WINDOW, so the start bounds the search too (an index range).
        qs = qs.filter(occurred_end__gte=since, occurred_start__gte=since - MAX_WINDOW)
    if until is not None:
        qs = qs.filter(occurred_start__lte=until)
    return qs


def in_state(qs: QuerySet[Incident], state: str) -> QuerySet[Incident]:
    # EXISTS, not a join: newest incidents are read first and each checked by its verification,
    # instead of gathering every incident in that state and sorting them.
    return qs.filter(Exists(Verification.objects.filter(incident=OuterRef("pk"), state=state)))


def involving(qs: QuerySet[Incident], party_filter: Q, user: Any) -> QuerySet[Incident]:
    """Incidents involving the parties matched by ``party_filter``, through the party roles the
    user may see (a liaison officer cannot probe the roles of incidents not shared with them)."""
    roles = access.visible(IncidentParty.objects.filter(party_filter), user)
    return qs.filter(pk__in=roles.values("incident_id"))


def containing(qs: QuerySet[Incident], text: str) -> QuerySet[Incident]:
    return qs.filter(Q(description_en__icontains=text) | Q(description_ar__icontains=text))
