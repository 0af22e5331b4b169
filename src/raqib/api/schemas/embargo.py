"""Arms-embargo events and track imports (mission staff read them, analysts write them)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from raqib.api.schemas.common import Id, Input, Key, Lat, Long, Lon, Moment, Output, PageQuery, Short, key_of
from raqib.embargo.models import EmbargoEvent, TrackImport


class EventIn(Input):
    vector: Literal["air", "sea", "land"]
    occurred_at: Moment
    state: Literal["suspected", "documented", "referred_to_panel", "panel_finding"] = "suspected"
    registration: Short = Field("", max_length=12)
    icao24: Short = Field("", max_length=6, description="Six hexadecimal characters.")
    callsign: Short = Field("", max_length=10)
    imo: Short = Field("", max_length=11, description="Seven digits with a valid check digit (an “IMO” prefix is allowed).")
    mmsi: Short = Field("", max_length=9)
    vessel_name: Short = Field("", max_length=200)
    flag: Short = Field("", max_length=2, description="ISO 3166-1 alpha-2 code, e.g. TR.")
    origin: Short = ""
    destination: Key | None = Field(None, description="A place's key.")
    lat: Lat | None = None
    lon: Lon | None = None
    cargo: Long = ""
    supplier: Key | None = Field(None, description="A party's key.")
    recipient: Key | None = Field(None, description="A party's key.")
    evidence: Long = ""
    incident: Id | None = None


class TransitionIn(Input):
    state: Key
    note: Short = ""


class EventFilters(PageQuery):
    state: Short | None = None
    vector: Short | None = None
    since: Short | None = Field(None, description="ISO 8601 date or date and time.")
    until: Short | None = Field(None, description="ISO 8601 date or date and time.")
    track_import: Id | None = None


class EventOut(Output):
    id: int
    reference: str
    vector: str
    state: str
    next_states: list[str]
    occurred_at: dt.datetime
    track_identifier: str
    registration: str
    icao24: str
    callsign: str
    imo: str
    mmsi: str
    vessel_name: str
    flag: str
    origin: str
    destination: str | None
    lat: float | None
    lon: float | None
    cargo: str
    supplier: str | None
    recipient: str | None
    evidence: str
    track_import: int | None
    incident: int | None
    created_at: dt.datetime


class EventPage(Output):
    items: list[EventOut]
    next: str | None


def event_out(e: EmbargoEvent) -> dict[str, Any]:
    return {
        "id": e.pk, "reference": e.reference, "vector": e.vector, "state": e.state,
        "next_states": list(EmbargoEvent.TRANSITIONS.get(e.state, ())), "occurred_at": e.occurred_at,
        "track_identifier": e.track_identifier, "registration": e.registration, "icao24": e.icao24,
        "callsign": e.callsign, "imo": e.imo, "mmsi": e.mmsi, "vessel_name": e.vessel_name, "flag": e.flag,
        "origin": e.origin, "destination": key_of(e.destination), "lat": e.lat, "lon": e.lon, "cargo": e.cargo,
        "supplier": key_of(e.supplier), "recipient": key_of(e.recipient), "evidence": e.evidence,
        "track_import": e.track_import_id, "incident": e.incident_id, "created_at": e.created_at,
    }


class TrackImportOut(Output):
    id: int
    file_name: str
    sha256: str
    vector: str
    rows_read: int
    platforms: int
    arrivals_flagged: int
    imported_at: dt.datetime
    events: list[int]


class TrackImportList(Output):
    items: list[TrackImportOut]


def track_import_out(t: TrackImport) -> dict[str, Any]:
    return {"id": t.pk, "file_name": t.file_name, "sha256": t.sha256, "vector": t.vector, "rows_read": t.rows_read,
            "platforms": t.platforms, "arrivals_flagged": t.arrivals_flagged, "imported_at": t.imported_at,
            "events": sorted(e.pk for e in t.events.all())}
