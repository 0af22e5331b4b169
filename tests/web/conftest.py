"""Fixtures of the page tests: a signed-in client per role, the agreement, a place, allegations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from raqib.accounts.models import User
from raqib.actors.models import Party
from raqib.agreements.models import Agreement, Provision
from raqib.agreements.services import upsert_agreement, upsert_provision
from raqib.geo.models import Place
from raqib.geo.services import upsert_place
from raqib.incidents.models import Allegation
from raqib.incidents.services import create_allegation
from raqib.web.middleware import forget_mission_timezone

SIGNED = dt.date(2020, 10, 23)


@pytest.fixture(autouse=True)
def _mission_time_zone_is_reread() -> None:
    forget_mission_timezone()


@pytest.fixture
def as_user(users: dict[str, User]) -> Callable[[str], Client]:
    """A client signed in as the user of the fixture ``users`` named ``name`` (a role, or liaison_gna)."""

    def make(name: str) -> Client:
        client = Client()
        client.force_login(users[name])
        return client

    return make


@pytest.fixture
def agreement(db: Any, parties: dict[str, Party]) -> Agreement:
    agreement, _ = upsert_agreement("geneva-2020", {
        "title_en": "Agreement for a Complete and Permanent Ceasefire in Libya",
        "title_ar": "اتفاق وقف إطلاق النار الدائم في ليبيا", "signed_on": SIGNED,
        "signed_at_en": "Geneva", "signed_at_ar": "جنيف", "timezone": "Africa/Tripoli"}, None)
    return agreement


@pytest.fixture
def provisions(agreement: Agreement, parties: dict[str, Party]) -> dict[str, Provision]:
    ceasefire, _ = upsert_provision(agreement, "1", {
        "title_en": "Ceasefire", "title_ar": "وقف إطلاق النار", "text_en": "A ceasefire enters into force.",
        "text_ar": "يدخل وقف إطلاق النار حيز التنفيذ.", "category": "ceasefire"}, [parties["gna"], parties["lna"]], None)
    withdrawal, _ = upsert_provision(agreement, "2", {
        "title_en": "Withdrawal of foreign forces", "title_ar": "انسحاب القوات الأجنبية",
        "text_en": "Foreign fighters leave within three months.", "text_ar": "يغادر المقاتلون الأجانب خلال ثلاثة أشهر.",
        "category": "withdrawal", "deadline_relative": "+3 months"}, [parties["gna"], parties["lna"]], None)
    return {"ceasefire": ceasefire, "withdrawal": withdrawal}


@pytest.fixture
def place(db: Any) -> Place:
    sirte, _ = upsert_place("sirte", {"name_en": "Sirte", "name_ar": "سرت", "lat": 31.2089, "lon": 16.5887,
                                      "kind": "city"}, ["Surt"], None)
    return sirte


@pytest.fixture
def make_allegation(users: dict[str, User]) -> Callable[..., Allegation]:
    def make(filer: str = "liaison_gna", **overrides: Any) -> Allegation:
        start = dt.datetime(2021, 1, 10, 6, 0, tzinfo=dt.UTC)
        values: dict[str, Any] = {"category": "ceasefire_violation", "claimed_start": start,
                                  "claimed_end": start + dt.timedelta(hours=2), "summary": "Shelling south of Sirte.",
                                  "language": "en", "received_at": start + dt.timedelta(hours=5)}
        values.update(overrides)
        return create_allegation(values, users[filer])

    return make
