"""Shared fixtures. Test speed-ups live here and only here: a fast password hasher and a
throw-away data dir per test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation

from raqib.accounts.models import Role, User
from raqib.accounts.services import create_user, issue_token
from raqib.actors.models import Party
from raqib.actors.services import upsert_party
from raqib.agreements.timezone import forget_mission_timezone
from raqib.geo.models import Zone
from raqib.geo.services import clear_zone_cache, upsert_zone
from raqib.incidents.models import Incident
from raqib.incidents.services import IncidentData, create_incident

PASSWORD = "correct horse battery staple"

# A small triangle around Sirte (lon, lat).
TRIANGLE = {
    "type": "Polygon",
    "coordinates": [[[16.3, 31.0], [17.2, 31.0], [16.6, 31.4], [16.3, 31.0]]],
}
SIRTE = (31.2089, 16.5887)


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings: Any, tmp_path: Any) -> None:
    # Each test starts in the default language: a test that rendered Arabic must not leave the
    # thread speaking it to the next one.
    translation.activate(settings.LANGUAGE_CODE)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATA_DIR = tmp_path / "data"
    settings.EVIDENCE_DIR = tmp_path / "data" / "evidence"
    clear_zone_cache()
    forget_mission_timezone()


@pytest.fixture
def parties(db: Any) -> dict[str, Party]:
    gna, _ = upsert_party("gna", {"name_en": "Government of National Accord", "name_ar": "حكومة الوفاق الوطني",
                                  "kind": "signatory_party", "acled_inter": 1},
                          {"en": ["GNA"], "ar": ["قوات الوفاق"]}, None)
    lna, _ = upsert_party("lna", {"name_en": "Libyan National Army", "name_ar": "الجيش الوطني الليبي",
                                  "kind": "signatory_party", "acled_inter": 1},
                          {"en": ["LNA", "Haftar forces"], "ar": ["قوات حفتر"]}, None)
    wagner, _ = upsert_party("wagner", {"name_en": "Wagner Group", "name_ar": "مجموعة فاغنر",
                                        "kind": "pmc_or_mercenaries", "acled_inter": 8}, {"en": ["Wagner"]}, None)
    return {"gna": gna, "lna": lna, "wagner": wagner}


@pytest.fixture
def zone(db: Any, parties: dict[str, Party]) -> Zone:
    z, _ = upsert_zone("sirte-triangle", {"name_en": "Sirte triangle", "name_ar": "مثلث سرت",
                                          "kind": "monitoring_area", "geometry": TRIANGLE, "phase": 1,
                                          "status": "active"}, None)
    return z


@pytest.fixture
def users(db: Any, parties: dict[str, Party]) -> dict[str, User]:
    """One user per role, two liaison officers (one per signatory party)."""
    made = {}
    for role in Role.values:
        if role == Role.LIAISON:
            continue
        made[role] = create_user(role, role, PASSWORD, None)
    made["liaison_gna"] = create_user("liaison_gna", Role.LIAISON, PASSWORD, None, party=parties["gna"])
    made["liaison_lna"] = create_user("liaison_lna", Role.LIAISON, PASSWORD, None, party=parties["lna"])
    return made


@pytest.fixture
def tokens(users: dict[str, User]) -> dict[str, str]:
    return {name: issue_token(user, None, "test") for name, user in users.items()}


@pytest.fixture
def make_incident(db: Any, users: dict[str, User]) -> Callable[..., Incident]:
    def make(actor: Any = None, **overrides: Any) -> Incident:
        start = overrides.pop("occurred_start", dt.datetime(2021, 1, 10, 8, 0, tzinfo=dt.UTC))
        values: dict[str, Any] = {
            "category": "ceasefire_violation",
            "subtype": "shelling",
            "occurred_start": start,
            "occurred_end": start + dt.timedelta(hours=1),
            "lat": SIRTE[0],
            "lon": SIRTE[1],
            "description_en": "Three impacts heard south of Sirte.",
        }
        values.update(overrides)
        return create_incident(IncidentData(**values), actor if actor is not None else users["monitor"])

    return make
