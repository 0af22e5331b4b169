"""The demo's arms-embargo month: the synthetic flight track flags exactly its landings."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from raqib.demo.modules import STEPS, DemoContext
from raqib.embargo import demo
from raqib.embargo.models import EmbargoEvent, TrackImport

pytestmark = pytest.mark.django_db


def test_the_demo_flags_the_landings_at_watched_bases_and_not_the_overflight(users, parties, bases):
    ctx = DemoContext(rng=random.Random(3), users=dict(users), start=dt.date(2021, 1, 1), days=30)
    counts = demo.step(ctx)
    # Al-Watiya is not among the test's places: its flight is left out of the file.
    landed = EmbargoEvent.objects.filter(track_import__isnull=False)
    assert sorted((e.track_identifier, e.destination.key) for e in landed) == [
        ("1512a4", "al-jufra-airbase"), ("1512a4", "al-khadim-airbase"), ("896f01", "al-khadim-airbase")]
    assert counts == {"track_imports": 1, "embargo_events": 4, "embargo_transitions": 3}
    assert TrackImport.objects.get().arrivals_flagged == 3
    assert set(EmbargoEvent.objects.values_list("state", flat=True)) == {"suspected", "documented",
                                                                          "referred_to_panel"}
    assert "raqib.embargo.demo:step" in STEPS
