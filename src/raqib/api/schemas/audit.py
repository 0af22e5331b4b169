"""Entries of the tamper-evident audit chain."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from raqib.api.schemas.common import Output, PageQuery, Short


class AuditFilters(PageQuery):
    model: Short | None = Field(None, description="A model label, e.g. `incidents.incident`.")
    object_id: Short | None = None


class AuditEntryOut(Output):
    seq: int
    at: dt.datetime
    actor: str
    action: str
    model: str
    object_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str
    prev_hash: str
    hash: str


class AuditPage(Output):
    items: list[AuditEntryOut]
    next: str | None


def entry_out(e: Any) -> dict[str, Any]:
    return {"seq": e.seq, "at": e.at, "actor": e.actor_name, "action": e.action, "model": e.model,
            "object_id": e.object_id, "before": e.before, "after": e.after, "note": e.note,
            "prev_hash": e.prev_hash, "hash": e.hash}
