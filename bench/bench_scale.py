#!/usr/bin/env python
"""Incidents at scale: list, map and ingest at 10^4, 10^5 and 10^6 incidents, each against raw SQL.

    .venv/bin/python bench/bench_scale.py [--db sqlite|postgresql] [--sizes 10000,100000,1000000]

For each size, in one database that grows from the smallest size to the largest:

* ingest: ``--ingest`` incidents through ``POST /api/v1/incidents/bulk`` (requests of 1,000, the
  audit chain written), then the same rows (incidents, party roles, verifications, audit
  entries) removed and inserted again by plain ``executemany`` in transactions of the same size:
  both sides write into the table as the previous size left it (empty, then 10^4, then 10^5),
  with the same indexes;
* the table filled to the size (plain INSERTs, not timed, not audited: these rows are only read);
* the list: ``--queries`` random filter sets, the API's list without HTTP against hand-written
  SQL fetching the same rows, and the whole HTTP request (as bench/bench_incidents.py);
* the map: ``--map-queries`` random viewports (zoom 5 to 10, a box the size of a 1024x768 map
  around a town, with the list's filters sometimes), ``GET /api/v1/incidents/map``'s query without
  HTTP against one hand-written ``GROUP BY`` giving the same cells, and the whole HTTP request.

Prints the figures and, with ``--json FILE``, writes them for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_incidents as bi  # noqa: E402


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    p.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/raqib_scale_bench")
    p.add_argument("--sizes", default="10000,100000,1000000")
    p.add_argument("--ingest", type=int, default=5000, help="incidents ingested through the bulk API at each size")
    p.add_argument("--queries", type=int, default=200, help="list requests measured at each size")
    p.add_argument("--map-queries", type=int, default=100, help="map requests measured at each size")
    p.add_argument("--dashboard-requests", type=int, default=20, help="dashboard pages measured at each size")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--json", type=Path, help="write the figures here")
    return p.parse_args()


# --- ingest into a table of a given size ----------------------------------------------------


def remove_rows(first_id: int, first_seq: int, head: tuple[int, str]) -> None:
    """Take out the rows the API wrote (not timed) and put the chain head back where it was."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditentry WHERE seq >= %s", [first_seq])
        cur.execute("DELETE FROM verification_verification WHERE incident_id >= %s", [first_id])
        cur.execute("DELETE FROM incidents_incidentparty WHERE incident_id >= %s", [first_id])
        cur.execute("DELETE FROM incidents_incident_provisions WHERE incident_id >= %s", [first_id])
        cur.execute("DELETE FROM incidents_incident WHERE id >= %s", [first_id])
        cur.execute("UPDATE core_audithead SET seq = %s, hash = %s WHERE id = 1", list(head))


def set_head(head: tuple[int, str]) -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE core_audithead SET seq = %s, hash = %s WHERE id = 1", list(head))


