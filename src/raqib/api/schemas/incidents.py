"""Incidents: what a client sends, what it gets back, and how a list is filtered."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from django.conf import settings
from django.utils.translation import gettext as _
from pydantic import BaseModel, BeforeValidator, Field

from raqib.api.schemas.common import (Count, Input, Key, Lat, Long, Lon, Moment, Output, PageQuery, ProvisionRef,
                                      ProvisionRefOut, Short, absent, key_of)
from raqib.incidents.models import Incident

MAX_PARTIES = MAX_PROVISIONS = 50


class PartyRole(Input):
    party: Key = Field(description="The party's key, e.g. `lna`.")
    role: Key = Field("involved", description="perpetrator, alleged_perpetrator, target or involved.")


class IncidentIn(Input):
    category: Key
    subtype: Key
    occurred_start: Moment
    occurred_end: Moment | None = Field(None, description="Defaults to the start.")
    time_precision: Key = "hour"
    lat: Lat
    lon: Lon
    location_precision: Key = "exact"
    place: Key | None = Field(None, description="A gazetteer key.")
    parties: list[PartyRole] = Field(default_factory=list, max_length=MAX_PARTIES)
    provisions: list[ProvisionRef] = Field(default_factory=list, max_length=MAX_PROVISIONS)
    killed_min: Count = 0
    killed_max: Count | None = Field(None, description="Defaults to the minimum.")
    injured_min: Count = 0
    injured_max: Count | None = Field(None, description="Defaults to the minimum.")
    severity: int = Field(1, ge=1, le=4)
    description_en: Long = ""
    description_ar: Long = ""
    original_language: Key = "en"
    shared_with_jmc: bool = False
    synthetic: bool = False


class IncidentPatch(Input):
    """Only the fields sent change; only ``place`` may be cleared with null."""

    category: Key = absent()
    subtype: Key = absent()
    occurred_start: Moment = absent()
    occurred_end: Moment = absent()
    time_precision: Key = absent()
    lat: Lat = absent()
    lon: Lon = absent()
    location_precision: Key = absent()
    place: Key | None = None
    parties: list[PartyRole] = absent(max_length=MAX_PARTIES)
    provisions: list[ProvisionRef] = absent(max_length=MAX_PROVISIONS)
    killed_min: Count = absent()
    killed_max: Count = absent()
    injured_min: Count = absent()
    injured_max: Count = absent()
    severity: int = absent(ge=1, le=4)
    description_en: Long = absent()
    description_ar: Long = absent()
    original_language: Key = absent()
    shared_with_jmc: bool = absent()
    synthetic: bool = absent()
    note: Short = Field("", description="Why the change was made (kept in the audit trail).")


def _batch(value: Any) -> Any:
    """Take a JSON list or ``{"items": [...]}``; refuse an oversized batch before reading it."""
    if isinstance(value, dict) and set(value) == {"items"}:
        value = value["items"]
    if isinstance(value, list):
        if not value:
            raise ValueError(_("send at least one incident"))
        if len(value) > settings.API_MAX_BULK:
            raise ValueError(_("at most %(n)d incidents per request") % {"n": settings.API_MAX_BULK})
    return value


IncidentBatch = Annotated[list[IncidentIn], BeforeValidator(_batch)]


class Created(Output):
    ids: list[int]


class IncidentFilterFields(BaseModel):
    """The filters of the incident list (``GET /incidents``), which the map (``GET /incidents/map``) takes too."""

    bbox: Short | None = Field(None, description="minlon,minlat,maxlon,maxlat")
    since: Short | None = Field(None, description="ISO 8601 date or date and time; incidents ending at or after it.")
    until: Short | None = Field(None, description="ISO 8601 date or date and time; incidents starting at or before it.")
    category: Short | None = None
    subtype: Short | None = None
    zone: Short | None = Field(None, description="A zone's key or id.")
    party: Short | None = Field(None, description="A party's key.")
    state: Short | None = Field(None, description="Verification state.")
    q: Short | None = Field(None, description="Text in the descriptions.")


# No docstring: it would become the schema's description. The paging parameters come first: the
# fields of the last base come first.
class IncidentFilters(IncidentFilterFields, PageQuery):
    pass


class PartyRoleOut(Output):
    party: str
    role: str


class VerificationSummary(Output):
    state: str
    outcome: str
    attribution: str
    attributed_party: str | None
    confidence: str


class IncidentOut(Output):
    id: int
    uid: uuid.UUID
    reference: str
    category: str
    subtype: str
    occurred_start: dt.datetime
    occurred_end: dt.datetime
    time_precision: str
    lat: float
    lon: float
    location_precision: str
    place: str | None
    zone: str | None
    parties: list[PartyRoleOut]
    provisions: list[ProvisionRefOut]
    killed_min: int
    killed_max: int
    injured_min: int
    injured_max: int
    severity: int
    description_en: str
    description_ar: str
    original_language: str
    shared_with_jmc: bool
    synthetic: bool
    verification: VerificationSummary | None
    created_at: dt.datetime
    updated_at: dt.datetime


class IncidentPage(Output):
    items: list[IncidentOut]
    next: str | None


COPIED = ("id", "uid", "reference", "category", "subtype", "occurred_start", "occurred_end", "time_precision",
          "lat", "lon", "location_precision", "killed_min", "killed_max", "injured_min", "injured_max", "severity",
          "description_en", "description_ar", "original_language", "shared_with_jmc", "synthetic",
          "created_at", "updated_at")


def incident_out(incident: Incident) -> dict[str, Any]:
    """The incident as the API shows it. Its party roles were narrowed to what the user may see
    when the incident was loaded."""
    verification = getattr(incident, "verification", None)
    return {
        **{name: getattr(incident, name) for name in COPIED},
        "place": key_of(incident.place),
        "zone": key_of(incident.zone),
        "parties": [{"party": r.party.key, "role": r.role} for r in incident.party_roles.all()],
        "provisions": [{"id": p.pk, "number": p.number} for p in incident.provisions.all()],
        "verification": None if verification is None else {
            "state": verification.state,
            "outcome": verification.outcome,
            "attribution": verification.attribution,
            "attributed_party": key_of(verification.attributed_party),
            "confidence": verification.confidence,
        },
    }


# The list reads plain rows, not model instances: a page of 50 is otherwise mostly spent building
# some 250 objects (docs/benchmarks.md). The output is the same as incident_out's.
ROW_FIELDS = tuple(name for name in COPIED if name != "reference") + (
    "place__key", "zone__key", "verification__state", "verification__outcome", "verification__attribution",
    "verification__attributed_party__key", "verification__confidence")


def incident_rows_out(rows: list[dict[str, Any]], roles: list[tuple[int, str, str]],
                      provisions: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """Output for rows read with ``values(*ROW_FIELDS)``, their visible party roles
    (incident id, party key, role) and provisions (incident id, provision id, number)."""
    parties: dict[int, list[dict[str, str]]] = {}
    for incident_id, party, role in roles:
        parties.setdefault(incident_id, []).append({"party": party, "role": role})
    concerned: dict[int, list[dict[str, Any]]] = {}
    for incident_id, provision_id, number in provisions:
        concerned.setdefault(incident_id, []).append({"id": provision_id, "number": number})
    out = []
    for row in rows:
        pk = row["id"]
        item = {name: row[name] for name in COPIED if name != "reference"}
        item.update(
            reference=f"INC-{pk:06d}", place=row["place__key"], zone=row["zone__key"],
            parties=parties.get(pk, []), provisions=concerned.get(pk, []),
            verification=None if row["verification__state"] is None else {
                "state": row["verification__state"],
                "outcome": row["verification__outcome"],
                "attribution": row["verification__attribution"],
                "attributed_party": row["verification__attributed_party__key"],
                "confidence": row["verification__confidence"],
            },
        )
        out.append(item)
    return out

