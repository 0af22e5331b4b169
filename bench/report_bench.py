#!/usr/bin/env python
"""The daily report of a day with 10,000 observations, against baselines in the same run.

    .venv/bin/python bench/report_bench.py [--db sqlite|postgresql] [--observations 10000]

A fresh database gets the libya-2020 profile, ``--observations`` observations and
``--incidents`` incidents (with their verification records) on one day, and a quiet week before
it (written with ``bulk_create``: this measures the report, not ingest). Then, each the median of
``--runs`` runs:

- the daily report of that day as HTML (every section: the counts against the previous day and
  the 7-day average, notable incidents, the map, the module sections), and as HTML + PDF;
- baseline 1: the raw SQL count queries the counts section answers (observations and incidents
  by event/category and zone, for the day, the previous day and the week before);
- baseline 2: the same report rendered for an empty day (the template, the map's layers and
  WeasyPrint with nothing to count).

Nothing here is a test: it prints figures for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2021, 1, 20)


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    p.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/raqib_bench_reports")
    p.add_argument("--observations", type=int, default=10_000)
    p.add_argument("--incidents", type=int, default=400)
    p.add_argument("--runs", type=int, default=5)
    return p.parse_args()


def setup(args: argparse.Namespace, work: Path) -> None:
    os.environ["RAQIB_DATA_DIR"] = str(work / "data")
    os.environ["DJANGO_SETTINGS_MODULE"] = "raqib.settings"
    if args.db == "postgresql":
        import psycopg

        base, _sep, name = args.pg_url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["RAQIB_DATABASE_URL"] = args.pg_url
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(args: argparse.Namespace) -> None:
    from raqib import profiles
    from raqib.agreements.timezone import mission_timezone
    from raqib.core import taxonomy
    from raqib.geo.models import Zone
    from raqib.geo.services import zone_for_point
    from raqib.incidents.models import Incident, Observation
    from raqib.verification.models import Verification

    profiles.load("libya-2020")
    rng = random.Random(7)
    zone = Zone.objects.get(key="sirte-triangle")
    tz = mission_timezone()
    pairs = [(c.key, s.key) for c in taxonomy.CATEGORIES for s in c.subtypes]

    def moment(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(rng.randint(0, 23), rng.randint(0, 59)), tzinfo=tz)

    incidents = []
    for i in range(args.incidents + 7 * args.incidents // 10):
        day = DAY if i < args.incidents else DAY - dt.timedelta(days=rng.randint(1, 7))
        lat, lon = rng.uniform(zone.min_lat, zone.max_lat), rng.uniform(zone.min_lon, zone.max_lon)
        category, subtype = rng.choice(pairs)
        start = moment(day)
        incidents.append(Incident(category=category, subtype=subtype, occurred_start=start,
                                  occurred_end=start + dt.timedelta(minutes=30), lat=lat, lon=lon,
                                  zone_id=zone_for_point(lat, lon), severity=rng.randint(1, 4),
                                  description_en="Bench incident.", description_ar="حادث للقياس.", synthetic=True))
    made = Incident.objects.bulk_create(incidents, batch_size=2000)
    states = Verification.State.values
    Verification.objects.bulk_create([Verification(incident=i, state=rng.choice(states[:3])) for i in made],
                                     batch_size=2000)
    events = Observation.EventClass.values
    observations = []
    for i in range(args.observations + 7 * args.observations // 10):
        day = DAY if i < args.observations else DAY - dt.timedelta(days=rng.randint(1, 7))
        start = moment(day)
        observations.append(Observation(incident=rng.choice(made) if rng.random() < 0.3 else None,
                                        method="heard", event_class=rng.choice(events), observed_start=start,
                                        observed_end=start, synthetic=True))
    Observation.objects.bulk_create(observations, batch_size=5000)


def timed(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm: templates, fonts, the zone cache
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def raw_counts() -> None:
    from django.db import connection

    from raqib.reports.spec import day_bounds

    days = [(DAY, DAY), (DAY - dt.timedelta(days=1),) * 2, (DAY - dt.timedelta(days=7), DAY - dt.timedelta(days=1))]
    with connection.cursor() as cur:
        for first, last in days:
            lo, hi = day_bounds(first, last)
            cur.execute("SELECT category, COUNT(*) FROM incidents_incident WHERE occurred_start >= %s AND "
                        "occurred_start < %s GROUP BY category", [lo, hi])
            cur.fetchall()
            cur.execute("SELECT zone_id, COUNT(*) FROM incidents_incident WHERE occurred_start >= %s AND "
                        "occurred_start < %s GROUP BY zone_id", [lo, hi])
            cur.fetchall()
            cur.execute("SELECT event_class, COUNT(*) FROM incidents_observation WHERE observed_start >= %s AND "
                        "observed_start < %s GROUP BY event_class", [lo, hi])
            cur.fetchall()
            cur.execute("SELECT COALESCE(i.zone_id, t.zone_id), COUNT(*) FROM incidents_observation o "
                        "LEFT JOIN incidents_incident i ON i.id = o.incident_id "
                        "LEFT JOIN mission_team t ON t.id = o.team_id "
                        "WHERE o.observed_start >= %s AND o.observed_start < %s GROUP BY 1", [lo, hi])
            cur.fetchall()


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="raqib-report-bench-") as tmp:
        setup(args, Path(tmp))
        t0 = time.perf_counter()
        fill(args)
        print(f"filled in {time.perf_counter() - t0:.1f} s")
        from raqib.incidents.models import Observation
        from raqib.reports import render
        from raqib.reports.spec import ReportSpec, day_bounds

        lo, hi = day_bounds(DAY, DAY)
        n = Observation.objects.filter(observed_start__gte=lo, observed_start__lt=hi).count()
        busy = ReportSpec("daily", DAY, DAY, "en")
        empty_day = dt.date(2030, 6, 1)
        empty = ReportSpec("daily", empty_day, empty_day, "en")
        busy_ar = ReportSpec("daily", DAY, DAY, "ar")

        html = timed(lambda: render.render(busy, "html"), args.runs)
        pdf = timed(lambda: render.render(busy, "pdf"), args.runs)
        pdf_ar = timed(lambda: render.render(busy_ar, "pdf"), args.runs)
        raw = timed(raw_counts, args.runs)
        empty_html = timed(lambda: render.render(empty, "html"), args.runs)
        empty_pdf = timed(lambda: render.render(empty, "pdf"), args.runs)

        print(f"database: {args.db}; observations on the day: {n}; runs: {args.runs} (median)")
        print(f"daily report, HTML:            {html * 1000:8.0f} ms")
        print(f"daily report, HTML + PDF (en): {pdf * 1000:8.0f} ms")
        print(f"daily report, HTML + PDF (ar): {pdf_ar * 1000:8.0f} ms")
        print(f"baseline raw SQL counts:       {raw * 1000:8.1f} ms   ratio HTML / raw = {html / raw:.1f}")
        print(f"baseline empty day, HTML:      {empty_html * 1000:8.0f} ms   ratio = {html / empty_html:.2f}")
        print(f"baseline empty day, PDF (en):  {empty_pdf * 1000:8.0f} ms   ratio = {pdf / empty_pdf:.2f}")


if __name__ == "__main__":
    main()
