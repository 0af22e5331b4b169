"""API fixtures: a signed-in client per role, a small gazetteer and agreement, payload makers."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from raqib.actors.models import Party
from raqib.agreements.services import upsert_agreement, upsert_provision
from raqib.geo.models import Place
from raqib.geo.services import upsert_place
from raqib.incidents.models import Allegation
from raqib.incidents.services import create_allegation

API = "/api/v1"
WHEN = dt.datetime(2021, 1, 10, 8, 0, tzinfo=dt.UTC)


class ApiClient(Client):
    """django.test.Client speaking JSON to /api/v1, as one user (or nobody)."""

    def call(self, method: str, path: str, body: Any = None, **extra: Any) -> Any:
        data = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
        return self.generic(method, API + path, data or "", content_type="application/json", **extra)

    def get_json(self, path: str, **params: Any) -> Any:
        return self.get(API + path, params)

    def post_json(self, path: str, body: Any = None) -> Any:
        return self.call("POST", path, body)

    def patch_json(self, path: str, body: Any = None) -> Any:
        return self.call("PATCH", path, body)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


@pytest.fixture
def client_with_header() -> Callable[..., ApiClient]:
    """A client sending this Authorization header (and any other request defaults)."""
    return lambda header, **defaults: ApiClient(HTTP_AUTHORIZATION=header, **defaults)


@pytest.fixture
def as_(tokens: dict[str, str]) -> Callable[[str], ApiClient]:
    """``as_("monitor")``: a client sending that user's token."""

    def make(name: str) -> ApiClient:
        return ApiClient(HTTP_AUTHORIZATION=f"Bearer {tokens[name]}")

    return make


@pytest.fixture
def anonymous(db: Any) -> ApiClient:
    return ApiClient()


@pytest.fixture
def places(db: Any) -> dict[str, Place]:
    sirte, _ = upsert_place("sirte", {"name_en": "Sirte", "name_ar": "سرت", "lat": 31.2089, "lon": 16.5887,
                                      "kind": "city", "precision": "town"}, ["Surt", "Sirt"], None)
    ajdabiya, _ = upsert_place("ajdabiya", {"name_en": "Ajdabiya", "name_ar": "أجدابيا", "lat": 30.7554,
                                            "lon": 20.2263, "kind": "city"}, ["Ajdabiyah"], None)
    misrata, _ = upsert_place("misrata", {"name_en": "Misrata", "name_ar": "مصراتة", "lat": 32.3754,
                                          "lon": 15.0925, "kind": "city"}, ["Misurata"], None)
    return {"sirte": sirte, "ajdabiya": ajdabiya, "misrata": misrata}


@pytest.fixture
def provisions(db: Any, parties: dict[str, Party]) -> dict[str, Any]:
    agreement, _ = upsert_agreement("geneva-2020", {"title_en": "Agreement for a Complete and Permanent Ceasefire",
                                                    "title_ar": "اتفاق وقف إطلاق النار الدائم",
                                                    "signed_on": dt.date(2020, 10, 23), "timezone": "UTC"}, None)
    both = [parties["gna"], parties["lna"]]
    withdraw, _ = upsert_provision(agreement, "2", {"text_en": "All military units withdraw to their camps.",
                                                    "text_ar": "عودة جميع الوحدات العسكرية إلى معسكراتها.",
                                                    "category": "withdrawal", "deadline_relative": "+3 months"},
                                   both, None)
    ceasefire, _ = upsert_provision(agreement, "1", {"text_en": "A complete and permanent ceasefire.",
                                                     "text_ar": "وقف دائم لإطلاق النار.",
                                                     "category": "ceasefire"}, both, None)
    return {"withdrawal": withdraw, "ceasefire": ceasefire, "agreement": agreement}


@pytest.fixture
def incident_payload() -> Callable[..., dict[str, Any]]:
    def make(**overrides: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "category": "ceasefire_violation",
            "subtype": "shelling",
            "occurred_start": "2021-01-10T08:00:00Z",
            "occurred_end": "2021-01-10T09:00:00Z",
            "lat": 31.2089,
            "lon": 16.5887,
            "description_en": "Three impacts heard south of Sirte.",
        }
        body.update(overrides)
        return body

    return make


@pytest.fixture
def make_allegation(users: dict[str, Any]) -> Callable[..., Allegation]:
    def make(liaison: str = "liaison_gna", **overrides: Any) -> Allegation:
        values: dict[str, Any] = {"claimed_start": WHEN, "claimed_end": WHEN, "received_at": WHEN,
                                  "category": "ceasefire_violation", "summary": "Shelling near Sirte.",
                                  "language": "en", **overrides}
        return create_allegation(values, users[liaison])

    return make
