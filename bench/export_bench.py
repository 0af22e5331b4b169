#!/usr/bin/env python
"""Exports of many incidents: time and peak memory of each format against a raw dump.

    .venv/bin/python bench/export_bench.py [--db sqlite|postgresql] [--rows 1000000]

Fills a fresh database with ``--rows`` incidents (the raw-SQL filler of bench_incidents.py: each
incident with a party role and a verification), then runs, each in a process of its own so that
its peak resident memory (``VmHWM``) is its own:

* ``raqib export FORMAT`` as the CLI does it (``raqib.exports.services.export_to_file``: the
  system's access, no filter, the file and its signed manifest), for acled, geojson, hxl, xlsx;
* the baseline: a raw cursor over the same rows (the incident joined with its place, zone,
  verification and party names) written with ``csv.writer``, nothing else;
* an idle process that only sets Django up, whose memory is subtracted from the others'.

The ratio export/raw is measured in the same run, so a busy machine slows both sides alike.
Nothing here is a test: it prints figures for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FORMATS = ("acled", "geojson", "hxl", "xlsx")


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    p.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/raqib_export_bench")
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--formats", default=",".join(FORMATS))
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--child", default=None, help=argparse.SUPPRESS)
    p.add_argument("--out", default=None, help=argparse.SUPPRESS)
    return p.parse_args()


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raqib.settings")
    import django

    django.setup()


# --- the measured children ------------------------------------------------------------------------


RAW_SQL = """
SELECT i.id, i.uid, i.category, i.subtype, i.occurred_start, i.occurred_end, i.time_precision, i.lat, i.lon,
       i.location_precision, p.key, p.name_en, p.name_ar, p.admin_area, z.key, z.name_en, i.killed_min,
       i.killed_max, i.injured_min, i.injured_max, i.severity, i.description_en, i.description_ar,
       i.shared_with_jmc, i.synthetic, i.updated_at, v.state, v.outcome, v.confidence, v.attribution,
       (SELECT {agg} FROM incidents_incidentparty ip JOIN actors_party a ON a.id = ip.party_id
         WHERE ip.incident_id = i.id)
FROM incidents_incident i
LEFT JOIN geo_place p ON p.id = i.place_id
LEFT JOIN geo_zone z ON z.id = i.zone_id
LEFT JOIN verification_verification v ON v.incident_id = i.id
ORDER BY i.occurred_start, i.id
"""


def raw_dump(out: Path) -> int:
    from django.db import connection

    agg = "string_agg(a.name_en, '; ')" if connection.vendor == "postgresql" else "group_concat(a.name_en, '; ')"
    n = 0
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if connection.vendor == "postgresql":
            import psycopg

            settings = connection.settings_dict
            conn = psycopg.connect(host=settings["HOST"] or None, port=settings["PORT"] or None,
                                   user=settings["USER"] or None, password=settings["PASSWORD"] or None,
                                   dbname=settings["NAME"])
            with conn, conn.cursor(name="dump") as cur:  # a server-side cursor, as Django's iterator
                cur.itersize = 2000
                cur.execute(RAW_SQL.format(agg=agg))
                for row in cur:
                    writer.writerow(row)
                    n += 1
        else:
            import sqlite3

            conn = sqlite3.connect(connection.settings_dict["NAME"])
            cur = conn.execute(RAW_SQL.format(agg=agg))
            while rows := cur.fetchmany(2000):
                writer.writerows(rows)
                n += len(rows)
            conn.close()
    return n


def peak_rss_kib() -> int:
    """The process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss over
    from the forking parent (which holds the filled database's pages), VmHWM starts anew at exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(kind: str, out: Path) -> None:
    setup_django()
    from django.db import connection

    connection.ensure_connection()
    start = time.perf_counter()
    count = 0
    if kind == "raw":
        count = raw_dump(out)
    elif kind != "idle":
        from raqib.exports.filters import ExportFilters
        from raqib.exports.services import export_to_file

        count = export_to_file(kind, None, ExportFilters(), out).count
    seconds = time.perf_counter() - start
    peak_kib = peak_rss_kib()
    size = out.stat().st_size if out.exists() else 0
    print(json.dumps({"kind": kind, "seconds": seconds, "rows": count, "peak_mib": peak_kib / 1024, "bytes": size}))


def run_child(kind: str, work: Path) -> dict[str, Any]:
    out = work / f"out-{kind}"
    done = subprocess.run([sys.executable, __file__, "--child", kind, "--out", str(out)], capture_output=True,
                          text=True, env=os.environ.copy(), check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    for leftover in work.glob("out-*"):
        leftover.unlink()
    return result


# --- set-up ----------------------------------------------------------------------------------------------


def prepare(args: argparse.Namespace, work: Path) -> None:
    os.environ["RAQIB_DATA_DIR"] = str(work / "data")
    os.environ["DJANGO_SETTINGS_MODULE"] = "raqib.settings"
    os.environ.pop("RAQIB_DATABASE_URL", None)
    if args.db == "postgresql":
        import psycopg

        base, name = args.pg_url.rsplit("/", 1)
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["RAQIB_DATABASE_URL"] = args.pg_url
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from raqib import profiles
    from raqib.geo.models import Place, Zone

    profiles.load("libya-2020")
    sys.path.insert(0, str(HERE))
    from bench_incidents import top_up

    places = [(p.key, p.lat, p.lon) for p in Place.objects.exclude(lat=None).filter(
        lat__gte=29, lat__lte=33, lon__gte=12, lon__lte=21)]
    zones = list(Zone.objects.values_list("pk", flat=True))
    top_up(args.rows, random.Random(args.seed), places, zones)
    from django.db import connections

    connections.close_all()


def main() -> int:
    args = parse_args()
    if args.child:
        child(args.child, Path(args.out))
        return 0
    work = Path(tempfile.mkdtemp(prefix="raqib-export-bench-"))
    try:
        prepare(args, work)
        from django.db import connection

        print(f"Raqib export benchmark on {connection.vendor}, {args.rows:,} incidents")
        idle = run_child("idle", work)
        raw = run_child("raw", work)
        print(f"  idle process (Django set up)  peak {idle['peak_mib']:7.1f} MiB")
        print(f"  raw cursor dump to CSV        {raw['seconds']:7.1f} s  {raw['rows'] / raw['seconds']:9,.0f} rows/s  "
              f"peak {raw['peak_mib']:7.1f} MiB (+{raw['peak_mib'] - idle['peak_mib']:.1f})  {raw['bytes'] / 2**20:7.1f} MiB")
        for fmt in args.formats.split(","):
            r = run_child(fmt, work)
            assert r["rows"] == raw["rows"], (r["rows"], raw["rows"])
            print(f"  export {fmt:<8}               {r['seconds']:7.1f} s  {r['rows'] / r['seconds']:9,.0f} rows/s  "
                  f"peak {r['peak_mib']:7.1f} MiB (+{r['peak_mib'] - idle['peak_mib']:.1f})  "
                  f"{r['bytes'] / 2**20:7.1f} MiB  time ratio export/raw {r['seconds'] / raw['seconds']:5.2f}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
