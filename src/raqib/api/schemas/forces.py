"""The foreign-forces ledger and provision compliance."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from raqib.agreements.compliance import ProvisionCompliance
from raqib.agreements.models import ComplianceAssessment
from raqib.api.schemas.common import Id, Input, Key, Long, Output, Short, key_of
from raqib.forces.models import MAX_PERSONNEL, Contingent, ForceMovement, StrengthEstimate

Personnel = Annotated[int, Field(ge=0, le=MAX_PERSONNEL)]
Day = Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(2200, 12, 31))]


class Estimate(Output):
    minimum: int
    maximum: int


class ContingentOut(Output):
    key: str
    name_en: str
    name_ar: str
    kind: str
    sponsor: str
    actor: str | None
    supported_party: str | None
    bases: list[str]
    notes: str
    current: Estimate | None = Field(description="The best estimate on the day asked (default today).")


class ContingentList(Output):
    items: list[ContingentOut]


class ContingentIn(Input):
    key: Key
    name_en: Short
    name_ar: Short
    kind: Literal["regular_force", "private_military_company", "mercenaries", "training_crew"]
    sponsor: Key
    actor: Key | None = None
    supported_party: Key | None = None
    bases: list[Key] = Field(default_factory=list, max_length=100)
    notes: Long = ""


class EstimateIn(Input):
    as_of: Day
    minimum: Personnel
    maximum: Personnel
    basis: Literal["estimate", "count"] = "estimate"
    source: Long = Field(min_length=1)
    incident: Id | None = None

    @model_validator(mode="after")
    def ordered(self) -> EstimateIn:
        if self.minimum > self.maximum:
            raise ValueError("the minimum is above the maximum")
        return self


class EstimateOut(Output):
    id: int
    contingent: str
    as_of: dt.date
    minimum: int
    maximum: int
    basis: str
    source: str
    incident: int | None


class EstimateList(Output):
    items: list[EstimateOut]


class MovementIn(Input):
    kind: Literal["arrival", "departure", "relocation", "assembly"]
    occurred_on: Day
    personnel_min: Personnel
    personnel_max: Personnel
    from_place: Key | None = None
    to_place: Key | None = None
    batch: Annotated[int, Field(ge=1, le=10_000)] | None = None
    source: Long = ""
    incident: Id | None = None
    notes: Long = ""

    @model_validator(mode="after")
    def ordered(self) -> MovementIn:
        if self.personnel_min > self.personnel_max:
            raise ValueError("personnel_min is above personnel_max")
        return self


class MovementOut(Output):
    id: int
    contingent: str
    kind: str
    occurred_on: dt.date
    personnel_min: int
    personnel_max: int
    from_place: str | None
    to_place: str | None
    batch: int | None
    state: str
    next_states: list[str]
    source: str
    incident: int | None
    notes: str


class MovementList(Output):
    items: list[MovementOut]


class MovementTransitionIn(Input):
    state: Key
    note: Short = ""


class ContingentDetail(ContingentOut):
    estimates: list[EstimateOut]
    movements: list[MovementOut]


class BaselineOut(Output):
    minimum: int
    maximum: int
    bases: int
    as_of: dt.date
    deadline: dt.date | None
    source: str


class TotalsOut(Output):
    on: dt.date
    minimum: int
    maximum: int
    bases_in_use: int
    contingents: dict[str, Estimate | None]
    baseline: BaselineOut | None
    days_to_deadline: int | None = Field(description="Negative once the deadline has passed.")


class SeriesPoint(Output):
    date: dt.date
    minimum: int
    maximum: int


class SeriesOut(Output):
    points: list[SeriesPoint]
    baseline: BaselineOut | None


def contingent_out(c: Contingent, current: tuple[int, int] | None) -> dict[str, Any]:
    return {"key": c.key, "name_en": c.name_en, "name_ar": c.name_ar, "kind": c.kind,
            "sponsor": c.sponsor.key, "actor": key_of(c.actor), "supported_party": key_of(c.supported_party),
            "bases": sorted(p.key for p in c.bases.all()), "notes": c.notes,
            "current": None if current is None else {"minimum": current[0], "maximum": current[1]}}


def estimate_out(e: StrengthEstimate) -> dict[str, Any]:
    return {"id": e.pk, "contingent": e.contingent.key, "as_of": e.as_of, "minimum": e.minimum,
            "maximum": e.maximum, "basis": e.basis, "source": e.source, "incident": e.incident_id}


def movement_out(m: ForceMovement) -> dict[str, Any]:
    return {"id": m.pk, "contingent": m.contingent.key, "kind": m.kind, "occurred_on": m.occurred_on,
            "personnel_min": m.personnel_min, "personnel_max": m.personnel_max,
            "from_place": key_of(m.from_place), "to_place": key_of(m.to_place), "batch": m.batch,
            "state": m.state, "next_states": list(ForceMovement.TRANSITIONS.get(m.state, ())),
            "source": m.source, "incident": m.incident_id, "notes": m.notes}


# --- compliance ------------------------------------------------------------------------------

class AssessmentOut(Output):
    id: int
    status: str
    assessed_on: dt.date
    justification: str
    rule: str
    rule_status: str
    set_by: str | None
    superseded_by: int | None


class ComplianceOut(Output):
    provision: int
    number: str
    on: dt.date
    status: str
    reason: str
    rule: str | None
    source: str = Field(description="“rule”, “chief” or “none” (not assessed yet).")
    figures: dict[str, Any]
    history: list[AssessmentOut]


class ComplianceIn(Input):
    status: Literal["not_started", "in_progress", "met", "breached", "lapsed"]
    justification: Long = Field(min_length=1, max_length=5000)
    assessed_on: Day | None = None
    override: bool = False


def assessment_out(a: ComplianceAssessment, show_actor: bool) -> dict[str, Any]:
    return {"id": a.pk, "status": a.status, "assessed_on": a.assessed_on, "justification": a.justification,
            "rule": a.rule, "rule_status": a.rule_status,
            "set_by": a.set_by.username if show_actor and a.set_by is not None else None,
            "superseded_by": a.superseded_by_id}


def compliance_out(c: ProvisionCompliance, on: dt.date, history: list[ComplianceAssessment], *,
                   show_figures: bool, show_actor: bool) -> dict[str, Any]:
    figures = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in c.figures.items()}
    return {"provision": c.provision.pk, "number": c.provision.number, "on": on, "status": c.status,
            "reason": c.reason, "rule": c.rule, "source": c.source, "figures": figures if show_figures else {},
            "history": [assessment_out(a, show_actor) for a in history]}
