"""``GET /api/v1/incidents/map``: incidents counted per grid cell by the database."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest

from raqib.core import audit
from raqib.incidents.queries import cell_of, cell_size
from raqib.verification.services import transition

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2021, 1, 10, 8, 0, tzinfo=dt.UTC)
# Towns across the line (north-west to south-east) and points on either side of the Greenwich
# meridian and the equator, where truncating and flooring would part.
POINTS = [(32.8872, 13.1913), (32.3754, 15.0925), (31.2089, 16.5887), (30.7554, 20.2263), (32.1167, 20.0667),
          (0.3, -0.4), (-0.2, 0.1), (-12.5, -45.25)]


@pytest.fixture
def scattered(make_incident):
    rng = random.Random(8)
    made = []
    for i in range(60):
        lat, lon = rng.choice(POINTS)
        category, subtype = rng.choice([("ceasefire_violation", "shelling"), ("ceasefire_violation", "armed_clash"),
                                        ("foreign_forces", "arrival")])
        made.append(make_incident(lat=round(lat + rng.uniform(-0.4, 0.4), 5), lon=round(lon + rng.uniform(-0.4, 0.4), 5),
                                  category=category, subtype=subtype, occurred_start=T0 + dt.timedelta(days=i % 20)))
    return made


def cells_by_xy(response):
    assert response.status_code == 200, response.content
    return {(c["x"], c["y"]): c for c in response.json()["cells"]}


@pytest.mark.parametrize("zoom", [0, 4, 7, 10])
def test_each_cell_counts_the_incidents_a_hand_count_puts_in_it(as_, scattered, zoom):
    cells = cells_by_xy(as_("verifier").get_json("/incidents/map", zoom=zoom))
    expected = Counter(cell_of(i.lat, i.lon, zoom) for i in scattered)
    assert {xy: c["count"] for xy, c in cells.items()} == dict(expected)
    for (x, y), cell in cells.items():
        members = [i for i in scattered if cell_of(i.lat, i.lon, zoom) == (x, y)]
        assert cell["lat"] == pytest.approx(sum(i.lat for i in members) / len(members), abs=1e-5)
        assert sum(c["count"] for c in cell["categories"]) == cell["count"]
        assert dict((c["key"], c["count"]) for c in cell["categories"]) == dict(Counter(i.category for i in members))
        assert cell["incident"] == (members[0].pk if len(members) == 1 else None)
    assert as_("verifier").get_json("/incidents/map", zoom=zoom).json()["cell_size"] == cell_size(zoom)


def test_a_cell_is_the_floor_of_the_shifted_coordinate_on_either_side_of_zero(as_, make_incident):
    west, east = make_incident(lat=-0.0001, lon=-0.0001), make_incident(lat=0.0001, lon=0.0001)
    cells = cells_by_xy(as_("verifier").get_json("/incidents/map", zoom=3))
    assert cell_of(west.lat, west.lon, 3) in cells and cell_of(east.lat, east.lon, 3) in cells
    size = cell_size(3)
    x, y = cell_of(-0.0001, -0.0001, 3)
    assert x * size <= 180 - 0.0001 < (x + 1) * size and y * size <= 90 - 0.0001 < (y + 1) * size


def test_the_box_and_the_list_filters_narrow_the_map(as_, scattered):
    client = as_("verifier")
    box = "12.5,32.3,13.8,33.5"  # around Tripoli only
    cells = cells_by_xy(client.get_json("/incidents/map", zoom=8, bbox=box))
    inside = [i for i in scattered if 12.5 <= i.lon <= 13.8 and 32.3 <= i.lat <= 33.5]
    assert inside and sum(c["count"] for c in cells.values()) == len(inside)
    only = cells_by_xy(client.get_json("/incidents/map", zoom=8, bbox=box, category="foreign_forces"))
    assert sum(c["count"] for c in only.values()) == sum(1 for i in inside if i.category == "foreign_forces")
    later = cells_by_xy(client.get_json("/incidents/map", zoom=2, since=(T0 + dt.timedelta(days=15)).date().isoformat()))
    assert sum(c["count"] for c in later.values()) == sum(1 for i in scattered if i.occurred_end.date() >= dt.date(2021, 1, 25))


def test_the_state_groups_follow_the_verification(as_, make_incident, users):
    closed, new = make_incident(), make_incident()
    transition(closed.verification, "closed", users["chief"])
    (cell,) = as_("verifier").get_json("/incidents/map", zoom=2).json()["cells"]
    assert cell["count"] == 2 and cell["state"] in ("new", "closed")
    one = as_("verifier").get_json("/incidents/map", zoom=2, state="closed").json()["cells"]
    assert [(c["count"], c["state"], c["incident"]) for c in one] == [(1, "closed", closed.pk)]
    assert new.pk


def test_a_liaison_sees_only_the_cells_of_the_incidents_shared_with_them(as_, make_incident):
    make_incident(lat=32.8872, lon=13.1913)
    shared = make_incident(lat=30.7554, lon=20.2263, shared_with_jmc=True)
    cells = as_("liaison_gna").get_json("/incidents/map", zoom=9).json()["cells"]
    assert [(c["count"], c["incident"]) for c in cells] == [(1, shared.pk)]
    assert len(as_("verifier").get_json("/incidents/map", zoom=9).json()["cells"]) == 2


def test_the_public_role_may_not_read_the_map(as_, make_incident):
    make_incident()
    assert as_("public").get_json("/incidents/map").status_code == 403


def test_the_map_is_not_captured_by_the_incident_address(as_, make_incident):
    make_incident()
    body = as_("verifier").get_json("/incidents/map").json()
    assert set(body) == {"zoom", "cell_size", "cells", "truncated"} and body["truncated"] is False


@pytest.mark.parametrize("params", [
    {"zoom": "-1"}, {"zoom": "19"}, {"zoom": "x"}, {"zoom": "1e400"}, {"bbox": "1,2,3"}, {"bbox": "a,b,c,d"},
    {"bbox": "10,40,20,30"}, {"bbox": "1,2,3,4,5"}, {"since": "yesterday"}, {"category": "martians"},
    {"state": "lost"}, {"zone": "99999999999999999999999"}, {"bbox": "nan,nan,nan,nan"}, {"q": "x" * 400},
])
def test_bad_parameters_are_refused_with_a_message_never_a_server_error(as_, make_incident, params):
    make_incident()
    response = as_("verifier").get_json("/incidents/map", **params)
    assert 400 <= response.status_code < 500 or response.status_code == 200, response.content
    if response.status_code != 200:
        assert response.json()["error"]


def test_a_map_of_many_incidents_is_a_few_cells(as_, incident_payload):
    client = as_("monitor")
    items = [incident_payload(lat=31 + (i % 10) / 100, lon=16 + (i // 10) / 100) for i in range(300)]
    assert client.post_json("/incidents/bulk", items).status_code == 201
    cells = as_("verifier").get_json("/incidents/map", zoom=5).json()["cells"]
    assert len(cells) <= 2 and sum(c["count"] for c in cells) == 300
    assert list(audit.verify()) == []


def test_the_state_counts_are_the_same_by_either_plan(as_, scattered, users, monkeypatch):
    from raqib.incidents import queries

    for incident in scattered[:12]:
        transition(incident.verification, "triaged" if incident.pk % 2 else "closed", users["chief"])
    joined = as_("verifier").get_json("/incidents/map", zoom=6).json()["cells"]
    monkeypatch.setattr(queries, "STATE_JOIN", 0)
    gathered = as_("verifier").get_json("/incidents/map", zoom=6).json()["cells"]
    assert joined == gathered
    assert {c["state"] for c in joined} >= {"new"}


@pytest.mark.parametrize("zoom", [3, 6, 9, 12])
def test_a_box_shows_each_cell_it_touches_whole_whichever_way_the_cells_are_counted(as_, make_incident, zoom):
    size = cell_size(zoom)
    x, y = cell_of(31.2089, 16.5887, zoom)
    west, south = x * size - 180, y * size - 90  # the cell's south-west corner
    inside = make_incident(lat=south + size * 0.6, lon=west + size * 0.6)
    beside = make_incident(lat=south + size * 0.1, lon=west + size * 0.1)  # same cell, outside the box
    make_incident(lat=south + size * 0.6, lon=west - size * 0.5)  # the cell to the west: not touched
    box = f"{west + size * 0.5},{south + size * 0.5},{west + size * 0.9},{south + size * 0.9}"
    # Without other filters the verifier's map comes from the summary; "since" makes it counted.
    for extra in ({}, {"since": "2000-01-01"}):
        cells = cells_by_xy(as_("verifier").get_json("/incidents/map", zoom=zoom, bbox=box, **extra))
        assert {xy: c["count"] for xy, c in cells.items()} == {(x, y): 2}, extra
        assert cells[(x, y)]["lat"] == pytest.approx((inside.lat + beside.lat) / 2, abs=1e-5)


@pytest.mark.parametrize("zoom", [1, 4, 7, 10, 13])
def test_the_summary_and_a_count_of_the_incidents_answer_the_same_map(as_, scattered, users, zoom):
    for incident in scattered[:20]:
        transition(incident.verification, "triaged", users["chief"])
        transition(incident.verification, "under_verification", users["chief"])
    client = as_("verifier")
    for params in ({}, {"category": "foreign_forces"}, {"bbox": "12.5,29.0,21.0,33.5"}, {"state": "under_verification"},
                   {"state": "received", "category": "ceasefire_violation", "bbox": "12.5,29.0,21.0,33.5"}):
        kept = client.get_json("/incidents/map", zoom=zoom, **params).json()
        counted = client.get_json("/incidents/map", zoom=zoom, since="2000-01-01", **params).json()
        # The mean positions are sums divided in another order: equal to the last digit but one.
        for a, b in zip(kept["cells"], counted["cells"], strict=True):
            assert (a.pop("lat"), a.pop("lon")) == pytest.approx((b.pop("lat"), b.pop("lon")), abs=2e-5)
        assert kept == counted, params
