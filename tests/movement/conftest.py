"""Fixtures of the freedom-of-movement tests: a few restrictions by each party and by Wagner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from raqib.accounts.models import User
from raqib.actors.models import Party
from raqib.geo.models import Place
from raqib.geo.services import upsert_place
from raqib.movement.models import Restriction
from raqib.movement.services import create_restriction

API = "/api/v1"
JAN = dt.datetime(2021, 1, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def sirte(db: Any) -> Place:
    place, _ = upsert_place("sirte", {"name_en": "Sirte", "name_ar": "سرت", "lat": 31.2089, "lon": 16.5887,
                                      "kind": "city"}, [], None)
    return place


@pytest.fixture
def make_restriction(users: dict[str, User], parties: dict[str, Party]) -> Callable[..., Restriction]:
    def make(party: str | None = "lna", day: int = 5, kind: str = "denial", actor: str = "monitor",
             **values: Any) -> Restriction:
        base: dict[str, Any] = {"kind": kind, "party": parties[party] if party else None,
                                "actor_description": "" if party else "Unidentified armed men",
                                "occurred_at": JAN + dt.timedelta(days=day - 1), "task_affected": "Patrol"}
        base.update(values)
        return create_restriction(base, users[actor])

    return make


@pytest.fixture
def as_(tokens: dict[str, str]) -> Callable[[str], Client]:
    return lambda name: Client(HTTP_AUTHORIZATION=f"Bearer {tokens[name]}")


@pytest.fixture
def as_user(users: dict[str, User]) -> Callable[[str], Client]:
    def make(name: str) -> Client:
        client = Client()
        client.force_login(users[name])
        return client

    return make
