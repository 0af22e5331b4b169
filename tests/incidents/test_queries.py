"""The shared incident filters give the same rows whichever plan they steer the database to."""

from __future__ import annotations

import datetime as dt

import pytest

from raqib.core.errors import Invalid
from raqib.incidents import queries
from raqib.incidents.models import Incident
from raqib.verification.services import transition

T0 = dt.datetime(2021, 1, 10, tzinfo=dt.UTC)


@pytest.fixture
def spread(make_incident):
    """Incidents at Sirte, Misrata and Benghazi over ten days."""
    points = [(31.2089, 16.5887), (32.3754, 15.0925), (32.1167, 20.0667)]
    return [make_incident(lat=lat, lon=lon, occurred_start=T0 + dt.timedelta(days=i))
            for i in range(10) for lat, lon in points[i % 3:i % 3 + 1]]


@pytest.mark.parametrize("threshold", [0, 10**9], ids=["dense plan", "sparse plan"])
def test_a_box_finds_the_same_incidents_by_either_plan(spread, monkeypatch, threshold):
    monkeypatch.setattr(queries, "SPARSE_BOX", threshold)
    found = queries.in_box(Incident.objects.all(), 16.0, 30.5, 17.0, 31.5).order_by("-occurred_start")
    assert [i.lon for i in found] == [16.5887] * 4


def test_a_period_finds_the_incidents_whose_window_overlaps_it(make_incident):
    inside = make_incident(occurred_start=T0, occurred_end=T0 + dt.timedelta(days=3))
    before = make_incident(occurred_start=T0 - dt.timedelta(days=40), occurred_end=T0 - dt.timedelta(days=20))
    found = set(queries.overlapping(Incident.objects.all(), T0 + dt.timedelta(days=2), T0 + dt.timedelta(days=5)))
    assert inside in found and before not in found


def test_a_window_longer_than_a_month_is_refused(make_incident):
    with pytest.raises(Invalid, match="longer than 32 days"):
        make_incident(occurred_start=T0, occurred_end=T0 + dt.timedelta(days=40))


def test_the_state_filter_follows_the_verification(make_incident, users):
    triaged, received = make_incident(), make_incident()
    transition(triaged.verification, "triaged", users["verifier"])
    assert list(queries.in_state(Incident.objects.all(), "triaged")) == [triaged]
    assert list(queries.in_state(Incident.objects.all(), "received")) == [received]
