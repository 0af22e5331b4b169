"""The profile's zones and the demo's checklist load and read as the issue describes."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from raqib import demo, profiles
from raqib.accounts.models import User
from raqib.core import audit
from raqib.core.errors import IllegalTransition
from raqib.demo.modules import STEPS, DemoContext
from raqib.geo import demo as geo_demo
from raqib.geo.models import Handover, Zone
from raqib.geo.services import readiness, recommended_next_zone, transition_zone, unmet_readiness


@pytest.fixture
def loaded(db: Any) -> dict[str, User]:
    profiles.load("libya-2020")
    demo.ensure_users()
    return {u.username: u for u in User.objects.all()}


def test_the_demo_assesses_the_profile_zones_and_hands_none_over(loaded):
    counts = geo_demo.step(DemoContext(rng=random.Random(2021), users=loaded, start=dt.date(2021, 1, 1), days=30))

    assert counts == {"readiness_items": 21, "zone_transitions": 1}
    assert unmet_readiness(Zone.objects.get(key="sirte-triangle")) == []
    jufra = Zone.objects.get(key="jufra-area")
    assert jufra.status == "assessment"
    unmet = unmet_readiness(jufra)
    assert any("Libyan National Army" in u for u in unmet) and "security" not in unmet
    oil = readiness(Zone.objects.get(key="oil-crescent"))
    assert sum(r.met for r in oil) == 1
    assert not Handover.objects.exists()
    assert recommended_next_zone(dt.datetime(2021, 1, 31, tzinfo=dt.UTC)).key == "jufra-area"
    with pytest.raises(IllegalTransition, match="Libyan National Army"):
        transition_zone(jufra, "active", loaded["chief"])
    assert list(audit.verify()) == []


def test_the_profile_zones_keep_the_statuses_the_loader_set(loaded):
    statuses = dict(Zone.objects.values_list("key", "status"))
    assert (statuses["sirte-triangle"], statuses["coastal-road"], statuses["jufra-area"]) == (
        "active", "assessment", "planned")


def test_the_geo_step_is_registered_with_the_demo():
    assert "raqib.geo.demo:step" in STEPS
