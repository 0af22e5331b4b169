#!/usr/bin/env python
"""Incident ingest and the filtered incident list, each against raw SQL in the same run.

    .venv/bin/python bench/bench_incidents.py [--db sqlite|postgresql] [--rows 1000000]

Ingest: incidents filed through the API (``POST /api/v1/incidents/bulk`` in requests of 1,000,
and ``POST /api/v1/incidents`` one by one), against raw SQL inserting *the same rows* (the
incident, its party roles, its verification and its audit entries, as the API wrote them) into an
identical empty database with the same indexes, in transactions of the same size.

List: ``GET /api/v1/incidents`` with random filters (bbox, period, category, zone, state, party)
over ``--rows`` incidents; the ORM queries the API runs (page of 50 with its party roles and
provisions) against hand-written SQL fetching the same rows, and the whole HTTP request's
latency. Each ratio is measured in one run, so a busy machine slows both sides alike.

Nothing here is a test: it prints figures for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

BATCH = 1000
CATEGORIES = [
    ("ceasefire_violation", "shelling"), ("ceasefire_violation", "armed_clash"),
    ("ceasefire_violation", "air_or_drone_strike"), ("foreign_forces", "arrival"),
    ("foreign_forces", "departure"), ("explosive_hazard", "uxo_sighting"),
    ("embargo_violation", "air_shipment"), ("movement_restriction", "denial"), ("political", "agreement"),
]
T0 = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
SPAN_DAYS = 730


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    p.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/raqib_bench")
    p.add_argument("--rows", type=int, default=1_000_000, help="incidents in the table for the list benchmark")
    p.add_argument("--bulk", type=int, default=20_000, help="incidents ingested through the bulk API")
    p.add_argument("--single", type=int, default=1_000, help="incidents ingested one request each")
    p.add_argument("--queries", type=int, default=300, help="list requests measured")
    p.add_argument("--seed", type=int, default=7)
    return p.parse_args()


# --- set-up ---------------------------------------------------------------------------------


def prepare_databases(args: argparse.Namespace, work: Path) -> None:
    """Point Raqib at a fresh database and migrate it."""
    os.environ["RAQIB_DATA_DIR"] = str(work / "data")
    os.environ["DJANGO_SETTINGS_MODULE"] = "raqib.settings"
    os.environ["RAQIB_API_MAX_BULK"] = str(BATCH)
    os.environ.pop("RAQIB_DATABASE_URL", None)
    if args.db == "postgresql":
        import psycopg

        base, name = args.pg_url.rsplit("/", 1)
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            for db in (name, name + "_raw"):
                conn.execute(f'DROP DATABASE IF EXISTS "{db}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["RAQIB_DATABASE_URL"] = args.pg_url
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)


def clone_for_raw(args: argparse.Namespace, work: Path) -> str:
    """An identical copy of the database as it is now (schema, indexes, reference data), for the
    raw-SQL side. Returns how to reach it (a file path or a URL)."""
    from django.conf import settings
    from django.db import connection

    connection.close()
    if args.db == "postgresql":
        import psycopg

        base, name = args.pg_url.rsplit("/", 1)
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}_raw" TEMPLATE "{name}"')
        return f"{base}/{name}_raw"
    raw = work / "raw.sqlite3"
    source = raw_connection(settings.DATABASES["default"]["NAME"])
    target = raw_connection(str(raw))
    source.backup(target)
    source.close()
    target.close()
    return str(raw)


def raw_connection(target: str) -> Any:
    if target.startswith("postgresql://"):
        import psycopg

        return psycopg.connect(target)
    import sqlite3

    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def payloads(n: int, rng: random.Random, places: list[tuple[str, float, float]]) -> list[dict[str, Any]]:
    out = []
    for _ in range(n):
        category, subtype = rng.choice(CATEGORIES)
        key, lat, lon = rng.choice(places)
        start = T0 + dt.timedelta(minutes=rng.randrange(SPAN_DAYS * 24 * 60))
        out.append({
            "category": category, "subtype": subtype,
            "occurred_start": start.isoformat(), "occurred_end": (start + dt.timedelta(hours=1)).isoformat(),
            "lat": round(lat + rng.uniform(-0.05, 0.05), 5), "lon": round(lon + rng.uniform(-0.05, 0.05), 5),
            "place": key, "parties": [{"party": rng.choice(["gna", "lna"]), "role": "alleged_perpetrator"}],
            "killed_min": 0, "killed_max": rng.choice([0, 0, 0, 1, 2]), "severity": rng.randint(1, 4),
            "description_en": f"Bench incident near {key}.",
        })
    return out


# --- ingest ---------------------------------------------------------------------------------


def ingest_api(client: Any, auth: str, items: list[dict[str, Any]], bulk: bool) -> float:
    start = time.perf_counter()
    if bulk:
        for i in range(0, len(items), BATCH):
            r = client.post("/api/v1/incidents/bulk", items[i:i + BATCH], content_type="application/json",
                            HTTP_AUTHORIZATION=auth)
            assert r.status_code == 201, r.content[:300]
    else:
        for item in items:
            r = client.post("/api/v1/incidents", item, content_type="application/json", HTTP_AUTHORIZATION=auth)
            assert r.status_code == 201, r.content[:300]
    return len(items) / (time.perf_counter() - start)


TABLES = ("incidents_incident", "incidents_incidentparty", "verification_verification", "core_auditentry")


def written_rows(first_incident: int, first_seq: int) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """The rows the API wrote for incidents with id >= first_incident, table by table."""
    from django.db import connection

    wheres = {
        "incidents_incident": ("id >= %s", first_incident),
        "incidents_incidentparty": ("incident_id >= %s", first_incident),
        "verification_verification": ("incident_id >= %s", first_incident),
        "core_auditentry": ("seq >= %s", first_seq),
    }
    out = {}
    with connection.cursor() as cur:
        for table in TABLES:
            where, value = wheres[table]
            cur.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY 1", [value])
            out[table] = ([c[0] for c in cur.description], cur.fetchall())
    return out


def ingest_raw(target: str, rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]], per_tx: int,
               tables: tuple[str, ...]) -> float:
    """Insert the same rows with plain DB-API executemany, ``per_tx`` incidents per transaction."""
    conn = raw_connection(target)
    pg = target.startswith("postgresql://")
    if pg:
        from psycopg.types.json import Jsonb

        def fix(row: tuple[Any, ...]) -> tuple[Any, ...]:
            return tuple(Jsonb(v) if isinstance(v, (dict, list)) else v for v in row)
    else:
        def fix(row: tuple[Any, ...]) -> tuple[Any, ...]:
            return row
    # Group every table's rows by transaction: the i-th slice of incidents with their companions.
    n = len(rows["incidents_incident"][1])
    chunks = []
    for t in tables:
        cols, data = rows[t]
        ph = ", ".join(["%s" if pg else "?"] * len(cols))
        sql = f"INSERT INTO {t} ({', '.join(cols)}) VALUES ({ph})"
        per = max(1, len(data) // max(1, n))
        chunks.append((sql, [fix(r) for r in data], per))
    start = time.perf_counter()
    for i in range(0, n, per_tx):
        if pg:
            with conn.transaction():
                cur = conn.cursor()
                for sql, data, per in chunks:
                    cur.executemany(sql, data[i * per:(i + per_tx) * per])
        else:
            conn.execute("BEGIN IMMEDIATE")
            for sql, data, per in chunks:
                conn.executemany(sql, data[i * per:(i + per_tx) * per])
            conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return n / elapsed


def empty_raw(target: str) -> None:
    conn = raw_connection(target)
    for t in reversed(TABLES):
        conn.execute(f"DELETE FROM {t}")
    if target.startswith("postgresql://"):
        conn.commit()
    conn.close()


# --- list -----------------------------------------------------------------------------------


def top_up(total: int, rng: random.Random, places: list[tuple[str, float, float]], zones: list[int]) -> None:
    """Fill the table to ``total`` incidents with plain INSERTs (these rows are for querying only)."""
    from django.db import connection, transaction

    from raqib.actors.models import Party
    from raqib.incidents.models import Incident

    have = Incident.objects.count()
    party_ids = list(Party.objects.filter(key__in=["gna", "lna"]).values_list("pk", flat=True))
    states = ["received", "triaged", "under_verification", "findings_drafted", "reviewed", "closed"]
    next_id = (Incident.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    now = dt.datetime.now(dt.UTC)
    # On PostgreSQL the map summary's triggers update a coarse cell's row once per incident, and
    # each update of a row already updated in the same transaction walks the row's versions: a
    # transaction of a thousand (the bulk API's most) costs little, twenty thousand a great deal.
    chunk = 20_000 if connection.vendor == "sqlite" else 1_000
    done = 0
    print(f"  filling the table to {total:,} incidents ...", flush=True)
    while have + done < total:
        n = min(chunk, total - have - done)
        inc, ver, roles = [], [], []
        for k in range(n):
            pk = next_id + done + k
            category, subtype = rng.choice(CATEGORIES)
            _key, lat, lon = rng.choice(places)
            start = T0 + dt.timedelta(minutes=rng.randrange(SPAN_DAYS * 24 * 60))
            zone = rng.choice(zones) if rng.random() < 0.6 else None
            inc.append((pk, str(uuid.UUID(int=rng.getrandbits(128))), category, subtype, start,
                        start + dt.timedelta(hours=1), "hour", lat + rng.uniform(-0.3, 0.3), lon + rng.uniform(-0.3, 0.3),
                        "exact", zone, 0, 0, 0, 0, 1, "Bench incident.", "", "en", False, True, now, now))
            ver.append((pk, rng.choice(states), "", "", "", "", "", 0, now))
            roles.append((pk, rng.choice(party_ids), "alleged_perpetrator"))
        with transaction.atomic(), connection.cursor() as cur:
            cur.executemany(
                "INSERT INTO incidents_incident (id, uid, category, subtype, occurred_start, occurred_end, "
                "time_precision, lat, lon, location_precision, zone_id, killed_min, killed_max, injured_min, "
                "injured_max, severity, description_en, description_ar, original_language, shared_with_jmc, "
                "synthetic, created_at, updated_at) VALUES (" + ", ".join(["%s"] * 23) + ")", inc)
            cur.executemany(
                "INSERT INTO verification_verification (incident_id, state, outcome, outcome_reason, attribution, "
                "confidence, findings, reopen_count, updated_at) VALUES (" + ", ".join(["%s"] * 9) + ")", ver)
            cur.executemany("INSERT INTO incidents_incidentparty (incident_id, party_id, role) VALUES (%s, %s, %s)",
                            roles)
        done += n
        print(f"\r  {have + done:,} incidents", end="", flush=True)
    print()
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT setval(pg_get_serial_sequence('incidents_incident', 'id'), MAX(id)) FROM incidents_incident")
            cur.execute("ANALYZE")
    else:
        with connection.cursor() as cur:
            cur.execute("ANALYZE")


def random_filters(rng: random.Random, places: list[tuple[str, float, float]], zone_keys: list[str]) -> dict[str, str]:
    f: dict[str, str] = {}
    kind = rng.randrange(5)
    start = T0 + dt.timedelta(days=rng.randrange(SPAN_DAYS - 30))
    if kind in (0, 1):
        _key, lat, lon = rng.choice(places)
        f["bbox"] = f"{lon - 0.5:.3f},{lat - 0.5:.3f},{lon + 0.5:.3f},{lat + 0.5:.3f}"
    if kind in (0, 2, 3):
        f["since"] = start.date().isoformat()
        f["until"] = (start + dt.timedelta(days=30)).date().isoformat()
    if kind in (1, 2):
        f["category"] = rng.choice(CATEGORIES)[0]
    if kind == 3:
        f["zone"] = rng.choice(zone_keys)
    if kind == 4:
        f["state"] = rng.choice(["received", "under_verification", "closed"])
    return f


RAW_MAIN = """
SELECT i.*, p.key, z.key, v.state, v.outcome, v.attribution, v.confidence, ap.key
FROM incidents_incident i
LEFT JOIN geo_place p ON p.id = i.place_id
LEFT JOIN geo_zone z ON z.id = i.zone_id
LEFT JOIN verification_verification v ON v.incident_id = i.id
LEFT JOIN actors_party ap ON ap.id = v.attributed_party_id
WHERE {where}
ORDER BY i.occurred_start DESC, i.id DESC
LIMIT 51
"""


def raw_where(cur: Any, f: dict[str, str], zone_ids: dict[str, int]) -> tuple[list[str], list[Any]]:
    """The WHERE clause of the list's filters (and of the map's), written by hand."""
    from django.db import connection

    where, params = ["1=1"], []
    if "bbox" in f:
        # The same choice the API makes (raqib.incidents.queries.in_box), written by hand.
        a, b, c, d = (float(x) for x in f["bbox"].split(","))
        dense = False
        if connection.vendor == "sqlite":
            cur.execute("SELECT COUNT(*) FROM (SELECT 1 FROM incidents_incident WHERE lon >= %s AND lon <= %s "
                        "AND lat >= %s AND lat <= %s LIMIT 2000) AS box", [a, c, b, d])
            dense = cur.fetchone()[0] >= 2000
        lon, lat = ("(i.lon + 0.0)", "(i.lat + 0.0)") if dense else ("i.lon", "i.lat")
        where.append(f"{lon} >= %s AND {lon} <= %s AND {lat} >= %s AND {lat} <= %s")
        params += [a, c, b, d]
    if "since" in f:
        since = dt.datetime.fromisoformat(f["since"]).replace(tzinfo=dt.UTC)
        where.append("i.occurred_end >= %s AND i.occurred_start >= %s")
        params += [since, since - dt.timedelta(days=32)]
    if "until" in f:
        where.append("i.occurred_start <= %s")
        params.append(dt.datetime.fromisoformat(f["until"]).replace(tzinfo=dt.UTC) + dt.timedelta(days=1, microseconds=-1))
    if "category" in f:
        where.append("i.category = %s")
        params.append(f["category"])
    if "zone" in f:
        where.append("i.zone_id = %s")
        params.append(zone_ids[f["zone"]])
    if "state" in f:
        where.append("EXISTS (SELECT 1 FROM verification_verification s WHERE s.incident_id = i.id AND s.state = %s)")
        params.append(f["state"])
    return where, params


def raw_list(cur: Any, f: dict[str, str], zone_ids: dict[str, int]) -> list[Any]:
    where, params = raw_where(cur, f, zone_ids)
    cur.execute(RAW_MAIN.format(where=" AND ".join(where)), params)
    rows = cur.fetchall()[:50]
    ids = [r[0] for r in rows]
    if ids:
        marks = ", ".join(["%s"] * len(ids))
        cur.execute(f"SELECT ip.incident_id, ip.role, pa.key FROM incidents_incidentparty ip "
                    f"JOIN actors_party pa ON pa.id = ip.party_id WHERE ip.incident_id IN ({marks}) ORDER BY ip.id", ids)
        cur.fetchall()
        cur.execute(f"SELECT ip.incident_id, pr.id, pr.number FROM incidents_incident_provisions ip "
                    f"JOIN agreements_provision pr ON pr.id = ip.provision_id WHERE ip.incident_id IN ({marks})", ids)
        cur.fetchall()
    return rows


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def bench_list(args: argparse.Namespace, client: Any, auth: str, user: Any, rng: random.Random,
               places: list[tuple[str, float, float]]) -> dict[str, float]:
    from django.db import connection

    from raqib.api.incidents import list_page
    from raqib.api.schemas.incidents import IncidentFilters
    from raqib.geo.models import Zone

    zone_ids = dict(Zone.objects.values_list("key", "pk"))
    filters = [random_filters(rng, places, list(zone_ids)) for _ in range(args.queries)]
    orm, raw, http = [], [], []
    for f in filters[:20]:  # warm caches on both sides
        list_page(user, IncidentFilters(**f))
        with connection.cursor() as cur:
            raw_list(cur, f, zone_ids)
    for f in filters:
        # Interleaved, so drift in machine load hits the three measures alike; the rows are read
        # once first, so no measure pays for bringing them from disk and the others not.
        with connection.cursor() as cur:
            raw_list(cur, f, zone_ids)
        t = time.perf_counter()
        rows = list_page(user, IncidentFilters(**f))["items"]
        orm.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        with connection.cursor() as cur:
            raw_rows = raw_list(cur, f, zone_ids)
        raw.append((time.perf_counter() - t) * 1000)
        assert [r["id"] for r in rows] == [r[0] for r in raw_rows], f
        t = time.perf_counter()
        r = client.get("/api/v1/incidents", f, HTTP_AUTHORIZATION=auth)
        http.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, r.content[:200]
    return {
        "orm_p50": statistics.median(orm), "orm_p95": p95(orm),
        "raw_p50": statistics.median(raw), "raw_p95": p95(raw),
        "http_p50": statistics.median(http), "http_p95": p95(http),
    }


def main() -> int:
    args = parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="raqib-bench-"))
    try:
        prepare_databases(args, work)
        from django.db import connection
        from django.test import Client

        from raqib import profiles
        from raqib.accounts.services import create_user, issue_token
        from raqib.core.models import AuditHead
        from raqib.geo.models import Place, Zone
        from raqib.incidents.models import Incident

        print(f"Raqib incident benchmarks on {connection.vendor} ({connection.Database.__name__})")
        profiles.load("libya-2020")
        chief = create_user("bench-chief", "chief", "bench-password-123", None)
        auth = "Bearer " + issue_token(chief, None, "bench")
        raw_target = clone_for_raw(args, work)
        client = Client()
        places = [(p.key, p.lat, p.lon) for p in Place.objects.exclude(lat=None).filter(
            lat__gte=29, lat__lte=33, lon__gte=12, lon__lte=21)]
        zones = list(Zone.objects.values_list("pk", flat=True))

        results: dict[str, float] = {}
        # Bulk ingest, then the same rows raw.
        first_id = (Incident.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        first_seq = AuditHead.objects.get().seq + 1
        results["api_bulk"] = ingest_api(client, auth, payloads(args.bulk, rng, places), bulk=True)
        rows = written_rows(first_id, first_seq)
        results["raw_bulk_same_rows"] = ingest_raw(raw_target, rows, BATCH, TABLES)
        empty_raw(raw_target)
        results["raw_bulk_incident_rows"] = ingest_raw(raw_target, rows, BATCH, ("incidents_incident",))
        empty_raw(raw_target)
        # One by one, then the same rows raw, one transaction each.
        first_id = (Incident.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        first_seq = AuditHead.objects.get().seq + 1
        results["api_single"] = ingest_api(client, auth, payloads(args.single, rng, places), bulk=False)
        results["raw_single_same_rows"] = ingest_raw(raw_target, written_rows(first_id, first_seq), 1, TABLES)

        print(f"\nIngest (incidents per second; {args.bulk:,} in bulk requests of {BATCH}, {args.single:,} one by one)")
        print(f"  API bulk             {results['api_bulk']:>10,.0f}/s")
        print(f"  raw SQL, same rows   {results['raw_bulk_same_rows']:>10,.0f}/s   ratio API/raw = "
              f"{results['api_bulk'] / results['raw_bulk_same_rows']:.2f}  (target >= 0.5)")
        print(f"  raw SQL, incident rows only {results['raw_bulk_incident_rows']:>10,.0f}/s   ratio API/raw = "
              f"{results['api_bulk'] / results['raw_bulk_incident_rows']:.2f}")
        print(f"  API one by one       {results['api_single']:>10,.0f}/s")
        print(f"  raw SQL, same rows, one transaction each {results['raw_single_same_rows']:>10,.0f}/s   ratio = "
              f"{results['api_single'] / results['raw_single_same_rows']:.2f}")

        top_up(args.rows, rng, places, zones)
        lst = bench_list(args, client, auth, chief, rng, places)
        n = Incident.objects.count()
        print(f"\nFiltered list, page of 50, over {n:,} incidents ({args.queries} random filter sets, ms)")
        print(f"  ORM queries of the API   p50 {lst['orm_p50']:7.2f}   p95 {lst['orm_p95']:7.2f}")
        print(f"  raw SQL, same rows       p50 {lst['raw_p50']:7.2f}   p95 {lst['raw_p95']:7.2f}")
        print(f"  ratio ORM/raw            p50 {lst['orm_p50'] / lst['raw_p50']:7.2f}   p95 "
              f"{lst['orm_p95'] / lst['raw_p95']:7.2f}   (target <= 2)")
        print(f"  whole HTTP request       p50 {lst['http_p50']:7.2f}   p95 {lst['http_p95']:7.2f}   (target p95 < 50)")
        return 0
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
