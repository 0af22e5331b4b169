"""The map's summary: incidents counted per grid cell, level, category and state, kept by the database.

At a low zoom a map's box holds most incidents, and counting them per cell reads every one of
them (8 s at p95 for a million on SQLite, 1.5 s on PostgreSQL: docs/benchmarks.md). So the
database keeps :class:`~raqib.incidents.models.MapCell` rows: for each level of :data:`LEVELS`
and each (cell, category, verification state), the number of incidents and the sums of their
coordinates. Triggers on the incident and verification tables keep them exact on every write
(a service, a bulk insert, a raw statement); a map then reads the rows of its box at its zoom,
whatever the number of incidents.

A level is a web-map zoom: its cells are those of :func:`raqib.incidents.queries.cell_of` at that
zoom. Cells nest: the cell of zoom ``z`` holding a point is the cell of zoom ``L > z`` holding it,
shifted right by ``L - z`` bits (the sizes are exact binary fractions, so the division is exact),
which lets a level answer the zooms below it. The summary answers a map whose only filters are
the box, the category and the verification state, for a user who sees every incident; anything
else is counted from the incidents (:func:`raqib.incidents.queries.cells`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q, Sum

from raqib.core import taxonomy
from raqib.incidents import queries
from raqib.incidents.models import MapCell

# The zooms kept. A map at zoom z reads the first level at or above it (zoom 0 reads zoom 1: four
# rows a cell, category and state); above the last, the incidents are counted directly (a box at
# zoom 12 is a few tenths of a degree wide). Every zoom is kept: with every other one, a map at
# a zoom not kept read four times the rows (measured at 10^6 on PostgreSQL: zoom 10 from level
# 11 took 94 ms at the median, zoom 11 from it 42 ms).
LEVELS: tuple[int, ...] = tuple(range(1, 12))

TABLE = "incidents_mapcell"
_TRIGGERS = ("incidents_mapcell_ai", "incidents_mapcell_ad", "incidents_mapcell_au",
             "verification_mapcell_ai", "verification_mapcell_ad", "verification_mapcell_au")


def level_for(zoom: int) -> int | None:
    """The level that answers a map at ``zoom``, or None when the incidents are counted directly."""
    return next((level for level in LEVELS if level >= zoom), None)


# --- the triggers ------------------------------------------------------------------------------

# An incident is counted under its verification's state; one without a verification (only
# for the moment between the two inserts of its creation) under the state a new one starts in.
INITIAL = "received"

_COLUMNS = "(level, cx, cy, category, state, n, lat_sum, lon_sum)"
_CONFLICT = "(level, cx, cy, category, state)"


def _levels_sqlite(levels: Sequence[int]) -> str:
    return " UNION ALL ".join(f"SELECT {lv} AS level, {queries.cell_size(lv)!r} AS size" for lv in levels)


def _sqlite_add(sign: str, row: str, state: str, levels: Sequence[int], incident_of: str = "") -> str:
    """One statement adding (``sign`` = "") or taking away ("-") an incident, under ``state``, to or
    from its cell at every level: the trigger's ``row`` (NEW or OLD) itself, or with
    ``incident_of`` the incident that row (a verification) belongs to."""
    source, where, x = "", "true", row  # WHERE: an upsert's SELECT needs one
    if incident_of:
        source, where, x = ", incidents_incident i", f"i.id = {row}.{incident_of}", "i"
    return (
        f"INSERT INTO {TABLE} {_COLUMNS} "
        f"SELECT l.level, CAST(({x}.lon + 180.0) / l.size AS INTEGER), CAST(({x}.lat + 90.0) / l.size AS INTEGER), "
        f"{x}.category, {state}, {sign}1, {sign}{x}.lat, {sign}{x}.lon "
        f"FROM ({_levels_sqlite(levels)}) AS l{source} WHERE {where} "
        f"ON CONFLICT {_CONFLICT} DO UPDATE SET n = n + excluded.n, "
        "lat_sum = lat_sum + excluded.lat_sum, lon_sum = lon_sum + excluded.lon_sum;"
    )


def _sqlite_triggers(levels: Sequence[int]) -> list[str]:
    def state_of(row: str) -> str:
        return f"COALESCE((SELECT v.state FROM verification_verification v WHERE v.incident_id = {row}.id), '{INITIAL}')"

    def move(row: str, from_state: str, to_state: str) -> str:
        return (_sqlite_add("-", row, from_state, levels, "incident_id")
                + " " + _sqlite_add("", row, to_state, levels, "incident_id"))

    return [
        f"CREATE TRIGGER incidents_mapcell_ai AFTER INSERT ON incidents_incident BEGIN "
        f"{_sqlite_add('', 'NEW', state_of('NEW'), levels)} END",
        f"CREATE TRIGGER incidents_mapcell_ad AFTER DELETE ON incidents_incident BEGIN "
        f"{_sqlite_add('-', 'OLD', state_of('OLD'), levels)} END",
        f"CREATE TRIGGER incidents_mapcell_au AFTER UPDATE OF lon, lat, category ON incidents_incident "
        f"WHEN OLD.lon IS NOT NEW.lon OR OLD.lat IS NOT NEW.lat OR OLD.category IS NOT NEW.category BEGIN "
        f"{_sqlite_add('-', 'OLD', state_of('OLD'), levels)} {_sqlite_add('', 'NEW', state_of('NEW'), levels)} END",
        f"CREATE TRIGGER verification_mapcell_ai AFTER INSERT ON verification_verification "
        f"WHEN NEW.state != '{INITIAL}' BEGIN {move('NEW', repr(INITIAL), 'NEW.state')} END",
        f"CREATE TRIGGER verification_mapcell_ad AFTER DELETE ON verification_verification "
        f"WHEN OLD.state != '{INITIAL}' BEGIN {move('OLD', 'OLD.state', repr(INITIAL))} END",
        f"CREATE TRIGGER verification_mapcell_au AFTER UPDATE OF state, incident_id ON verification_verification "
        f"WHEN OLD.state != NEW.state OR OLD.incident_id != NEW.incident_id BEGIN "
        f"{move('OLD', 'OLD.state', repr(INITIAL))} {move('NEW', repr(INITIAL), 'NEW.state')} END",
    ]


def _postgresql_functions(levels: Sequence[int]) -> list[str]:
    values = ", ".join(f"({lv}, {queries.cell_size(lv)!r}::float8)" for lv in levels)
    add = (
        "CREATE OR REPLACE FUNCTION raqib_mapcell_add(p_lon float8, p_lat float8, p_category varchar, "
        "p_state varchar, p_sign integer) RETURNS void AS $$ BEGIN "
        # Every writer of incidents holds the audit chain's head until it commits: taking it
        # first, before any cell row, keeps the order of locks the same in every transaction
        # (no deadlock between two writers locking the same cells in another order).
        "PERFORM 1 FROM core_audithead WHERE id = 1 FOR UPDATE; "
        f"INSERT INTO {TABLE} AS m {_COLUMNS} "
        "SELECT l.level, FLOOR((p_lon + 180.0::float8) / l.size)::bigint, FLOOR((p_lat + 90.0::float8) / l.size)::bigint, "
        "p_category, p_state, p_sign, p_sign * p_lat, p_sign * p_lon "
        f"FROM (VALUES {values}) AS l(level, size) ORDER BY l.level "
        f"ON CONFLICT {_CONFLICT} DO UPDATE SET n = m.n + EXCLUDED.n, "
        "lat_sum = m.lat_sum + EXCLUDED.lat_sum, lon_sum = m.lon_sum + EXCLUDED.lon_sum; "
        "END $$ LANGUAGE plpgsql"
    )
    state_of = ("COALESCE((SELECT state FROM verification_verification WHERE incident_id = {row}.id), "
                f"'{INITIAL}')")
    incident = (
        "CREATE OR REPLACE FUNCTION raqib_mapcell_incident() RETURNS trigger AS $$ BEGIN "
        "IF TG_OP IN ('DELETE', 'UPDATE') THEN "
        f"  PERFORM raqib_mapcell_add(OLD.lon, OLD.lat, OLD.category, {state_of.format(row='OLD')}, -1); "
        "END IF; "
        "IF TG_OP IN ('INSERT', 'UPDATE') THEN "
        f"  PERFORM raqib_mapcell_add(NEW.lon, NEW.lat, NEW.category, {state_of.format(row='NEW')}, 1); "
        "END IF; "
        "RETURN NULL; END $$ LANGUAGE plpgsql"
    )
    verification = (
        "CREATE OR REPLACE FUNCTION raqib_mapcell_verification() RETURNS trigger AS $$ "
        "DECLARE i record; BEGIN "
        "IF TG_OP IN ('DELETE', 'UPDATE') THEN "
        "  SELECT lon, lat, category INTO i FROM incidents_incident WHERE id = OLD.incident_id; "
        "  IF FOUND THEN "
        "    PERFORM raqib_mapcell_add(i.lon, i.lat, i.category, OLD.state, -1); "
        f"    PERFORM raqib_mapcell_add(i.lon, i.lat, i.category, '{INITIAL}', 1); END IF; "
        "END IF; "
        "IF TG_OP IN ('INSERT', 'UPDATE') THEN "
        "  SELECT lon, lat, category INTO i FROM incidents_incident WHERE id = NEW.incident_id; "
        "  IF FOUND THEN "
        f"    PERFORM raqib_mapcell_add(i.lon, i.lat, i.category, '{INITIAL}', -1); "
        "    PERFORM raqib_mapcell_add(i.lon, i.lat, i.category, NEW.state, 1); END IF; "
        "END IF; "
        "RETURN NULL; END $$ LANGUAGE plpgsql"
    )
    return [add, incident, verification]


def _postgresql_triggers() -> list[str]:
    moved = "OLD.lon IS DISTINCT FROM NEW.lon OR OLD.lat IS DISTINCT FROM NEW.lat OR OLD.category IS DISTINCT FROM NEW.category"
    return [
        "CREATE TRIGGER incidents_mapcell_ai AFTER INSERT ON incidents_incident "
        "FOR EACH ROW EXECUTE FUNCTION raqib_mapcell_incident()",
        "CREATE TRIGGER incidents_mapcell_ad AFTER DELETE ON incidents_incident "
        "FOR EACH ROW EXECUTE FUNCTION raqib_mapcell_incident()",
        "CREATE TRIGGER incidents_mapcell_au AFTER UPDATE OF lon, lat, category ON incidents_incident "
        f"FOR EACH ROW WHEN ({moved}) EXECUTE FUNCTION raqib_mapcell_incident()",
        "CREATE TRIGGER verification_mapcell_ai AFTER INSERT ON verification_verification "
        f"FOR EACH ROW WHEN (NEW.state <> '{INITIAL}') EXECUTE FUNCTION raqib_mapcell_verification()",
        "CREATE TRIGGER verification_mapcell_ad AFTER DELETE ON verification_verification "
        f"FOR EACH ROW WHEN (OLD.state <> '{INITIAL}') EXECUTE FUNCTION raqib_mapcell_verification()",
        "CREATE TRIGGER verification_mapcell_au AFTER UPDATE OF state, incident_id ON verification_verification "
        "FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.incident_id IS DISTINCT FROM NEW.incident_id) "
        "EXECUTE FUNCTION raqib_mapcell_verification()",
    ]


def install(conn: Any, levels: Sequence[int]) -> None:
    """Create the triggers keeping the summary for ``levels`` (replacing any), then fill it."""
    uninstall(conn)
    if conn.vendor == "postgresql":
        # Each incident written updates a row at every level, and PostgreSQL keeps the old
        # version of a row until a vacuum: measured after a million incidents, 6 million dead
        # versions, 1,067 MB where 90 MB was alive. Room left on every page lets an update stay
        # on its page without a new index entry (a HOT update), and the table is vacuumed every
        # 10,000 dead versions rather than at a fifth of its size.
        statements = [f"ALTER TABLE {TABLE} SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, "
                      "autovacuum_vacuum_threshold = 10000)"]
        statements += _postgresql_functions(levels) + _postgresql_triggers()
    elif conn.vendor == "sqlite":
        statements = _sqlite_triggers(levels)
    else:  # pragma: no cover - the settings accept SQLite and PostgreSQL only
        raise RuntimeError(f"no map summary for {conn.vendor}")
    with conn.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    rebuild(levels, conn)


def uninstall(conn: Any) -> None:
    with conn.cursor() as cursor:
        for name in _TRIGGERS:
            table = "incidents_incident" if name.startswith("incidents") else "verification_verification"
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if conn.vendor == "postgresql" else ""))
        if conn.vendor == "postgresql":
            for fn in ("raqib_mapcell_incident()", "raqib_mapcell_verification()",
                       "raqib_mapcell_add(float8, float8, varchar, varchar, integer)"):
                cursor.execute(f"DROP FUNCTION IF EXISTS {fn}")


# --- rebuilding and checking --------------------------------------------------------------------


def _grid_sql(conn: Any, column: str, offset: float, level: int) -> str:
    size = repr(queries.cell_size(level))
    if conn.vendor == "sqlite":
        return f"CAST((i.{column} + {offset!r}) / {size} AS INTEGER)"
    return f"CAST(FLOOR((i.{column} + {offset!r}::float8) / {size}::float8) AS BIGINT)"


def _counted_sql(conn: Any, level: int) -> str:
    """The summary's rows of one level, counted from the incidents (SELECT level, cx, cy, ...)."""
    cx, cy = _grid_sql(conn, "lon", 180.0, level), _grid_sql(conn, "lat", 90.0, level)
    state = f"COALESCE(v.state, '{INITIAL}')"
    return (
        f"SELECT {level}, {cx}, {cy}, i.category, {state}, COUNT(*), SUM(i.lat), SUM(i.lon) "
        "FROM incidents_incident i LEFT JOIN verification_verification v ON v.incident_id = i.id "
        f"GROUP BY {cx}, {cy}, i.category, {state}"
    )


