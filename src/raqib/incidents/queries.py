"""Reading incidents: the filters every face (API, pages, exports) narrows a list with.

Each filter is written so that the databases can answer a page of the newest incidents without
reading the whole table; the choices come from query plans measured on a million incidents
(bench/bench_incidents.py, bench/bench_scale.py, docs/benchmarks.md). The map's grid cells are
counted here too (:func:`cells`), in the database, for the API and the pages alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, F, FloatField, Func, IntegerField, Max, Min, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.expressions import ExpressionWrapper

from raqib.core import access, taxonomy
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
    """Incidents inside the box, by the (lon, lat) index on both databases.

    SQLite's R*Tree was measured at a million incidents and not adopted: it counts a small box
    or a strip faster, but a page of the newest incidents in a box was as fast or faster by the
    plans below, and the map slower (docs/benchmarks.md). PostGIS is not needed either.
    """
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


# --- the map: incidents counted on a grid, by zoom --------------------------------------------

# A grid cell covers this many pixels of a 256-pixel web-map tile at the zoom it is drawn at.
CELL_PIXELS = 48
MAX_ZOOM = 18
# At most this many cells in one answer (the most populated first): a viewport at any zoom
# holds a few hundred; more means a box far too large for the zoom.
MAX_CELLS = 5000
OPEN_STATES = ("received", "triaged")
WORKING_STATES = ("under_verification", "findings_drafted", "reviewed")
CLOSED_STATES = ("closed",)
# See _state_counts.
STATE_JOIN = 20_000


def cell_size(zoom: int) -> float:
    """Degrees covered by CELL_PIXELS at ``zoom`` (256-pixel tiles); exact in binary floating point."""
    return 360.0 / (256 * 2 ** zoom) * CELL_PIXELS


def cell_of(lat: float, lon: float, zoom: int) -> tuple[int, int]:
    """The (column, row) of the grid cell holding a point, as the database computes it."""
    size = cell_size(zoom)
    return int((lon + 180.0) / size), int((lat + 90.0) / size)


class _GridIndex(Func):
    """The integer part of a non-negative number (the shifted coordinate over the cell size):
    a plain cast on SQLite, which truncates; FLOOR on PostgreSQL, whose cast rounds."""

    output_field = IntegerField()
    template = "CAST(FLOOR(%(expressions)s) AS BIGINT)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS INTEGER)", **extra)


def cell_range(box: tuple[float, float, float, float], zoom: int) -> tuple[int, int, int, int]:
    """The cells a box (min lon, min lat, max lon, max lat) touches at ``zoom``: first and last
    column, first and last row. A map of a box shows these cells whole."""
    min_lon, min_lat, max_lon, max_lat = box
    (x0, y0), (x1, y1) = cell_of(min_lat, min_lon, zoom), cell_of(max_lat, max_lon, zoom)
    return x0, x1, y0, y1


def cell_box(span: tuple[int, int, int, int], zoom: int) -> tuple[float, float, float, float]:
    """A box holding the cells of ``span`` (see :func:`cell_range`), a little wider: what falls
    in the margin is left out by the cell it is counted in."""
    size = cell_size(zoom)
    margin = size / 1000
    x0, x1, y0, y1 = span
    return (max(-180.0, x0 * size - 180 - margin), max(-90.0, y0 * size - 90 - margin),
            min(180.0, (x1 + 1) * size - 180 + margin), min(90.0, (y1 + 1) * size - 90 + margin))


def _grid(coordinate: str, offset: float, size: float) -> _GridIndex:
    shifted = ExpressionWrapper((F(coordinate) + Value(offset)) / Value(size), output_field=FloatField())
    return _GridIndex(shifted)


def _state_counts(qs: QuerySet[Incident]) -> dict[str, Count]:
    """The counts of incidents in the working and closed states, per cell.

    Joined to each incident's verification, unless SQLite would have to look up more than a
    third of the table's verifications one by one (it has no hash join; at least STATE_JOIN):
    then each state's incidents are gathered once, from the state's index, and each incident is
    checked against them. Measured at 925,000 incidents: a box over all of Libya took 3.9 s by
    the join and 2.5 s so; a box of a few hundred, 0.04 s by the join and 0.4 s so. The join
    costs about 4 µs an incident matched, the gathering 2 µs a verification in the table.
    """
    if connection.vendor != "sqlite":
        return {name: Count("pk", filter=Q(verification__state__in=states))
                for name, states in (("working", WORKING_STATES), ("closed", CLOSED_STATES))}
    # The highest id stands for the table's size (one index step, where counting reads it all).
    limit = max(STATE_JOIN, (Incident.objects.aggregate(top=Max("pk"))["top"] or 0) // 3)
    joined = qs.order_by().values("pk")[:limit].count() < limit
    out = {}
    for name, states in (("working", WORKING_STATES), ("closed", CLOSED_STATES)):
        if joined:
            out[name] = Count("pk", filter=Q(verification__state__in=states))
        else:
            out[name] = Count("pk", filter=Q(pk__in=Verification.objects.filter(state__in=states).values("incident_id")))
    return out


def cell_out(row: dict[str, Any], x: Any, y: Any, n: int, lat_sum: float, lon_sum: float, working: int,
             closed: int) -> dict[str, Any]:
    """A grid cell as the faces show it: its column and row, the number of incidents and their
    mean position, their number per category (``row`` holds a ``c_<category>`` count for each),
    most first, and the most common state group (new, working or closed)."""
    categories = sorted(((c.key, row[f"c_{c.key}"]) for c in taxonomy.CATEGORIES if row[f"c_{c.key}"]),
                        key=lambda kv: -kv[1])
    groups = {"new": n - working - closed, "working": working, "closed": closed}
    return {"x": int(x), "y": int(y), "count": n, "lat": round(lat_sum / n, 5), "lon": round(lon_sum / n, 5),
            "categories": categories, "state": max(groups, key=lambda g: groups[g])}


def cells(qs: QuerySet[Incident], zoom: int, max_cells: int = MAX_CELLS,
          span: tuple[int, int, int, int] | None = None) -> list[dict[str, Any]]:
    """The incidents of ``qs`` counted per grid cell at ``zoom``, in one GROUP BY in the database;
    only the cells of ``span`` (see :func:`cell_range`) if given, ``qs`` being narrowed to
    :func:`cell_box` of it by the caller.

    Each cell: its column and row (:func:`cell_of`), the number of incidents, their mean
    position, their number per category and per state group (new, working, closed), and for a
    cell of one incident, that incident's id and verification state. The most populated cells
    first, at most ``max_cells``.
    """
    size = cell_size(zoom)
    per_category = {f"c_{c.key}": Count("pk", filter=Q(category=c.key)) for c in taxonomy.CATEGORIES}
    qs = qs.order_by().annotate(cx=_grid("lon", 180.0, size), cy=_grid("lat", 90.0, size))
    if span is not None:
        x0, x1, y0, y1 = span
        qs = qs.filter(cx__gte=x0, cx__lte=x1, cy__gte=y0, cy__lte=y1)
    rows = list(
        qs.values("cx", "cy")
        .annotate(n=Count("pk"), lat_sum=Sum("lat"), lon_sum=Sum("lon"), first_id=Min("pk"),
                  **_state_counts(qs), **per_category)
        .order_by("-n", "cx", "cy")[:max_cells]
    )
    single = [row["first_id"] for row in rows if row["n"] == 1]
    states = dict(Verification.objects.filter(incident_id__in=single).values_list("incident_id", "state")) \
        if single else {}
    out = []
    for row in rows:
        n = row["n"]
        cell = cell_out(row, row["cx"], row["cy"], n, row["lat_sum"], row["lon_sum"], row["working"], row["closed"])
        if n == 1:
            cell["id"] = row["first_id"]
            cell["verification_state"] = states.get(row["first_id"], "")
        out.append(cell)
    return out
