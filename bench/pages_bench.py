#!/usr/bin/env python
"""The main web pages on the demo mission: p50 and p95 per page, each as a ratio to a trivial
view timed in the same run (so a busy machine slows both sides alike).

    .venv/bin/python bench/pages_bench.py [--data-dir DIR] [--requests 40]

Without --data-dir, a throw-away data dir is made and filled with ``raqib demo --no-serve``.
Requests go through Django's test client in-process (no network), signed in as the demo chief,
in English and in Arabic. The target is under 300 ms per page. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", type=Path, help="an existing demo data dir (default: make one)")
    p.add_argument("--requests", type=int, default=40, help="timed requests per page and language")
    return p.parse_args()


def prepare(data_dir: Path | None) -> tuple[Path, bool]:
    if data_dir is not None:
        return data_dir, False
    made = Path(tempfile.mkdtemp(prefix="raqib-pages-bench-"))
    raqib = Path(sys.executable).with_name("raqib")
    print(f"Preparing the demo mission in {made} ...", flush=True)
    subprocess.run([str(raqib), "demo", "--no-serve", "--data-dir", str(made)], check=True,
                   stdout=subprocess.DEVNULL)
    return made, True


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    args = parse_args()
    data_dir, made = prepare(args.data_dir)
    os.environ["RAQIB_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raqib.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.http import HttpResponse
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import include, path

    from raqib.accounts.models import User
    from raqib.geo.models import Zone
    from raqib.incidents.models import Allegation, Incident

    def baseline(request: object) -> HttpResponse:
        return HttpResponse("ok")

    # The trivial view sits in front of the real routes, through the same middleware.
    urlconf = type("BenchUrls", (), {"urlpatterns": [path("bench-baseline/", baseline),
                                                     path("", include(settings.ROOT_URLCONF))]})
    chief = User.objects.get(role="chief", username="chief") if User.objects.filter(username="chief").exists() \
        else User.objects.filter(role="chief").first()
    incident = Incident.objects.order_by("-occurred_start").first()
    zone = Zone.objects.order_by("pk").first()
    allegation = Allegation.objects.order_by("-pk").first()
    pages = {
        "baseline": "/bench-baseline/",
        "dashboard": "/dashboard/",
        "incidents": "/incidents/",
        "incidents (filtered)": "/incidents/?category=ceasefire_violation",
        "map incidents json": "/map/incidents.json?zoom=7",
        "incident": f"/incidents/{incident.pk}/" if incident else None,
        "new observation": "/incidents/new/",
        "verification queue": "/verification/",
        "allegations": "/allegations/",
        "allegation": f"/allegations/{allegation.pk}/" if allegation else None,
        "zones": "/zones/",
        "zone": f"/zones/{zone.pk}/" if zone else None,
        "monitors and teams": "/mission/",
        "agreement": "/agreement/",
    }
    print(f"{Incident.objects.count()} incidents, {Allegation.objects.count()} allegations; "
          f"{args.requests} requests per page and language, signed in as {chief}.")
    with override_settings(ROOT_URLCONF=urlconf, SESSION_COOKIE_SECURE=False):
        client = Client()
        client.force_login(chief)
        results: dict[str, dict[str, list[float]]] = {}
        for lang in ("en", "ar"):
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
            for name, url in pages.items():
                if url is None:
                    continue
                response = client.get(url)  # warm-up; also checks the page answers
                if response.status_code != 200:
                    raise SystemExit(f"{url} answered {response.status_code}")
                times = []
                for _ in range(args.requests):
                    start = time.perf_counter()
                    client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
                results.setdefault(name, {})[lang] = times
    base = statistics.median(results["baseline"]["en"] + results["baseline"]["ar"])
    print(f"\n{'page':24} {'lang':4} {'p50 ms':>8} {'p95 ms':>8} {'p50/base':>9} {'p95/base':>9}")
    for name, by_lang in results.items():
        for lang, times in by_lang.items():
            p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
            flag = "" if p95 < 300 else "  over 300 ms"
            print(f"{name:24} {lang:4} {p50:8.1f} {p95:8.1f} {p50 / base:9.1f} {p95 / base:9.1f}{flag}")
    if made:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
