"""Patrol fixtures: a compliant team (two organisations, an Arabic speaker) whose leader is the
``team_leader`` user and whose member is the ``monitor`` user, and a patrol under way."""

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
from raqib.mission.models import Monitor, Patrol, Team
from raqib.mission.services import create_monitor, create_team, plan_patrol, start_patrol

API = "/api/v1"
START = dt.datetime(2021, 1, 10, 6, 0, tzinfo=dt.UTC)


class ApiClient(Client):
    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
        return self.generic(method, API + path, data or "", content_type="application/json")

    def get_json(self, path: str, **params: Any) -> Any:
        return self.get(API + path, params)

    def post_json(self, path: str, body: Any = None) -> Any:
        return self.call("POST", path, body)


@pytest.fixture
def as_(tokens: dict[str, str]) -> Callable[[str], ApiClient]:
    return lambda name: ApiClient(HTTP_AUTHORIZATION=f"Bearer {tokens[name]}")


@pytest.fixture
def make_monitor(db: Any) -> Callable[..., Monitor]:
    counter = iter(range(1, 10_000))

    def make(**values: Any) -> Monitor:
        n = next(counter)
        base: dict[str, Any] = {"name": f"Monitor {n}", "callsign": f"M-{n:03d}", "organisation": "un",
                                "background": "civilian", "languages": ["en"], "active_from": dt.date(2020, 12, 1)}
        base.update(values)
        return create_monitor(base, None)

    return make


@pytest.fixture
def team(users: dict[str, User], parties: dict[str, Party], zone: Zone, make_monitor: Callable[..., Monitor]) -> Team:
    leader = make_monitor(user=users["team_leader"], organisation="eu", languages=["en", "ar"])
    member = make_monitor(user=users["monitor"], organisation="jmc", jmc_side=parties["gna"], languages=["ar"])
    third = make_monitor(organisation="au")
    return create_team({"name": "Team Sirte", "zone": zone, "leader": leader}, [leader, member, third], None)


@pytest.fixture
def other_team(parties: dict[str, Party], zone: Zone, make_monitor: Callable[..., Monitor]) -> Team:
    a = make_monitor(organisation="las", languages=["ar", "en"])
    b = make_monitor(organisation="un")
    return create_team({"name": "Team Jufra", "zone": zone, "leader": a}, [a, b], None)


@pytest.fixture
def plan(team: Team, users: dict[str, User]) -> Callable[..., Patrol]:
    def make(**values: Any) -> Patrol:
        base: dict[str, Any] = {"team": team, "purpose": "Coastal road check", "planned_start": START,
                                "expected_return": START + dt.timedelta(hours=8), "check_in_interval_minutes": 60,
                                "route": [{"lat": 31.2, "lon": 16.6, "name": "Sirte gate"}, {"lat": 31.1, "lon": 16.9}]}
        base.update(values)
        return plan_patrol(base, users["team_leader"])

    return make


@pytest.fixture
def patrol(plan: Callable[..., Patrol], users: dict[str, User]) -> Patrol:
    """Under way since START; nothing checked in yet."""
    return start_patrol(plan(), users["team_leader"], at=START)
