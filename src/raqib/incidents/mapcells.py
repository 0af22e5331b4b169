"""The map's summary: incidents counted per grid cell, per level and category, kept by the database.

At a low zoom a map's box holds most incidents, and counting them per cell reads every one of
them (8 s at p95 for a million on SQLite, 1.5 s on PostgreSQL: docs/benchmarks.md). So the
database keeps :class:`~raqib.incidents.models.MapCell` rows: for each level of :data:`LEVELS`
and each (cell, category), the number of incidents, the sums of their coordinates and how many
are in the working and closed groups of verification states. Triggers on the incident and
verification tables keep them exact on every write (a service, a bulk insert, a raw statement);
a map then reads at most a few thousand rows whatever the number of incidents.

A level is a web-map zoom: its cells are those of :func:`raqib.incidents.queries.cell_of` at that
zoom. Cells nest: the cell of zoom ``z`` holding a point is the cell of zoom ``L > z`` holding it,
shifted right by ``L - z`` bits (the sizes are exact binary fractions, so the division is exact),
which lets one level answer the zooms below it. The summary answers a map whose only filters
are the box and the category, for a user who sees every incident; anything else is counted from
the incidents (:func:`raqib.incidents.queries.cells`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q, Sum

from raqib.core import taxonomy
from raqib.incidents import queries
from raqib.incidents.models import MapCell

# The zooms kept. A map at zoom z reads the first level at or above it (at most twice as fine, so
# at most four rows a cell and category); above the last, the incidents are counted directly
# (a box at zoom 12 is a few tenths of a degree wide).
LEVELS: tuple[int, ...] = (1, 3, 5, 7, 9, 11)

TABLE = "incidents_mapcell"
_TRIGGERS = ("incidents_mapcell_ai", "incidents_mapcell_ad", "incidents_mapcell_au",
             "verification_mapcell_ai", "verification_mapcell_ad", "verification_mapcell_au")


def level_for(zoom: int) -> int | None:
    """The level that answers a map at ``zoom``, or None when the incidents are counted directly."""
    return next((level for level in LEVELS if level >= zoom), None)


# --- the triggers ------------------------------------------------------------------------------


def _in(states: Sequence[str]) -> str:
    return ", ".join(f"'{s}'" for s in states)


_WORKING = _in(queries.WORKING_STATES)
_CLOSED = _in(queries.CLOSED_STATES)


def _levels_sqlite(levels: Sequence[int]) -> str:
    return " UNION ALL ".join(f"SELECT {lv} AS level, {queries.cell_size(lv)!r} AS size" for lv in levels)


def _sqlite_upsert(sign: str, incident: str, working: str, closed: str, levels: Sequence[int]) -> str:
    """One statement adding (``sign`` = "") or taking away ("-") the incident of the trigger's
    ``incident`` row (NEW or OLD) to or from its cell at every level."""
    return (
        f"INSERT INTO {TABLE} (level, cx, cy, category, n, lat_sum, lon_sum, working, closed) "
        f"SELECT l.level, CAST(({incident}.lon + 180.0) / l.size AS INTEGER), "
        f"CAST(({incident}.lat + 90.0) / l.size AS INTEGER), {incident}.category, {sign}1, "
        f"{sign}{incident}.lat, {sign}{incident}.lon, {sign}({working}), {sign}({closed}) "
        f"FROM ({_levels_sqlite(levels)}) AS l WHERE true "  # WHERE: an upsert's SELECT needs one
        "ON CONFLICT (level, cx, cy, category) DO UPDATE SET n = n + excluded.n, "
        "lat_sum = lat_sum + excluded.lat_sum, lon_sum = lon_sum + excluded.lon_sum, "
        "working = working + excluded.working, closed = closed + excluded.closed;"
    )


def _group_sqlite(state: str) -> tuple[str, str]:
    return (f"CASE WHEN {state} IN ({_WORKING}) THEN 1 ELSE 0 END",
            f"CASE WHEN {state} IN ({_CLOSED}) THEN 1 ELSE 0 END")


def _sqlite_triggers(levels: Sequence[int]) -> list[str]:
    def current(row: str) -> tuple[str, str]:
        # The incident's verification as it is now (none yet while the incident is being inserted).
        w, c = _group_sqlite("v.state")
        lookup = f"FROM verification_verification v WHERE v.incident_id = {row}.id"
        return f"COALESCE((SELECT {w} {lookup}), 0)", f"COALESCE((SELECT {c} {lookup}), 0)"

    def verification_move(sign: str, row: str) -> str:
        # The verification's incident keeps its cell; only its group counts change (n += 0).
        w, c = _group_sqlite(f"{row}.state")
        return (
            f"INSERT INTO {TABLE} (level, cx, cy, category, n, lat_sum, lon_sum, working, closed) "
            f"SELECT l.level, CAST((i.lon + 180.0) / l.size AS INTEGER), CAST((i.lat + 90.0) / l.size AS INTEGER), "
            f"i.category, 0, 0.0, 0.0, {sign}({w}), {sign}({c}) "
            f"FROM ({_levels_sqlite(levels)}) AS l, incidents_incident i WHERE i.id = {row}.incident_id "
            "ON CONFLICT (level, cx, cy, category) DO UPDATE SET "
            "working = working + excluded.working, closed = closed + excluded.closed;"
        )

    counted = f"IN ({_WORKING}, {_CLOSED})"
    return [
        f"CREATE TRIGGER incidents_mapcell_ai AFTER INSERT ON incidents_incident BEGIN "
        f"{_sqlite_upsert('', 'NEW', *current('NEW'), levels)} END",
        f"CREATE TRIGGER incidents_mapcell_ad AFTER DELETE ON incidents_incident BEGIN "
        f"{_sqlite_upsert('-', 'OLD', *current('OLD'), levels)} END",
        f"CREATE TRIGGER incidents_mapcell_au AFTER UPDATE OF lon, lat, category ON incidents_incident "
        f"WHEN OLD.lon IS NOT NEW.lon OR OLD.lat IS NOT NEW.lat OR OLD.category IS NOT NEW.category BEGIN "
        f"{_sqlite_upsert('-', 'OLD', *current('OLD'), levels)} {_sqlite_upsert('', 'NEW', *current('NEW'), levels)} END",
        f"CREATE TRIGGER verification_mapcell_ai AFTER INSERT ON verification_verification "
        f"WHEN NEW.state {counted} BEGIN {verification_move('', 'NEW')} END",
        f"CREATE TRIGGER verification_mapcell_ad AFTER DELETE ON verification_verification "
        f"WHEN OLD.state {counted} BEGIN {verification_move('-', 'OLD')} END",
        f"CREATE TRIGGER verification_mapcell_au AFTER UPDATE OF state, incident_id ON verification_verification "
        f"WHEN ({_group_sqlite('OLD.state')[0]}) != ({_group_sqlite('NEW.state')[0]}) "
        f"OR ({_group_sqlite('OLD.state')[1]}) != ({_group_sqlite('NEW.state')[1]}) "
        f"OR OLD.incident_id != NEW.incident_id BEGIN "
        f"{verification_move('-', 'OLD')} {verification_move('', 'NEW')} END",
    ]


def _postgresql_functions(levels: Sequence[int]) -> list[str]:
    values = ", ".join(f"({lv}, {queries.cell_size(lv)!r}::float8)" for lv in levels)
    add = (
        "CREATE OR REPLACE FUNCTION raqib_mapcell_add(p_lon float8, p_lat float8, p_category varchar, "
        "p_n integer, p_sign integer, p_working integer, p_closed integer) RETURNS void AS $$ BEGIN "
        # Every writer of incidents holds the audit chain's head until it commits: taking it
        # first, before any cell row, keeps the order of locks the same in every transaction
        # (no deadlock between two writers locking the same cells in another order).
        "PERFORM 1 FROM core_audithead WHERE id = 1 FOR UPDATE; "
        f"INSERT INTO {TABLE} AS m (level, cx, cy, category, n, lat_sum, lon_sum, working, closed) "
        "SELECT l.level, FLOOR((p_lon + 180.0::float8) / l.size)::bigint, FLOOR((p_lat + 90.0::float8) / l.size)::bigint, "
        "p_category, p_sign * p_n, p_sign * p_n * p_lat, p_sign * p_n * p_lon, p_sign * p_working, p_sign * p_closed "
        f"FROM (VALUES {values}) AS l(level, size) ORDER BY l.level "
        "ON CONFLICT (level, cx, cy, category) DO UPDATE SET n = m.n + EXCLUDED.n, "
        "lat_sum = m.lat_sum + EXCLUDED.lat_sum, lon_sum = m.lon_sum + EXCLUDED.lon_sum, "
        "working = m.working + EXCLUDED.working, closed = m.closed + EXCLUDED.closed; "
        "END $$ LANGUAGE plpgsql"
    )
    groups = (
        "CREATE OR REPLACE FUNCTION raqib_mapcell_group(p_state varchar, OUT working integer, OUT closed integer) AS $$ "
        f"SELECT CASE WHEN p_state IN ({_WORKING}) THEN 1 ELSE 0 END, "
        f"CASE WHEN p_state IN ({_CLOSED}) THEN 1 ELSE 0 END $$ LANGUAGE sql IMMUTABLE"
    )
    incident = (
        "CREATE OR REPLACE FUNCTION raqib_mapcell_incident() RETURNS trigger AS $$ "
        "DECLARE g record; BEGIN "
        "IF TG_OP IN ('DELETE', 'UPDATE') THEN "
        "  SELECT * INTO g FROM raqib_mapcell_group((SELECT state FROM verification_verification WHERE incident_id = OLD.id)); "
        "  PERFORM raqib_mapcell_add(OLD.lon, OLD.lat, OLD.category, 1, -1, g.working, g.closed); "
        "END IF; "
        "IF TG_OP IN ('INSERT', 'UPDATE') THEN "
        "  SELECT * INTO g FROM raqib_mapcell_group((SELECT state FROM verification_verification WHERE incident_id = NEW.id)); "
        "  PERFORM raqib_mapcell_add(NEW.lon, NEW.lat, NEW.category, 1, 1, g.working, g.closed); "
        "END IF; "
        "RETURN NULL; END $$ LANGUAGE plpgsql"
    )
    verification = (
        "CREATE OR REPLACE FUNCTION raqib_mapcell_verification() RETURNS trigger AS $$ "
        "DECLARE g record; i record; BEGIN "
        "IF TG_OP IN ('DELETE', 'UPDATE') THEN "
        "  SELECT * INTO g FROM raqib_mapcell_group(OLD.state); "
        "  SELECT lon, lat, category INTO i FROM incidents_incident WHERE id = OLD.incident_id; "
        "  IF FOUND AND g.working + g.closed > 0 THEN "
        "    PERFORM raqib_mapcell_add(i.lon, i.lat, i.category, 0, -1, g.working, g.closed); END IF; "
        "END IF; "
        "IF TG_OP IN ('INSERT', 'UPDATE') THEN "
        "  SELECT * INTO g FROM raqib_mapcell_group(NEW.state); "
        "  SELECT lon, lat, category INTO i FROM incidents_incident WHERE id = NEW.incident_id; "
        "  IF FOUND AND g.working + g.closed > 0 THEN "
        "    PERFORM raqib_mapcell_add(i.lon, i.lat, i.category, 0, 1, g.working, g.closed); END IF; "
        "END IF; "
        "RETURN NULL; END $$ LANGUAGE plpgsql"
    )
    return [add, groups, incident, verification]


def _postgresql_triggers() -> list[str]:
    changed = "OLD.state IS DISTINCT FROM NEW.state OR OLD.incident_id IS DISTINCT FROM NEW.incident_id"
    moved = "OLD.lon IS DISTINCT FROM NEW.lon OR OLD.lat IS DISTINCT FROM NEW.lat OR OLD.category IS DISTINCT FROM NEW.category"
    return [
        "CREATE TRIGGER incidents_mapcell_ai AFTER INSERT ON incidents_incident "
        "FOR EACH ROW EXECUTE FUNCTION raqib_mapcell_incident()",
        "CREATE TRIGGER incidents_mapcell_ad AFTER DELETE ON incidents_incident "
        "FOR EACH ROW EXECUTE FUNCTION raqib_mapcell_incident()",
        "CREATE TRIGGER incidents_mapcell_au AFTER UPDATE OF lon, lat, category ON incidents_incident "
        f"FOR EACH ROW WHEN ({moved}) EXECUTE FUNCTION raqib_mapcell_incident()",
        "CREATE TRIGGER verification_mapcell_ai AFTER INSERT ON verification_verification "
        f"FOR EACH ROW WHEN (NEW.state IN ({_WORKING}, {_CLOSED})) EXECUTE FUNCTION raqib_mapcell_verification()",
        "CREATE TRIGGER verification_mapcell_ad AFTER DELETE ON verification_verification "
        f"FOR EACH ROW WHEN (OLD.state IN ({_WORKING}, {_CLOSED})) EXECUTE FUNCTION raqib_mapcell_verification()",
        "CREATE TRIGGER verification_mapcell_au AFTER UPDATE OF state, incident_id ON verification_verification "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION raqib_mapcell_verification()",
    ]


def install(conn: Any, levels: Sequence[int]) -> None:
    """Create the triggers keeping the summary for ``levels`` (replacing any), then fill it."""
    uninstall(conn)
    if conn.vendor == "postgresql":
        statements = _postgresql_functions(levels) + _postgresql_triggers()
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
                       "raqib_mapcell_add(float8, float8, varchar, integer, integer, integer, integer)",
                       "raqib_mapcell_group(varchar)"):
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
    return (
        f"SELECT {level}, {cx}, {cy}, i.category, COUNT(*), SUM(i.lat), SUM(i.lon), "
        f"COUNT(CASE WHEN v.state IN ({_WORKING}) THEN 1 END), COUNT(CASE WHEN v.state IN ({_CLOSED}) THEN 1 END) "
        "FROM incidents_incident i LEFT JOIN verification_verification v ON v.incident_id = i.id "
        f"GROUP BY {cx}, {cy}, i.category"
    )


def rebuild(levels: Sequence[int] = LEVELS, conn: Any = None) -> int:
    """Count the summary afresh from the incidents (after a restore, or to repair it); returns
    the number of rows written."""
    conn = conn or connection
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        for level in levels:
            cursor.execute(f"INSERT INTO {TABLE} (level, cx, cy, category, n, lat_sum, lon_sum, working, closed) "
                           + _counted_sql(conn, level))
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
        return int(cursor.fetchone()[0])


def differences(levels: Sequence[int] = LEVELS) -> list[str]:
    """Where the summary and a fresh count from the incidents disagree (empty when they agree):
    a missing or extra cell, or another count or sum of coordinates."""
    counted: dict[tuple[int, int, int, str], tuple[Any, ...]] = {}
    with connection.cursor() as cursor:
        for level in levels:
            cursor.execute(_counted_sql(connection, level))
            for lv, cx, cy, category, *rest in cursor.fetchall():
                counted[(lv, cx, cy, category)] = tuple(rest)
    kept = {(m.level, m.cx, m.cy, m.category): (m.n, m.lat_sum, m.lon_sum, m.working, m.closed)
            for m in MapCell.objects.filter(level__in=levels).exclude(n=0, working=0, closed=0)}
    out = []
    for key in sorted(set(counted) | set(kept)):
        a, b = counted.get(key), kept.get(key)
        if a is None or b is None:
            out.append(f"cell {key}: counted {a}, kept {b}")
        elif a[0] != b[0] or a[3:] != b[3:] or abs(a[1] - b[1]) > 1e-6 * max(1, a[0]) \
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



def cells(zoom: int, cell_range: tuple[int, int, int, int] | None, category: str | None,
          max_cells: int = queries.MAX_CELLS) -> list[dict[str, Any]]:
    """The map at ``zoom`` (which :func:`level_for` must give a level) from the summary, in the
    shape of :func:`raqib.incidents.queries.cells`: every incident of the cells in
    ``cell_range`` (first and last column, first and last row at ``zoom``; None for all), of
    ``category`` if given."""
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
    per_category = {f"c_{c.key}": Sum("n", filter=Q(category=c.key)) for c in taxonomy.CATEGORIES}
    rows = list(
        qs.annotate(zx=F("cx") / shift, zy=F("cy") / shift)
        .values("zx", "zy")
        .annotate(count=Sum("n"), lat_total=Sum("lat_sum"), lon_total=Sum("lon_sum"), w=Sum("working"),
                  c=Sum("closed"), **per_category)
        .filter(count__gt=0)  # type: ignore[misc]  # django-stubs does not see the annotation
        .order_by("-count", "zx", "zy")[:max_cells]
    )
    singles = _single_incidents(zoom, [(r["zx"], r["zy"]) for r in rows if r["count"] == 1], category)
    out = []
    for row in rows:
        n = row["count"]
        categories = sorted(((c.key, row[f"c_{c.key}"]) for c in taxonomy.CATEGORIES if row[f"c_{c.key}"]),
                            key=lambda kv: -kv[1])
        groups = {"new": n - row["w"] - row["c"], "working": row["w"], "closed": row["c"]}
        cell: dict[str, Any] = {
            "x": int(row["zx"]), "y": int(row["zy"]), "count": n,
            "lat": round(row["lat_total"] / n, 5), "lon": round(row["lon_total"] / n, 5),
            "categories": categories, "state": max(groups, key=lambda g: groups[g]),
        }
        if n == 1:
            cell["id"], cell["verification_state"] = singles.get((cell["x"], cell["y"]), (None, ""))
        out.append(cell)
    return out


def _single_incidents(zoom: int, xys: list[tuple[int, int]], category: str | None) -> dict[tuple[int, int], tuple[int, str]]:
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
        wanted = set(chunk)
        for pk, lat, lon, state in qs.order_by().values_list("pk", "lat", "lon", "verification__state"):
            xy = queries.cell_of(lat, lon, zoom)
            if xy in wanted:
                out[xy] = (pk, state or "")
    return out