def bench_ingest(args: argparse.Namespace, client: Any, auth: str, rng: random.Random,
                 places: list[tuple[str, float, float]], target: str) -> dict[str, float]:
    from django.db import connection

    from raqib.core.models import AuditHead
    from raqib.incidents.models import Incident

    first_id = (Incident.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    before = AuditHead.objects.get()
    head_before = (before.seq, before.hash)
    api = bi.ingest_api(client, auth, bi.payloads(args.ingest, rng, places), bulk=True)
    after = AuditHead.objects.get()
    rows = bi.written_rows(first_id, head_before[0] + 1)
    remove_rows(first_id, head_before[0] + 1, head_before)
    connection.close()
    raw = bi.ingest_raw(target, rows, bi.BATCH, bi.TABLES)
    set_head((after.seq, after.hash))
    return {"api": api, "raw": raw, "ratio": api / raw}


# --- the map ----------------------------------------------------------------------------------


def random_map_filters(rng: random.Random, places: list[tuple[str, float, float]],
                       zone_keys: list[str]) -> dict[str, str]:
    zoom = rng.randint(5, 10)
    width = 4 * 360 / 2 ** zoom  # 1024 pixels of 256-pixel tiles
    height = 0.75 * width
    _key, lat, lon = rng.choice(places)
    f = {"zoom": str(zoom),
         "bbox": f"{lon - width / 2:.4f},{lat - height / 2:.4f},{lon + width / 2:.4f},{lat + height / 2:.4f}"}
    extra = bi.random_filters(rng, places, zone_keys)
    extra.pop("bbox", None)
    if rng.random() < 0.5:
        f.update(extra)
    return f


def raw_map(cur: Any, f: dict[str, str], zone_ids: dict[str, int]) -> list[Any]:
    """The map's cells by hand, the way the API takes: from the summary table when only the box
    and the category narrow it (at a zoom the summary keeps), else one GROUP BY of the incidents
    of the cells the box touches."""
    from raqib.incidents import mapcells, queries

    zoom = int(f["zoom"])
    span = None
    if "bbox" in f:
        span = queries.cell_range(tuple(float(x) for x in f["bbox"].split(",")), zoom)  # type: ignore[arg-type]
    if set(f) <= {"zoom", "bbox", "category", "state"} and mapcells.level_for(zoom) is not None:
        return raw_summary(cur, f, zoom, span)
    if span is not None:
        f = {**f, "bbox": ",".join(repr(v) for v in queries.cell_box(span, zoom))}
    return raw_counted(cur, f, zone_ids, span)


def raw_summary(cur: Any, f: dict[str, str], zoom: int, span: tuple[int, int, int, int] | None) -> list[Any]:
    from raqib.core import taxonomy
    from raqib.incidents import mapcells
    from raqib.incidents.queries import CLOSED_STATES, WORKING_STATES

    level = mapcells.level_for(zoom)
    assert level is not None
    shift = 2 ** (level - zoom)
    where, params = ["level = %s"], [level]
    if span is not None:
        x0, x1, y0, y1 = span
        where.append("cx >= %s AND cx < %s AND cy >= %s AND cy < %s")
        params += [x0 * shift, (x1 + 1) * shift, y0 * shift, (y1 + 1) * shift]
    for name in ("category", "state"):
        if name in f:
            where.append(f"{name} = %s")
            params.append(f[name])
    cats = ", ".join("SUM(CASE WHEN category = %s THEN n END)" for _ in taxonomy.CATEGORIES)
    working = ", ".join(["%s"] * len(WORKING_STATES))
    closed = ", ".join(["%s"] * len(CLOSED_STATES))
    cur.execute(f"SELECT cx / {shift} AS zx, cy / {shift} AS zy, SUM(n) AS total, SUM(lat_sum), SUM(lon_sum), "
                f"SUM(CASE WHEN state IN ({working}) THEN n END), SUM(CASE WHEN state IN ({closed}) THEN n END), "
                f"{cats} FROM incidents_mapcell WHERE {' AND '.join(where)} "
                f"GROUP BY zx, zy HAVING SUM(n) > 0 ORDER BY total DESC, zx, zy LIMIT 5001",
                [*WORKING_STATES, *CLOSED_STATES, *[c.key for c in taxonomy.CATEGORIES], *params])
    rows = cur.fetchall()
    single = [(r[0], r[1]) for r in rows if r[2] == 1]
    if single:
        # The incident alone in each such cell, by a box a little wider than the cell.
        from raqib.incidents.queries import cell_size

        size, boxes, values = cell_size(zoom), [], []
        for x, y in single[:200]:
            boxes.append("(lon >= %s AND lon <= %s AND lat >= %s AND lat <= %s)")
            values += [x * size - 180 - size / 1000, (x + 1) * size - 180 + size / 1000,
                       y * size - 90 - size / 1000, (y + 1) * size - 90 + size / 1000]
        cur.execute(f"SELECT i.id, i.lat, i.lon, v.state FROM incidents_incident i LEFT JOIN verification_verification v "
                    f"ON v.incident_id = i.id WHERE {' OR '.join(boxes)}", values)
        cur.fetchall()
    return rows


def raw_counted(cur: Any, f: dict[str, str], zone_ids: dict[str, int], span: tuple[int, int, int, int] | None) -> list[Any]:
    """One GROUP BY of the grid cell over the incidents, with the same counts."""
    from django.db import connection

    from raqib.core import taxonomy
    from raqib.incidents.queries import CLOSED_STATES, STATE_JOIN, WORKING_STATES, cell_size

    size = cell_size(int(f["zoom"]))
    where, params = bi.raw_where(cur, f, zone_ids)
    if connection.vendor == "sqlite":
        cx, cy = "CAST((i.lon + 180.0) / %s AS INTEGER)", "CAST((i.lat + 90.0) / %s AS INTEGER)"
    else:
        cx, cy = "CAST(FLOOR((i.lon + 180.0) / %s) AS BIGINT)", "CAST(FLOOR((i.lat + 90.0) / %s) AS BIGINT)"
    span_params: list[Any] = []
    if span is not None:
        where.append(f"{cx} >= %s AND {cx} <= %s AND {cy} >= %s AND {cy} <= %s")
        span_params = [size, span[0], size, span[1], size, span[2], size, span[3]]
    cats = ", ".join("COUNT(CASE WHEN i.category = %s THEN 1 END)" for _ in taxonomy.CATEGORIES)
    working = ", ".join(["%s"] * len(WORKING_STATES))
    closed = ", ".join(["%s"] * len(CLOSED_STATES))
    joined = True
    if connection.vendor == "sqlite":
        # The same choice as raqib.incidents.queries._state_counts.
        cur.execute("SELECT MAX(id) FROM incidents_incident")
        limit = max(STATE_JOIN, (cur.fetchone()[0] or 0) // 3)
        cur.execute(f"SELECT COUNT(*) FROM (SELECT i.id FROM incidents_incident i WHERE {' AND '.join(where)} "
                    f"LIMIT {limit}) AS probe", params + span_params)
        joined = cur.fetchone()[0] < limit
    if joined:
        states = (f"COUNT(CASE WHEN v.state IN ({working}) THEN 1 END), "
                  f"COUNT(CASE WHEN v.state IN ({closed}) THEN 1 END)")
        join = "LEFT JOIN verification_verification v ON v.incident_id = i.id"
    else:
        states = (f"COUNT(CASE WHEN i.id IN (SELECT incident_id FROM verification_verification WHERE state IN "
                  f"({working})) THEN 1 END), COUNT(CASE WHEN i.id IN (SELECT incident_id FROM "
                  f"verification_verification WHERE state IN ({closed})) THEN 1 END)")
        join = ""
    sql = (f"SELECT {cx} AS cx, {cy} AS cy, COUNT(*) AS n, SUM(i.lat), SUM(i.lon), MIN(i.id), {states}, "
           f"{cats} FROM incidents_incident i {join} "
           f"WHERE {' AND '.join(where)} GROUP BY cx, cy ORDER BY n DESC, cx, cy LIMIT 5001")
    cur.execute(sql, [size, size, *WORKING_STATES, *CLOSED_STATES, *[c.key for c in taxonomy.CATEGORIES], *params,
                      *span_params])
    rows = cur.fetchall()
    single = [r[5] for r in rows if r[2] == 1]
    if single:
        cur.execute(f"SELECT incident_id, state FROM verification_verification WHERE incident_id IN "
                    f"({', '.join(['%s'] * len(single))})", single)
        cur.fetchall()
    return rows


def bench_map(args: argparse.Namespace, client: Any, auth: str, user: Any, rng: random.Random,
              places: list[tuple[str, float, float]]) -> dict[str, float]:
    from django.db import connection

    from raqib.api.maps import map_cells
    from raqib.api.schemas.maps import MapFilters
    from raqib.geo.models import Zone
    from raqib.incidents import mapcells

    zone_ids = dict(Zone.objects.values_list("key", "pk"))
    filters = [random_map_filters(rng, places, list(zone_ids)) for _ in range(args.map_queries)]
    orm, raw, http, cells = [], [], [], []
    by_path: dict[str, dict[str, list[float]]] = {"summary": {"orm": [], "raw": []}, "counted": {"orm": [], "raw": []}}
    for f in filters[:10]:
        map_cells(user, MapFilters(**f))
    for f in filters:
        path = "summary" if set(f) <= {"zoom", "bbox", "category", "state"} and mapcells.level_for(int(f["zoom"])) \
            else "counted"
        with connection.cursor() as cur:
            raw_map(cur, f, zone_ids)
        t = time.perf_counter()
        got = map_cells(user, MapFilters(**f))["cells"]
        orm.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        with connection.cursor() as cur:
            raw_rows = raw_map(cur, f, zone_ids)
        raw.append((time.perf_counter() - t) * 1000)
        assert [(c["x"], c["y"], c["count"]) for c in got] == [(r[0], r[1], r[2]) for r in raw_rows], f
        by_path[path]["orm"].append(orm[-1])
        by_path[path]["raw"].append(raw[-1])
        t = time.perf_counter()
        r = client.get("/api/v1/incidents/map", f, HTTP_AUTHORIZATION=auth)
        http.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, r.content[:200]
        cells.append(len(got))
    return {
        "orm_p50": statistics.median(orm), "orm_p95": bi.p95(orm),
        "raw_p50": statistics.median(raw), "raw_p95": bi.p95(raw),
        "http_p50": statistics.median(http), "http_p95": bi.p95(http),
        "cells_max": max(cells), "cells_p50": statistics.median(cells),
        **{f"{path}_{side}_{q}": (statistics.median(v) if q == "p50" else bi.p95(v))
           for path, sides in by_path.items() for side, v in sides.items() if v for q in ("p50", "p95")},
        **{f"{path}_n": len(sides["orm"]) for path, sides in by_path.items()},
    }


def bench_dashboard(args: argparse.Namespace, chief: Any) -> dict[str, float]:
    """The chief's dashboard page, whole (HTTP, the page's queries, the template), against a
    trivial page through the same middleware in the same run."""
    from django.http import HttpResponse
    from django.test import Client, override_settings
    from django.urls import include, path

    def trivial(request: object) -> HttpResponse:
        return HttpResponse("ok")

    urlconf = type("BenchUrls", (), {"urlpatterns": [path("bench-trivial/", trivial), path("", include("raqib.urls"))]})
    client = Client()
    client.force_login(chief)
    page, base = [], []
    with override_settings(ROOT_URLCONF=urlconf):
        for _ in range(3):
            assert client.get("/dashboard/").status_code == 200
        for _ in range(args.dashboard_requests):
            t = time.perf_counter()
            r = client.get("/dashboard/")
            page.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200
            t = time.perf_counter()
            client.get("/bench-trivial/")
            base.append((time.perf_counter() - t) * 1000)
    return {"page_p50": statistics.median(page), "page_p95": bi.p95(page),
            "trivial_p50": statistics.median(base), "trivial_p95": bi.p95(base)}


def main() -> int:
    args = parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="raqib-scale-"))
    try:
        bargs = argparse.Namespace(db=args.db, pg_url=args.pg_url, queries=args.queries)
        bi.prepare_databases(bargs, work)
        from django.conf import settings
        from django.db import connection
        from django.test import Client

        from raqib import profiles
        from raqib.accounts.services import create_user, issue_token
        from raqib.geo.models import Place, Zone
        from raqib.incidents.models import Incident

        print(f"Raqib incidents at scale on {connection.vendor}: sizes {sizes}", flush=True)
        profiles.load("libya-2020")
        chief = create_user("bench-chief", "chief", "bench-password-123", None)
        auth = "Bearer " + issue_token(chief, None, "bench")
        target = args.pg_url if args.db == "postgresql" else str(settings.DATABASES["default"]["NAME"])
        client = Client()
        places = [(p.key, p.lat, p.lon) for p in Place.objects.exclude(lat=None).filter(
            lat__gte=29, lat__lte=33, lon__gte=12, lon__lte=21)]
        zones = list(Zone.objects.values_list("pk", flat=True))
        results: dict[str, Any] = {"db": args.db, "sizes": {}}
        for size in sizes:
            print(f"\n== {size:,} incidents ==", flush=True)
            ingest = bench_ingest(args, client, auth, rng, places, target)
            print(f"  ingest: API bulk {ingest['api']:,.0f}/s, raw SQL same rows {ingest['raw']:,.0f}/s, "
                  f"ratio {ingest['ratio']:.2f} (target >= 0.5)", flush=True)
            bi.top_up(size, rng, places, zones)
            lst = bi.bench_list(bargs, client, auth, chief, rng, places)
            print(f"  list: ORM p95 {lst['orm_p95']:.1f}, raw p95 {lst['raw_p95']:.1f} ms", flush=True)
            mp = bench_map(args, client, auth, chief, rng, places)
            dash = bench_dashboard(args, chief)
            n = Incident.objects.count()
            results["sizes"][str(size)] = {"rows": n, "ingest": ingest, "list": lst, "map": mp, "dashboard": dash}
            for name, r in (("list (page of 50)", lst), ("map (cells)", mp)):
                print(f"  {name}: ORM p50 {r['orm_p50']:.1f} p95 {r['orm_p95']:.1f} | raw p50 {r['raw_p50']:.1f} "
                      f"p95 {r['raw_p95']:.1f} | ratio p95 {r['orm_p95'] / r['raw_p95']:.2f} | "
                      f"HTTP p50 {r['http_p50']:.1f} p95 {r['http_p95']:.1f} ms", flush=True)
            print(f"  map cells per answer: median {mp['cells_p50']:.0f}, max {mp['cells_max']}", flush=True)
            for path in ("summary", "counted"):
                if mp.get(f"{path}_n"):
                    print(f"  map by the {path} path ({mp[f'{path}_n']} requests): ORM p50 {mp[f'{path}_orm_p50']:.1f} "
                          f"p95 {mp[f'{path}_orm_p95']:.1f} | raw p50 {mp[f'{path}_raw_p50']:.1f} "
                          f"p95 {mp[f'{path}_raw_p95']:.1f} ms", flush=True)
            print(f"  dashboard page: p50 {dash['page_p50']:.1f} p95 {dash['page_p95']:.1f} ms | trivial page p50 "
                  f"{dash['trivial_p50']:.1f} p95 {dash['trivial_p95']:.1f} ms | ratio p95 "
                  f"{dash['page_p95'] / dash['trivial_p95']:.1f}", flush=True)
            if args.json:
                args.json.write_text(json.dumps(results, indent=1))
        small, large = str(sizes[0]), str(sizes[-1])
        if small != large:
            print(f"\nGrowth of p95 from {int(small):,} to {int(large):,} incidents:")
            for what, sides in (("list", ("orm", "raw", "http")), ("map", ("orm", "raw", "http")),
                                ("dashboard", ("page", "trivial"))):
                for side in sides:
                    a = results["sizes"][small][what][f"{side}_p95"]
                    b = results["sizes"][large][what][f"{side}_p95"]
                    print(f"  {what:4} {side:4} {a:8.1f} -> {b:8.1f} ms  x{b / a:.1f}")
        return 0
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
