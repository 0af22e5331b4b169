"""Restrictions on the monitors' freedom of movement."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from raqib.api.schemas.common import Id, Input, Key, Lat, Long, Lon, Moment, Output, PageQuery, Short, key_of
from raqib.movement.models import MAX_DURATION_MINUTES, Restriction

Kind = Literal["denial", "conditional_access", "delay", "threat_or_violence", "uav_interference"]


class RestrictionIn(Input):
    kind: Kind
    occurred_at: Moment
    party: Key | None = Field(None, description="Key of the party responsible.")
    actor_description: Short = ""
    place: Key | None = Field(None, description="A place's key.")
    lat: Lat | None = None
    lon: Lon | None = None
    duration_minutes: int | None = Field(None, ge=0, le=MAX_DURATION_MINUTES)
    reason_given: Long = ""
    task_affected: Long = ""
    description: Long = ""
    team: Id | None = None
    shared_with_jmc: bool = False
    incident: Id | None = None


class TransitionIn(Input):
    state: Key
    note: Short = ""
    on: dt.date | None = Field(None, description="The day it was raised with the JMC (today if left out).")


class RestrictionFilters(PageQuery):
    kind: Short | None = None
    party: Short | None = Field(None, description="A party's key, or “none” for restrictions not attributed.")
    state: Short | None = None
    zone: Short | None = Field(None, description="A zone's key.")
    since: dt.date | None = None
    until: dt.date | None = None


class RestrictionOut(Output):
    id: int
    reference: str
    kind: str
    state: str
    next_states: list[str]
    party: str | None
    actor_description: str
    place: str | None
    lat: float | None
    lon: float | None
    zone: str | None
    occurred_at: dt.datetime
    duration_minutes: int | None
    reason_given: str
    task_affected: str
    description: str
    team: int | None
    raised_with_jmc_on: dt.date | None
    shared_with_jmc: bool
    incident: int | None
    created_at: dt.datetime


class RestrictionPage(Output):
    items: list[RestrictionOut]
    next: str | None


class PartyCountOut(Output):
    party: str | None = Field(description="The party's key; null for restrictions not attributed to a party.")
    total: int
    by_kind: dict[str, int]


class CountsOut(Output):
    since: dt.date | None
    until: dt.date | None
    items: list[PartyCountOut]


def restriction_out(r: Restriction) -> dict[str, Any]:
    return {
        "id": r.pk, "reference": r.reference, "kind": r.kind, "state": r.state,
        "next_states": list(Restriction.TRANSITIONS.get(r.state, ())), "party": key_of(r.party),
        "actor_description": r.actor_description, "place": key_of(r.place), "lat": r.lat, "lon": r.lon,
        "zone": key_of(r.zone), "occurred_at": r.occurred_at, "duration_minutes": r.duration_minutes,
        "reason_given": r.reason_given, "task_affected": r.task_affected, "description": r.description,
        "team": r.team_id, "raised_with_jmc_on": r.raised_with_jmc_on, "shared_with_jmc": r.shared_with_jmc,
        "incident": r.incident_id, "created_at": r.created_at,
    }
