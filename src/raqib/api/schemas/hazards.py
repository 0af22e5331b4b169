"""Explosive hazards: hazardous areas as GeoJSON features, land release, accidents and victims."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.utils.translation import gettext as _
from pydantic import Field, model_validator

from raqib.api.schemas.common import (Count, Id, Input, Key, Lat, Long, Lon, Moment, Output, PageQuery, Short,
                                      absent)
from raqib.hazards import services
from raqib.hazards.models import EOAccident, EOVictim, HazardArea, LandRelease

Area = Field(None, ge=1, le=10_000_000_000, description="Square metres.")


class HazardIn(Input):
    code: Key = Field(description="Unique, e.g. LBY-SRT-0001.")
    name: Short = Field(min_length=1, max_length=200)
    status: Key = Field("suspected", description="suspected (SHA) or confirmed (CHA).")
    geometry: dict[str, Any] = Field(description="A GeoJSON Polygon or MultiPolygon (longitude, latitude).")
    area_m2: int | None = Area
    zone: Key | None = Field(None, description="A zone's key; by default the zone the polygon's centre is in.")
    ordnance_types: list[Key] = Field(default_factory=list, max_length=10)
    contamination_evidence: Long = ""
    reported_on: dt.date
    incident: Id | None = None


class HazardPatch(Input):
    """Corrections to a hazard; its state moves by transition, its status only to confirmed."""

    name: Short = absent(min_length=1, max_length=200)
    status: Key = absent()
    geometry: dict[str, Any] = absent()
    area_m2: int = absent(ge=1, le=10_000_000_000)
    ordnance_types: list[Key] = absent(max_length=10)
    contamination_evidence: Long = absent()
    reported_on: dt.date = absent()
    note: Short = ""


class HazardFilters(PageQuery):
    state: Key | None = None
    status: Key | None = None
    zone: Key | None = Field(None, description="A zone's key.")


class HazardTransitionIn(Input):
    state: Key
    note: Short = ""


class LandReleaseIn(Input):
    method: Key = Field(description="non_technical_survey, technical_survey or clearance.")
    outcome: Key | None = Field(None, description="Follows from the method when left out.")
    area_m2: int = Field(ge=1, le=10_000_000_000)
    items_found: Count = 0
    items_destroyed: Count = 0
    operator: Short = Field(min_length=1, max_length=200)
    started_on: dt.date
    finished_on: dt.date
    notes: Long = ""

    @model_validator(mode="after")
    def _period(self) -> LandReleaseIn:
        if self.finished_on < self.started_on:
            raise ValueError(_("The task finishes before it starts."))
        return self


class LandReleaseOut(Output):
    id: int
    hazard: str
    method: str
    outcome: str
    area_m2: int
    items_found: int
    items_destroyed: int
    operator: str
    started_on: dt.date
    finished_on: dt.date
    notes: str


class LandReleaseList(Output):
    items: list[LandReleaseOut]


class HazardProperties(Output):
    code: str
    name: str
    status: str
    state: str
    next_states: list[str]
    area_m2: int
    released_m2: int
    remaining_m2: int
    zone: str | None
    ordnance_types: list[str]
    contamination_evidence: str
    reported_on: dt.date
    incident: int | None
    bbox: list[float]
    releases: list[LandReleaseOut] | None = Field(None, description="Only when one hazard is read.")


class HazardFeature(Output):
    type: Literal["Feature"] = "Feature"
    id: str
    geometry: dict[str, Any]
    properties: HazardProperties


class HazardCollection(Output):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[HazardFeature]
    next: str | None


class HazardSummary(Output):
    by_state: dict[str, int]
    by_status: dict[str, int]
    released_m2_by_method: dict[str, int]
    items_found: int
    items_destroyed: int


def release_out(r: LandRelease) -> dict[str, Any]:
    return {"id": r.pk, "hazard": r.hazard.code, "method": r.method, "outcome": r.outcome, "area_m2": r.area_m2,
            "items_found": r.items_found, "items_destroyed": r.items_destroyed, "operator": r.operator,
            "started_on": r.started_on, "finished_on": r.finished_on, "notes": r.notes}


def hazard_out(h: HazardArea, *, released: int | None = None, detail: bool = False) -> dict[str, Any]:
    done = services.released_m2(h) if released is None else released
    props: dict[str, Any] = {
        "code": h.code, "name": h.name, "status": h.status, "state": h.state,
        "next_states": list(HazardArea.TRANSITIONS.get(h.state, ())),
        "area_m2": h.area_m2, "released_m2": done, "remaining_m2": max(0, h.area_m2 - done),
        "zone": h.zone.key if h.zone else None, "ordnance_types": h.ordnance_types,
        "contamination_evidence": h.contamination_evidence, "reported_on": h.reported_on,
        "incident": h.incident_id, "bbox": [h.min_lon, h.min_lat, h.max_lon, h.max_lat],
    }
    if detail:
        props["releases"] = [release_out(r) for r in h.releases.select_related("hazard").order_by("finished_on", "pk")]
    return {"type": "Feature", "id": h.code, "geometry": h.geometry, "properties": props}


class VictimIn(Input):
    sex: Key = "unknown"
    age_group: Key = "unknown"
    category: Key = Field(description="civilian, combatant or deminer.")
    outcome: Key = Field(description="killed or injured.")


class VictimOut(Output):
    id: int
    accident: int
    sex: str
    age_group: str
    category: str
    outcome: str


class AccidentIn(Input):
    occurred_at: Moment
    place: Key | None = None
    lat: Lat | None = None
    lon: Lon | None = None
    hazard: Key | None = Field(None, description="A hazardous area's code.")
    ordnance_type: Key | Literal[""] = ""
    activity: Key = "unknown"
    description: Long = ""
    victims: list[VictimIn] = Field(default_factory=list, max_length=200)

    @model_validator(mode="after")
    def _point(self) -> AccidentIn:
        if (self.lat is None) != (self.lon is None):
            raise ValueError(_("Give both the latitude and the longitude, or neither."))
        return self


class AccidentOut(Output):
    id: int
    reference: str
    occurred_at: dt.datetime
    place: str | None
    lat: float | None
    lon: float | None
    hazard: str | None
    ordnance_type: str
    activity: str
    description: str
    killed: int
    injured: int
    victims: list[VictimOut]


class AccidentFilters(PageQuery):
    hazard: Key | None = None


class AccidentPage(Output):
    items: list[AccidentOut]
    next: str | None


def victim_out(v: EOVictim) -> dict[str, Any]:
    return {"id": v.pk, "accident": v.accident_id, "sex": v.sex, "age_group": v.age_group, "category": v.category,
            "outcome": v.outcome}


def accident_out(a: EOAccident) -> dict[str, Any]:
    victims = list(a.victims.all())
    return {
        "id": a.pk, "reference": a.reference, "occurred_at": a.occurred_at, "place": a.place.key if a.place else None,
        "lat": a.lat, "lon": a.lon, "hazard": a.hazard.code if a.hazard else None,
        "ordnance_type": a.ordnance_type, "activity": a.activity, "description": a.description,
        "killed": sum(v.outcome == "killed" for v in victims), "injured": sum(v.outcome == "injured" for v in victims),
        "victims": [victim_out(v) for v in victims],
    }
