"""Export fixtures: a small mission whose incidents differ by date, zone, category, state, the
parties involved and who may see them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner, Result
from django.test import Client

from raqib.accounts.models import User
from raqib.actors.models import Party
from raqib.agreements.services import upsert_agreement
from raqib.cli import cli
from raqib.geo.models import Place, Zone
from raqib.geo.services import upsert_place, upsert_zone
from raqib.incidents.models import Incident
from raqib.incidents.services import add_source, create_allegation
from raqib.verification.services import transition

DAY = dt.datetime(2021, 1, 10, 8, 0, tzinfo=dt.UTC)
FAR = {"type": "Polygon", "coordinates": [[[19.9, 30.5], [20.5, 30.5], [20.5, 31.0], [19.9, 31.0], [19.9, 30.5]]]}


@pytest.fixture
def place(db: Any) -> Place:
    sirte, _ = upsert_place("sirte", {"name_en": "Sirte", "name_ar": "سرت", "lat": 31.2089, "lon": 16.5887,
                                      "kind": "city", "precision": "town", "admin_area": "Sirte"}, [], None)
    return sirte


@pytest.fixture
def mission(users: dict[str, User], parties: dict[str, Party], zone: Zone, place: Place,
            make_incident: Callable[..., Incident]) -> dict[str, Incident]:
    upsert_agreement("libya-2020", {"title_en": "Ceasefire", "title_ar": "وقف إطلاق النار",
                                    "signed_on": dt.date(2020, 10, 23), "timezone": "Africa/Tripoli"}, None)
    upsert_zone("ajdabiya-area", {"name_en": "Ajdabiya area", "name_ar": "منطقة أجدابيا", "kind": "monitoring_area",
                                  "geometry": FAR, "phase": 2, "status": "planned"}, None)
    gna, lna, wagner = parties["gna"], parties["lna"], parties["wagner"]
    shared = make_incident(shared_with_jmc=True, place=place, location_precision="town", killed_min=2, killed_max=3,
                           parties=[(lna, "alleged_perpetrator"), (gna, "target")],
                           description_en="Shelling, \"two\" killed, commas, and\nnew lines; عربي.")
    internal = make_incident(occurred_start=DAY + dt.timedelta(days=5), category="foreign_forces", subtype="arrival",
                             parties=[(wagner, "involved")], time_precision="day")
    far = make_incident(occurred_start=DAY + dt.timedelta(days=20), lat=30.75, lon=20.22,
                        location_precision="region", category="movement_restriction", subtype="denial",
                        parties=[(lna, "perpetrator")])
    alleged = make_incident(occurred_start=DAY - dt.timedelta(days=3), parties=[(gna, "alleged_perpetrator")])
    create_allegation({"filer_kind": "party", "filing_party": lna, "received_at": DAY, "claimed_start": DAY,
                       "claimed_end": DAY, "category": "ceasefire_violation", "summary": "GNA shelled us.",
                       "language": "en", "incident": alleged}, None)
    add_source(shared, {"kind": "news_article", "title": "Libya Observer", "identity": "Secret Witness"}, None)
    transition(internal.verification, "triaged", users["verifier"])
    return {"shared": shared, "internal": internal, "far": far, "alleged": alleged}


@pytest.fixture
def invoke() -> Callable[..., Result]:
    def run(*args: str) -> Result:
        english = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": None}
        return CliRunner().invoke(cli, list(args), env=english, catch_exceptions=False)

    return run


@pytest.fixture
def as_user(users: dict[str, User]) -> Callable[[str], Client]:
    def make(name: str) -> Client:
        client = Client()
        client.force_login(users[name])
        return client

    return make
