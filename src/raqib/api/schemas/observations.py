"""Observations: what a monitor, camera or UAV saw or heard (mission staff only)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils.translation import gettext as _
from pydantic import Field, model_validator

from raqib.api.schemas.common import Id, Input, Key, Lat, Long, Lon, Moment, Output, PageQuery, Short


class ObservationIn(Input):
    incident: Id | None = None
    team: Id | None = None
    monitor: Id | None = None
    method: Key
    event_class: Key
    observed_start: Moment
    observed_end: Moment | None = Field(None, description="Defaults to the start.")
    observer_lat: Lat | None = None
    observer_lon: Lon | None = None
    count: int = Field(1, ge=0, le=1_000_000)
    assessed_weapon: Short = Field("", max_length=100)
    bearing: int | None = Field(None, ge=0, le=359)
    distance: Short = Field("", max_length=5)
    lat: Lat | None = None
    lon: Lon | None = None
    notes: Long = ""
    synthetic: bool = False

    @model_validator(mode="after")
    def _window(self) -> ObservationIn:
        if self.observed_end is not None and self.observed_end < self.observed_start:
            raise ValueError(_("The observation ends before it starts."))
        return self


class ObservationFilters(PageQuery):
    incident: Id | None = None


class ObservationOut(Output):
    id: int
    uid: uuid.UUID
    incident: int | None
    team: int | None
    monitor: int | None
    method: str
    event_class: str
    observed_start: dt.datetime
    observed_end: dt.datetime
    observer_lat: float | None
    observer_lon: float | None
    count: int
    assessed_weapon: str
    bearing: int | None
    distance: str
    lat: float | None
    lon: float | None
    notes: str
    synthetic: bool
    created_at: dt.datetime


class ObservationPage(Output):
    items: list[ObservationOut]
    next: str | None


def observation_out(o: Any) -> dict[str, Any]:
    links = {"incident": o.incident_id, "team": o.team_id, "monitor": o.monitor_id}
    return {name: links[name] if name in links else getattr(o, name) for name in ObservationOut.model_fields}
