"""Reference data every signed-in user may read: zones, places, parties and provisions."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from raqib.actors.models import Party
from raqib.agreements.models import Provision
from raqib.api.schemas.common import Input, Key, Long, Output, Short, key_of
from raqib.geo.models import Handover, Place, Zone


class ZoneProperties(Output):
    key: str
    name_en: str
    name_ar: str
    kind: str
    status: str
    next_statuses: list[str]
    phase: int
    controlling_party: str | None
    description_en: str
    description_ar: str
    bbox: list[float]


class ZoneFeature(Output):
    type: Literal["Feature"] = "Feature"
    id: str
    geometry: dict[str, Any]
    properties: ZoneProperties


class ZoneCollection(Output):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[ZoneFeature]


class ZoneTransitionIn(Input):
    status: Key
    note: Short = ""


def zone_out(zone: Zone) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": zone.key,
        "geometry": zone.geometry,
        "properties": {
            "key": zone.key, "name_en": zone.name_en, "name_ar": zone.name_ar, "kind": zone.kind,
            "status": zone.status, "next_statuses": list(Zone.TRANSITIONS.get(zone.status, ())),
            "phase": zone.phase, "controlling_party": key_of(zone.controlling_party),
            "description_en": zone.description_en, "description_ar": zone.description_ar,
            "bbox": [zone.min_lon, zone.min_lat, zone.max_lon, zone.max_lat],
        },
    }


class ReadinessItemOut(Output):
    key: str = Field(description="security, logistics, medical, operational, or consent:<party key>.")
    item: str
    party: str | None
    met: bool
    assessed: bool = Field(description="False for an item never assessed (it counts as not met).")
    note: str
    assessed_on: dt.date | None
    assessed_by: str | None


class ReadinessOut(Output):
    zone: str
    status: str
    complete: bool = Field(description="Every item is met: the zone may move from assessment to active.")
    unmet: list[str]
    items: list[ReadinessItemOut]


class ReadinessIn(Input):
    item: Literal["security", "logistics", "medical", "operational", "consent"]
    party: Key | None = Field(None, description="The signatory party whose consent this is (consent only).")
    met: bool
    note: Long = ""
    assessed_on: dt.date | None = Field(None, description="Today (the mission's local day) when left out.")


def readiness_out(zone: Zone, rows: list[Any]) -> dict[str, Any]:
    return {
        "zone": zone.key, "status": zone.status, "complete": all(r.met for r in rows),
        "unmet": [r.label() for r in rows if not r.met],
        "items": [{
            "key": r.key, "item": r.item, "party": key_of(r.party), "met": r.met, "assessed": r.record is not None,
            "note": r.record.note if r.record else "", "assessed_on": r.record.assessed_on if r.record else None,
            "assessed_by": r.record.assessed_by.username if r.record and r.record.assessed_by else None,
        } for r in rows],
    }


class IndicatorsOut(Output):
    zone: str
    since: dt.datetime
    until: dt.datetime
    verified_violations: int
    restrictions: int
    hazards: int
    access_routes: list[str]


class HandoverIn(Input):
    handed_over_on: dt.date
    receiving_authority_en: Short = ""
    receiving_authority_ar: Short = ""
    note: Long = ""


class HandoverOut(Output):
    zone: str
    status: str
    handed_over_on: dt.date
    receiving_authority_en: str
    receiving_authority_ar: str
    note: str


def handover_out(handover: Handover) -> dict[str, Any]:
    return {
        "zone": handover.zone.key, "status": handover.zone.status, "handed_over_on": handover.handed_over_on,
        "receiving_authority_en": handover.receiving_authority_en,
        "receiving_authority_ar": handover.receiving_authority_ar, "note": handover.note,
    }


class RecommendedOut(Output):
    zone: ZoneFeature | None
    rule: str


class PlaceOut(Output):
    key: str
    name_en: str
    name_ar: str
    names: list[str] = Field(description="Every name the place is searched by, variants included.")
    lat: float | None
    lon: float | None
    precision: str
    kind: str
    admin_area: str


class PlaceList(Output):
    items: list[PlaceOut]


def place_out(place: Place) -> dict[str, Any]:
    return {
        "key": place.key, "name_en": place.name_en, "name_ar": place.name_ar,
        "names": sorted(n.name for n in place.names.all()),
        "lat": place.lat, "lon": place.lon, "precision": place.precision, "kind": place.kind,
        "admin_area": place.admin_area,
    }


class AliasOut(Output):
    name: str
    lang: str


class PartyOut(Output):
    key: str
    name_en: str
    name_ar: str
    kind: str
    acled_inter: int | None
    parent: str | None
    sponsors: list[str]
    aliases: list[AliasOut]
    notes: str


class PartyList(Output):
    items: list[PartyOut]


def party_out(party: Party) -> dict[str, Any]:
    return {
        "key": party.key, "name_en": party.name_en, "name_ar": party.name_ar, "kind": party.kind,
        "acled_inter": party.acled_inter, "parent": key_of(party.parent),
        "sponsors": sorted(s.key for s in party.sponsors.all()),
        "aliases": [{"name": a.name, "lang": a.lang} for a in party.aliases.all()],
        "notes": party.notes,
    }


class ProvisionOut(Output):
    id: int
    agreement: str
    number: str
    parent: int | None
    title_en: str
    title_ar: str
    text_en: str
    text_ar: str
    category: str
    obligated_parties: list[str]
    deadline: dt.date | None = Field(description="Absolute, or counted from the agreement's signature.")
    deadline_on: dt.date | None
    deadline_relative: str
    decided_on: dt.date | None


class ProvisionList(Output):
    items: list[ProvisionOut]


def provision_out(p: Provision) -> dict[str, Any]:
    return {
        "id": p.pk, "agreement": p.agreement.key, "number": p.number, "parent": p.parent_id,
        "title_en": p.title_en, "title_ar": p.title_ar, "text_en": p.text_en, "text_ar": p.text_ar,
        "category": p.category, "obligated_parties": sorted(o.key for o in p.obligated_parties.all()),
        "deadline": p.deadline(), "deadline_on": p.deadline_on, "deadline_relative": p.deadline_relative,
        "decided_on": p.decided_on,
    }
