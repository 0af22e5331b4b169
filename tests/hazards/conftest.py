"""Hazard fixtures: the coastal-road corridor, hazards on it and away from it, API and page clients."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from raqib.accounts.models import User
from raqib.actors.models import Party
from raqib.geo.models import Zone
from raqib.geo.services import set_readiness, upsert_zone
from raqib.hazards.models import HazardArea
from raqib.hazards.services import create_hazard

API = "/api/v1"


class ApiClient(Client):
    """django.test.Client speaking JSON to /api/v1 (as tests/api/conftest.py's)."""

    def get_json(self, path: str, **params: Any) -> Any:
        return self.get(API + path, params)

    def post_json(self, path: str, body: Any = None) -> Any:
        return self.generic("POST", API + path, json.dumps(body), content_type="application/json")


# The coastal road as the profile draws it (lon, lat): Misrata, Abu Grein, Wadi Jarif, Sirte, Bin Jawad.
COASTAL_ROAD = {"type": "LineString", "coordinates": [
    [15.0925, 32.3753], [15.0525, 31.9708], [15.2526, 31.4864], [15.5087, 31.4332], [16.423, 31.2075],
    [16.5887, 31.2089], [17.2901, 31.0182], [18.0772, 30.8042]]}


def square(lon: float, lat: float, half: float = 0.002) -> dict[str, Any]:
    """A small square polygon around (lon, lat), ``half`` degrees from its centre to each side."""
    return {"type": "Polygon", "coordinates": [[[lon - half, lat - half], [lon + half, lat - half],
                                                [lon + half, lat + half], [lon - half, lat + half],
                                                [lon - half, lat - half]]]}


# On the road west of Sirte (a vertex of the line), and 30 km south of it in the desert.
ON_ROAD = square(16.423, 31.2075)
OFF_ROAD = square(16.5, 30.9)


@pytest.fixture
def corridor(db: Any, parties: dict[str, Party]) -> Zone:
    zone, _ = upsert_zone("coastal-road", {"name_en": "Coastal road", "name_ar": "الطريق الساحلي",
                                           "kind": "corridor", "geometry": COASTAL_ROAD, "phase": 2,
                                           "status": "assessment"}, None)
    return zone


@pytest.fixture
def ready_corridor(corridor: Zone, parties: dict[str, Party]) -> Zone:
    """The corridor with its readiness checklist met, so only the hazards can hold it back."""
    for item in ("security", "logistics", "medical", "operational"):
        set_readiness(corridor, item, True, None)
    for key in ("gna", "lna"):
        set_readiness(corridor, "consent", True, None, party=parties[key])
    return corridor


@pytest.fixture
def make_hazard(db: Any) -> Callable[..., HazardArea]:
    counter = iter(range(1, 10_000))

    def make(actor: Any = None, **overrides: Any) -> HazardArea:
        values: dict[str, Any] = {
            "code": f"LBY-SRT-{next(counter):04d}", "name": "Wadi Jarif junction", "status": "confirmed",
            "geometry": ON_ROAD, "ordnance_types": ["at_mine", "uxo"],
            "contamination_evidence": "Anti-tank mines seen on the verge.", "reported_on": dt.date(2021, 1, 4),
        }
        values.update(overrides)
        return create_hazard(values, actor)

    return make


@pytest.fixture
def as_(tokens: dict[str, str]) -> Callable[[str], ApiClient]:
    return lambda name: ApiClient(HTTP_AUTHORIZATION=f"Bearer {tokens[name]}")


@pytest.fixture
def page_as(users: dict[str, User]) -> Callable[[str], Client]:
    def make(name: str) -> Client:
        client = Client()
        client.force_login(users[name])
        return client

    return make
