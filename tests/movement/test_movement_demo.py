"""The demo's restrictions: January 2021, both parties and Wagner, some followed up with the JMC."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from raqib.demo.modules import STEPS, DemoContext
from raqib.geo.services import upsert_place
from raqib.movement import demo
from raqib.movement.models import Restriction

pytestmark = pytest.mark.django_db


def run(users, seed=7):
    ctx = DemoContext(rng=random.Random(seed), users=dict(users), start=dt.date(2021, 1, 1), days=30)
    return demo.step(ctx)


def test_the_demo_writes_january_restrictions_by_both_parties_and_wagner(users, parties):
    for key, lat, lon in [("sirte", 31.2089, 16.5887), ("al-jufra-airbase", 29.1981, 16.0010), ("hun", 29.1268, 15.9477)]:
        upsert_place(key, {"name_en": key, "name_ar": key, "lat": lat, "lon": lon, "kind": "town"}, [], None)
    counts = run(users)
    made = Restriction.objects.all()
    assert 20 <= counts["movement_restrictions"] == made.count() <= 30
    assert {r.party.key for r in made} == {"gna", "lna", "wagner"}
    assert all(dt.date(2021, 1, 1) <= r.occurred_at.date() <= dt.date(2021, 1, 30) for r in made)
    assert {r.state for r in made} >= {"reported", "raised_with_jmc", "resolved", "recurring"}
    assert made.filter(party__key="wagner", place__key="al-jufra-airbase").exists()
    assert "raqib.movement.demo:step" in STEPS


def test_the_demo_is_the_same_for_the_same_seed(users, parties):
    run(users)
    first = list(Restriction.objects.order_by("pk").values_list("kind", "party__key", "occurred_at", "state"))
    Restriction.objects.all().delete()
    run(users)
    assert list(Restriction.objects.order_by("pk").values_list("kind", "party__key", "occurred_at", "state")) == first