def rebuild(levels: Sequence[int] = LEVELS, conn: Any = None) -> int:
    """Count the summary afresh from the incidents (after a restore, or to repair it); returns
    the number of rows written."""
    conn = conn or connection
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        for level in levels:
            cursor.execute(f"INSERT INTO {TABLE} {_COLUMNS} " + _counted_sql(conn, level))
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
        return int(cursor.fetchone()[0])


def differences(levels: Sequence[int] = LEVELS) -> list[str]:
    """Where the summary and a fresh count from the incidents disagree (empty when they agree):
    a missing or extra cell, or another count or sum of coordinates."""
    counted: dict[tuple[int, int, int, str, str], tuple[Any, ...]] = {}
    with connection.cursor() as cursor:
        for level in levels:
            cursor.execute(_counted_sql(connection, level))
            for lv, cx, cy, category, state, *rest in cursor.fetchall():
                counted[(lv, cx, cy, category, state)] = tuple(rest)
    kept = {(lv, cx, cy, category, state): (n, lat_sum, lon_sum) for lv, cx, cy, category, state, n, lat_sum, lon_sum
            in MapCell.objects.filter(level__in=levels).exclude(n=0).values_list(
                "level", "cx", "cy", "category", "state", "n", "lat_sum", "lon_sum").iterator(chunk_size=10_000)}
    out = []
    for key in sorted(set(counted) | set(kept)):
        a, b = counted.get(key), kept.get(key)
        if a is None or b is None or a[0] != b[0] or abs(a[1] - b[1]) > 1e-6 * max(1, a[0]) \
                or abs(a[2] - b[2]) > 1e-6 * max(1, a[0]):
            out.append(f"cell {key}: counted {a}, kept {b}")
    return out


