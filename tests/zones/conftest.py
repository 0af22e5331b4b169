"""Fixtures of the phased-zone tests: zones waiting to open, a verified violation maker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from raqib.accounts.models import User
from raqib.actors.models import Party
from raqib.geo.models import Zone
from raqib.geo.services import GENERAL_ITEMS, set_readiness, upsert_zone
from raqib.incidents.models import Incident
from raqib.verification.services import transition

from .support import JUFRA


@pytest.fixture
def make_zone(db: Any, parties: dict[str, Party]) -> Callable[..., Zone]:
    def make(key: str, *, status: str = "assessment", phase: int = 2, kind: str = "monitoring_area",
             geometry: dict[str, Any] | None = None) -> Zone:
        zone, _ = upsert_zone(key, {"name_en": key.replace("-", " ").title(), "name_ar": "منطقة", "kind": kind,
                                    "geometry": geometry or JUFRA, "phase": phase, "status": status}, None)
        return zone

    return make


@pytest.fixture
def jufra(make_zone: Callable[..., Zone]) -> Zone:
    return make_zone("jufra-area", geometry=JUFRA)


@pytest.fixture
def meet(parties: dict[str, Party], users: dict[str, User]) -> Callable[..., None]:
    """``meet(zone, "security", "consent:gna", ...)``: mark those items met (all when none named)."""

    def mark(zone: Zone, *names: str) -> None:
        names = names or (*GENERAL_ITEMS, "consent:gna", "consent:lna")
        for name in names:
            item, _sep, party = name.partition(":")
            set_readiness(zone, item, True, users["chief"], party=parties[party] if party else None,
                          assessed_on=dt.date(2021, 1, 5))

    return mark


@pytest.fixture
def verified(users: dict[str, User], make_incident: Callable[..., Incident]) -> Callable[..., Incident]:
    """An incident whose verification is reviewed with the given outcome."""

    def make(outcome: str = "verified", state: str = "reviewed", **incident: Any) -> Incident:
        made = make_incident(**incident)
        v = made.verification
        transition(v, "triaged", users["verifier"])
        transition(v, "under_verification", users["verifier"])
        transition(v, "findings_drafted", users["verifier"], outcome=outcome, confidence="fair",
                   attribution="not_attributable", findings="Craters consistent with 122 mm rockets.")
        if state in ("reviewed", "closed"):
            transition(v, "reviewed", users["chief"])
        if state == "closed":
            transition(v, "closed", users["chief"])
        return made

    return make
