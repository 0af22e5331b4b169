"""Fixtures of the built-in field forms' tests: the forms published, phones signed in as each role
(the Digest client of the OpenRosa tests), a team with the ``monitor`` user in it and a patrol
under way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache

from openrosa.support import PASSWORD, Phone
from raqib.accounts.models import User
from raqib.actors.models import Party
from raqib.geo.models import Zone
from raqib.mission.models import Patrol, Team
from raqib.mission.services import create_monitor, create_team, plan_patrol, start_patrol
from raqib.openrosa import builtin
from raqib.openrosa.models import XForm

START = dt.datetime(2021, 1, 10, 6, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


@pytest.fixture
def phone(users: dict[str, User]) -> Callable[..., Phone]:
    """``phone("monitor")``: a phone signed in as that user."""
    return lambda name="monitor", password=PASSWORD: Phone(name, password)


@pytest.fixture
def published(db: Any) -> dict[str, XForm]:
    builtin.load(None)
    return {x.form_id: x for x in XForm.objects.filter(active=True)}


@pytest.fixture
def team(users: dict[str, User], parties: dict[str, Party], zone: Zone) -> Team:
    def monitor(n: int, **values: Any) -> Any:
        base: dict[str, Any] = {"name": f"Monitor {n}", "callsign": f"M-{n:03d}", "organisation": "un",
                                "background": "civilian", "languages": ["en"], "active_from": dt.date(2020, 12, 1)}
        return create_monitor({**base, **values}, None)

    leader = monitor(1, user=users["team_leader"], organisation="eu", languages=["en", "ar"])
    member = monitor(2, user=users["monitor"], organisation="jmc", jmc_side=parties["gna"], languages=["ar"])
    third = monitor(3, organisation="au")
    return create_team({"name": "Team Sirte", "zone": zone, "leader": leader}, [leader, member, third], None)


@pytest.fixture
def patrol(team: Team, users: dict[str, User]) -> Patrol:
    """Team Sirte's patrol, under way since START."""
    planned = plan_patrol({"team": team, "purpose": "Coastal road check", "planned_start": START,
                           "expected_return": START + dt.timedelta(hours=8)}, users["team_leader"])
    return start_patrol(planned, users["team_leader"], at=START)