# --- reading -------------------------------------------------------------------------------------


def answers(user: Any, zoom: int) -> bool:
    """Whether the summary can draw the map at ``zoom`` for ``user``: it counts every incident,
    so only for a user who may see every incident, and only at a zoom it keeps a level for.
    (The caller makes sure that no filter but the box and the category is asked.)"""
    from raqib.core import access
    from raqib.incidents.models import Incident

    return level_for(zoom) is not None and not access.visible(Incident.objects.all(), user).query.has_filters()



def state_counts() -> dict[str, int]:
    """The number of incidents in each verification state, from the coarsest level (a few
    hundred rows, where counting the verifications reads them all)."""
    rows = (MapCell.objects.filter(level=LEVELS[0]).values("state").annotate(total=Sum("n")).order_by())
    return {row["state"]: row["total"] for row in rows if row["total"]}


def cells(zoom: int, cell_range: tuple[int, int, int, int] | None, category: str | None,
          max_cells: int = queries.MAX_CELLS, state: str | None = None) -> list[dict[str, Any]]:
    """The map at ``zoom`` (which :func:`level_for` must give a level) from the summary, in the
    shape of :func:`raqib.incidents.queries.cells`: every incident of the cells in
    ``cell_range`` (first and last column, first and last row at ``zoom``; None for all), of
    ``category`` and of verification ``state`` if given."""
    level = level_for(zoom)
    if level is None:
        raise ValueError(f"zoom {zoom} is above the summary's levels")
    shift = 2 ** (level - zoom)
    qs = MapCell.objects.filter(level=level)
    if cell_range is not None:
        x0, x1, y0, y1 = cell_range
        qs = qs.filter(cx__gte=x0 * shift, cx__lt=(x1 + 1) * shift, cy__gte=y0 * shift, cy__lt=(y1 + 1) * shift)
    if category:
        qs = qs.filter(category=category)
    if state:
        qs = qs.filter(state=state)
    per_category = {f"c_{c.key}": Sum("n", filter=Q(category=c.key)) for c in taxonomy.CATEGORIES}
    rows = list(
        qs.annotate(zx=F("cx") / shift, zy=F("cy") / shift)
        .values("zx", "zy")
        .annotate(count=Sum("n"), lat_total=Sum("lat_sum"), lon_total=Sum("lon_sum"),
                  w=Sum("n", filter=Q(state__in=queries.WORKING_STATES), default=0),
                  c=Sum("n", filter=Q(state__in=queries.CLOSED_STATES), default=0), **per_category)
        .filter(count__gt=0)  # type: ignore[misc]  # django-stubs does not see the annotation
        .order_by("-count", "zx", "zy")[:max_cells]
    )
    singles = _single_incidents(zoom, [(r["zx"], r["zy"]) for r in rows if r["count"] == 1], category, state)
    out = []
    for row in rows:
        n = row["count"]
        cell = queries.cell_out(row, row["zx"], row["zy"], n, row["lat_total"], row["lon_total"], row["w"], row["c"])
        if n == 1:
            cell["id"], cell["verification_state"] = singles.get((cell["x"], cell["y"]), (None, ""))
        out.append(cell)
    return out


def _single_incidents(zoom: int, xys: list[tuple[int, int]], category: str | None,
                      state: str | None) -> dict[tuple[int, int], tuple[int, str]]:
    """The incident alone in each of the cells ``xys``, with its verification state: found by
    a box around each cell, a little wider than the cell, then kept by the cell it falls in."""
    from raqib.incidents.models import Incident

    out: dict[tuple[int, int], tuple[int, str]] = {}
    size = queries.cell_size(zoom)
    margin = size / 1000
    for start in range(0, len(xys), 200):
        chunk = xys[start:start + 200]
        boxes = Q()
        for x, y in chunk:
            boxes |= Q(lon__gte=x * size - 180 - margin, lon__lte=(x + 1) * size - 180 + margin,
                       lat__gte=y * size - 90 - margin, lat__lte=(y + 1) * size - 90 + margin)
        qs = Incident.objects.filter(boxes)
        if category:
            qs = qs.filter(category=category)
        if state:
            qs = qs.filter(verification__state=state)
        wanted = set(chunk)
        for pk, lat, lon, state in qs.order_by().values_list("pk", "lat", "lon", "verification__state"):
            xy = queries.cell_of(lat, lon, zoom)
            if xy in wanted:
                out[xy] = (pk, state or "")
    return out
