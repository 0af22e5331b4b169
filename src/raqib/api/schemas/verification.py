"""The verification of an incident: moves, findings and who works on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from raqib.api.auth import is_staff
from raqib.api.schemas.common import Input, Key, Long, Output, Short, absent, key_of
from raqib.verification.models import Verification


class TransitionIn(Input):
    """Fields left out keep their value; ``attributed_party`` may be sent as null to clear it."""

    state: Key
    outcome: Short = absent()
    outcome_reason: Short = absent()
    attribution: Short = absent()
    attributed_party: Key | None = Field(None, description="A party's key.")
    confidence: Short = absent()
    findings: Long = absent()
    note: Short = ""


class AssignIn(Input):
    username: Key | None = Field(description="A verifier, the chief or an administrator; null to unassign.")


class VerificationOut(Output):
    incident: int
    state: str
    next_states: list[str]
    outcome: str
    outcome_reason: str
    attribution: str
    attributed_party: str | None
    confidence: str
    reopen_count: int
    updated_at: dt.datetime
    findings: str | None = Field(None, description="Mission staff only.")
    assigned_to: str | None = Field(None, description="Mission staff only.")


def verification_out(v: Verification, user: Any) -> dict[str, Any]:
    """Internal fields are left out (not nulled) for anyone outside the mission's staff."""
    out: dict[str, Any] = {
        "incident": v.incident_id,
        "state": v.state,
        "next_states": list(Verification.TRANSITIONS.get(v.state, ())),
        "outcome": v.outcome,
        "outcome_reason": v.outcome_reason,
        "attribution": v.attribution,
        "attributed_party": key_of(v.attributed_party),
        "confidence": v.confidence,
        "reopen_count": v.reopen_count,
        "updated_at": v.updated_at,
    }
    if is_staff(user):
        out["findings"] = v.findings
        out["assigned_to"] = v.assigned_to.get_username() if v.assigned_to else None
    return out
