"""``raqib hazards summary`` and the demo's hazards."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from typing import Any

from click.testing import CliRunner

from raqib import profiles
from raqib.accounts.models import User
from raqib.cli import cli
from raqib.demo import ensure_users
from raqib.demo.modules import DemoContext
from raqib.geo.models import Zone
from raqib.hazards import demo
from raqib.hazards.models import EOAccident, EOVictim, HazardArea, LandRelease
from raqib.hazards.services import active_confirmed_hazards_on, record_release

ENGLISH = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": None}


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), env=ENGLISH, catch_exceptions=False)


def test_the_summary_counts_hazards_by_state_and_land_released_by_method(
        make_hazard: Callable[..., HazardArea]) -> None:
    hazard = make_hazard(area_m2=10_000)
    make_hazard(status="suspected")
    record_release(hazard, {"method": "technical_survey", "area_m2": 2_500, "items_found": 2, "items_destroyed": 1,
                            "operator": "UNMAS", "started_on": dt.date(2021, 1, 3),
                            "finished_on": dt.date(2021, 1, 4)}, None)

    result = run("hazards", "summary")
    assert result.exit_code == 0, result.output
    assert "worked on: 1" in result.output and "active: 1" in result.output
    assert "technical survey: 2500" in result.output and "clearance: 0" in result.output

    data = json.loads(run("hazards", "summary", "--json").output)
    assert data["released_m2_by_method"]["technical_survey"] == 2_500
    assert data["by_status"] == {"suspected": 1, "confirmed": 1}
    assert (data["items_found"], data["items_destroyed"]) == (2, 1)


def test_the_demo_step_writes_hazards_on_the_gazetteer_and_blocks_the_coastal_road(db: Any) -> None:
    profiles.load("libya-2020")
    ensure_users()
    users = {u.username: u for u in User.objects.all()}
    ctx = DemoContext(rng=random.Random(2021), users=users, start=dt.date(2021, 1, 1), days=30)

    counts = demo.step(ctx)

    assert counts["hazard_areas"] == len(demo.HAZARDS) == HazardArea.objects.count()
    assert counts["land_releases"] == LandRelease.objects.count() > 0
    assert counts["eo_accidents"] == EOAccident.objects.count() == 2
    assert counts["eo_victims"] == EOVictim.objects.count() == 3
    assert LandRelease.objects.filter(finished_on__gt=dt.date(2021, 1, 30)).count() == 0
    assert set(LandRelease.objects.values_list("operator", flat=True)) <= set(demo.OPERATORS)
    road = Zone.objects.get(key="coastal-road")
    assert active_confirmed_hazards_on(road).exists()
    # Run twice: nothing more is written.
    assert demo.step(ctx)["hazard_areas"] == 0
