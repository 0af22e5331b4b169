"""Fixtures of the foreign-forces and compliance tests: an agreement with its baseline, three
contingents with estimates and movements whose totals were worked out by hand (see
test_ledger.py), and a JSON client per role."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from raqib.actors.models import Party
from raqib.actors.services import upsert_party
from raqib.agreements.models import Agreement, Provision
from raqib.agreements.services import upsert_agreement, upsert_provision
from raqib.forces.models import Contingent, ForceMovement
from raqib.forces.services import add_estimate, add_movement, transition_movement, upsert_contingent
from raqib.geo.models import Place
from raqib.geo.services import upsert_place

D = dt.date
BASELINE = {"minimum": 20000, "maximum": 20000, "bases": 10, "as_of": "2020-12-02", "provision": "2",
            "source": "UN acting SRSG, 2 Dec 2020"}


@pytest.fixture
def foreign(parties: dict[str, Party]) -> dict[str, Party]:
    russia, _ = upsert_party("russia", {"name_en": "Russia", "name_ar": "روسيا", "kind": "foreign_state"}, {}, None)
    turkey, _ = upsert_party("turkey", {"name_en": "Turkey", "name_ar": "تركيا", "kind": "foreign_state"}, {}, None)
    return {**parties, "russia": russia, "turkey": turkey}


@pytest.fixture
def bases(db: Any) -> dict[str, Place]:
    jufra, _ = upsert_place("al-jufra-airbase", {"name_en": "Al-Jufra airbase", "name_ar": "قاعدة الجفرة الجوية",
                                                 "lat": 29.198, "lon": 16.0, "kind": "airbase"}, [], None)
    watiya, _ = upsert_place("al-watiya-airbase", {"name_en": "Al-Watiya airbase", "name_ar": "قاعدة الوطية الجوية",
                                                   "lat": 32.48, "lon": 11.9, "kind": "airbase"}, [], None)
    sirte, _ = upsert_place("sirte", {"name_en": "Sirte", "name_ar": "سرت", "lat": 31.2, "lon": 16.58,
                                      "kind": "city"}, [], None)
    return {"jufra": jufra, "watiya": watiya, "sirte": sirte}


@pytest.fixture
def agreement(db: Any, parties: dict[str, Party]) -> Agreement:
    agreement, _ = upsert_agreement("geneva-2020", {
        "title_en": "Agreement for a Complete and Permanent Ceasefire", "title_ar": "اتفاق وقف إطلاق النار الدائم",
        "signed_on": D(2020, 10, 23), "timezone": "UTC", "parameters": {"foreign_forces_baseline": BASELINE}}, None)
    return agreement


@pytest.fixture
def provisions(agreement: Agreement, parties: dict[str, Party]) -> dict[str, Provision]:
    both = [parties["gna"], parties["lna"]]

    def make(number: str, category: str, **extra: Any) -> Provision:
        provision, _ = upsert_provision(agreement, number, {"title_en": f"Item {number}", "title_ar": f"البند {number}",
                                                            "text_en": "Text.", "text_ar": "نص.", "category": category,
                                                            **extra}, both, None)
        return provision

    return {"ceasefire": make("1", "ceasefire"), "withdrawal": make("2", "withdrawal", deadline_relative="+3 months"),
            "heavy_weapons": make("2.2", "withdrawal", compliance_rule="manual"), "media": make("7", "media")}


@pytest.fixture
def ledger(foreign: dict[str, Party], bases: dict[str, Place]) -> dict[str, Any]:
    """Three contingents; the hand-worked figures are in test_ledger.py."""
    wagner, _ = upsert_contingent("wagner", {"name_en": "Wagner Group", "name_ar": "مجموعة فاغنر",
                                             "sponsor": foreign["russia"], "actor": foreign["wagner"],
                                             "kind": "private_military_company",
                                             "supported_party": foreign["lna"]}, [bases["jufra"]], None)
    turks, _ = upsert_contingent("turkish-regulars", {"name_en": "Turkish armed forces", "name_ar": "القوات التركية",
                                                      "sponsor": foreign["turkey"], "kind": "regular_force",
                                                      "supported_party": foreign["gna"]}, [bases["watiya"]], None)
    syrians, _ = upsert_contingent("syrians-gna", {"name_en": "Syrian fighters (GNA side)",
                                                   "name_ar": "المقاتلون السوريون", "sponsor": foreign["turkey"],
                                                   "kind": "mercenaries"}, [], None)

    def estimate(c: Contingent, on: dt.date, low: int, high: int, basis: str = "estimate") -> None:
        add_estimate(c, {"as_of": on, "minimum": low, "maximum": high, "basis": basis, "source": "test"}, None)

    def move(c: Contingent, kind: str, on: dt.date, low: int, high: int, state: str = "verified") -> ForceMovement:
        m = add_movement(c, {"kind": kind, "occurred_on": on, "personnel_min": low, "personnel_max": high}, None)
        if state != "reported":
            transition_movement(m, state, None)
        return m

    estimate(wagner, D(2020, 12, 1), 2000, 3000)
    estimate(wagner, D(2021, 1, 10), 2500, 2500, "count")
    estimate(wagner, D(2021, 1, 10), 1000, 4000)  # recorded later, but an estimate: the count wins
    move(wagner, "arrival", D(2020, 12, 15), 100, 200)
    unverified = move(wagner, "departure", D(2020, 12, 20), 500, 700, "unverified")
    move(wagner, "departure", D(2021, 1, 15), 300, 300)
    move(wagner, "relocation", D(2021, 1, 20), 200, 200)
    estimate(turks, D(2020, 11, 1), 500, 800)
    move(turks, "departure", D(2020, 12, 10), 600, 900)
    move(turks, "arrival", D(2021, 1, 5), 50, 50, "reported")
    move(turks, "arrival", D(2021, 1, 6), 10, 20)
    estimate(syrians, D(2021, 1, 12), 3000, 5000)
    return {"wagner": wagner, "turks": turks, "syrians": syrians, "unverified": unverified}


class JsonClient(Client):
    def get_json(self, path: str, **params: Any) -> Any:
        return self.get("/api/v1" + path, params)

    def post_json(self, path: str, body: Any) -> Any:
        return self.post("/api/v1" + path, json.dumps(body), content_type="application/json")


@pytest.fixture
def as_(tokens: dict[str, str]) -> Callable[[str], JsonClient]:
    return lambda name: JsonClient(HTTP_AUTHORIZATION=f"Bearer {tokens[name]}")


@pytest.fixture
def page_as(users: dict[str, Any]) -> Callable[[str], Client]:
    def make(name: str) -> Client:
        client = Client()
        client.force_login(users[name])
        return client

    return make
