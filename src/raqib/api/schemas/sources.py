"""Sources of an incident. ``identity`` and ``contact`` name a person: they are shown only to
those who may read protected data, and left out of the answer for everyone else."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from raqib.api.schemas.common import Id, Input, Key, Long, Moment, Output, Short, Url
from raqib.core import access
from raqib.incidents.models import Source


class SourceIn(Input):
    kind: Key
    reliability: Key = "F"
    title: Short = ""
    url: Url = ""
    published_at: Moment | None = None
    description: Long = ""
    identity: Short = Field("", description="Protected: a witness's or informant's name.")
    contact: Short = Field("", description="Protected.")
    observation: Id | None = None
    allegation: Id | None = None


class SourceOut(Output):
    id: int
    incident: int
    kind: str
    reliability: str
    title: str
    url: str
    published_at: dt.datetime | None
    description: str
    observation: int | None
    allegation: int | None
    created_at: dt.datetime
    identity: str | None = Field(None, description="Only for those who may read protected data.")
    contact: str | None = Field(None, description="Only for those who may read protected data.")


def source_out(source: Source, user: Any) -> dict[str, Any]:
    out = {
        "id": source.pk,
        "incident": source.incident_id,
        "kind": source.kind,
        "reliability": source.reliability,
        "title": source.title,
        "url": source.url,
        "published_at": source.published_at,
        "description": source.description,
        "observation": source.observation_id,
        "allegation": source.allegation_id,
        "created_at": source.created_at,
    }
    if access.can_read_protected(user):
        out.update({name: getattr(source, name) for name in Source.PROTECTED_FIELDS})
    return out
