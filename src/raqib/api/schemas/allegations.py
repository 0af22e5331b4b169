"""Allegations filed by the parties' liaison officers, the public, third parties or the media."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils.translation import gettext as _
from pydantic import Field, model_validator

from raqib.api.schemas.common import (Id, Input, Key, Lat, Long, Lon, Moment, Output, PageQuery, ProvisionRef,
                                      ProvisionRefOut, absent, key_of)
from raqib.incidents.models import Allegation


class AllegationIn(Input):
    """A liaison officer always files for their own party: ``filer_kind``, ``filing_party`` and
    ``incident`` are set by Raqib for them."""

    filer_kind: Key = "party"
    filing_party: Key | None = Field(None, description="A party's key.")
    received_at: Moment | None = Field(None, description="Defaults to now.")
    claimed_actor: Key | None = Field(None, description="The party accused, by key.")
    claimed_start: Moment
    claimed_end: Moment | None = Field(None, description="Defaults to the start.")
    place: Key | None = None
    lat: Lat | None = None
    lon: Lon | None = None
    provision: ProvisionRef | None = None
    category: Key
    summary: Long = Field(min_length=1)
    language: Key
    incident: Id | None = None

    @model_validator(mode="after")
    def _window(self) -> AllegationIn:
        if self.claimed_end is not None and self.claimed_end < self.claimed_start:
            raise ValueError(_("The claimed time ends before it starts."))
        return self


class AllegationPatch(Input):
    """Link to an incident, record the other party's response (analysts only)."""

    incident: Id | None = None
    response: Long = absent()
    response_at: Moment | None = None
    provision: ProvisionRef | None = None
    claimed_actor: Key | None = None


class AllegationFilters(PageQuery):
    incident: Id | None = None


class AllegationOut(Output):
    id: int
    uid: uuid.UUID
    reference: str
    filer_kind: str
    filing_party: str | None
    received_at: dt.datetime
    claimed_actor: str | None
    claimed_start: dt.datetime
    claimed_end: dt.datetime
    place: str | None
    lat: float | None
    lon: float | None
    provision: ProvisionRefOut | None
    category: str
    summary: str
    language: str
    response: str
    response_at: dt.datetime | None
    incident: int | None
    created_at: dt.datetime


class AllegationPage(Output):
    items: list[AllegationOut]
    next: str | None


COPIED = ("id", "uid", "reference", "filer_kind", "received_at", "claimed_start", "claimed_end", "lat", "lon",
          "category", "summary", "language", "response", "response_at", "created_at")


def allegation_out(a: Allegation) -> dict[str, Any]:
    return {
        **{name: getattr(a, name) for name in COPIED},
        "filing_party": key_of(a.filing_party),
        "claimed_actor": key_of(a.claimed_actor),
        "place": key_of(a.place),
        "provision": None if a.provision is None else {"id": a.provision.pk, "number": a.provision.number},
        "incident": a.incident_id,
    }
