"""The audit chain of one record, as rows a person reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models

from raqib.core import audit

HIDDEN_FIELDS = {"updated_at", "created_at"}


@dataclass
class Step:
    seq: int
    at: dt.datetime
    actor: str
    action: str
    fields: list[str]
    before: dict[str, Any]
    after: dict[str, Any]
    note: str


def steps(obj: models.Model) -> list[Step]:
    out = []
    for entry in audit.history(obj):
        before, after = entry.before or {}, entry.after or {}
        changed = sorted(k for k in set(before) | set(after)
                         if before.get(k) != after.get(k) and k not in HIDDEN_FIELDS)
        out.append(Step(entry.seq, entry.at, entry.actor_name, entry.get_action_display(), changed,
                        before, after, entry.note))
    return out


def moves(obj: models.Model, field_name: str) -> list[Step]:
    """The entries that set or changed ``field_name`` (a state or status), oldest first."""
    return [s for s in steps(obj) if field_name in s.fields]
