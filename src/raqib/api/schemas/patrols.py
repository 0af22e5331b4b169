"""Patrols, their check-ins, reports and overdue alerts (mission staff only)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.utils.translation import gettext as _
from pydantic import Field, model_validator

from raqib.api.schemas.common import Id, Input, Lat, Long, Lon, Moment, Output, PageQuery, Short
from raqib.mission.models import MAX_WAYPOINTS
from raqib.mission.services import overdue_reasons


class Waypoint(Input):
    lat: Lat
    lon: Lon
    name: Short = Field("", max_length=100)


class PatrolIn(Input):
    team: Id
    zone: Id | None = Field(None, description="Defaults to the team's zone.")
    purpose: Short = Field(..., min_length=1, max_length=500)
    route: list[Waypoint] = Field(default_factory=list, max_length=MAX_WAYPOINTS)
    planned_start: Moment
    expected_return: Moment
    check_in_interval_minutes: int = Field(60, ge=5, le=24 * 60)

    @model_validator(mode="after")
    def _order(self) -> PatrolIn:
        if self.expected_return <= self.planned_start:
            raise ValueError(_("The expected return must come after the planned start."))
        return self


class MoveIn(Input):
    at: Moment | None = Field(None, description="When it happened; defaults to now.")
    note: Short = ""


class CheckInIn(Input):
    at: Moment | None = Field(None, description="Defaults to now.")
    lat: Lat | None = None
    lon: Lon | None = None
    status: Literal["ok", "delayed", "assistance_needed"] = "ok"
    note: Short = Field("", max_length=1000)

    @model_validator(mode="after")
    def _both(self) -> CheckInIn:
        if (self.lat is None) != (self.lon is None):
            raise ValueError(_("Give both a latitude and a longitude, or neither."))
        return self


class ReportIn(Input):
    nothing_observed: bool = False
    summary: Long = ""
    incidents: list[Id] = Field(default_factory=list, max_length=200)


class PatrolFilters(PageQuery):
    state: Literal["planned", "under_way", "returned", "cancelled"] | None = None
    team: Id | None = None
    overdue: bool | None = Field(None, description="Only the patrols overdue now.")


class CheckInOut(Output):
    id: int
    at: dt.datetime
    lat: float | None
    lon: float | None
    status: str
    note: str
    by: str | None


class ReportOut(Output):
    nothing_observed: bool
    summary: str
    incidents: list[int]
    filed_by: str | None
    filed_at: dt.datetime


class AlertOut(Output):
    id: int
    reason: str
    due_at: dt.datetime
    raised_at: dt.datetime
    acknowledged_at: dt.datetime | None
    notified_by_email: bool


class OverdueOut(Output):
    reason: str
    due_at: dt.datetime


class PatrolOut(Output):
    id: int
    team: int
    team_name: str
    zone: int | None
    purpose: str
    route: list[dict[str, Any]]
    planned_start: dt.datetime
    expected_return: dt.datetime
    check_in_interval_minutes: int
    state: str
    started_at: dt.datetime | None
    returned_at: dt.datetime | None
    overdue: list[OverdueOut]
    check_ins: list[CheckInOut]
    report: ReportOut | None
    alerts: list[AlertOut]


class PatrolPage(Output):
    items: list[PatrolOut]
    next: str | None


def _name(user: Any) -> str | None:
    return None if user is None else user.get_username()


def patrol_out(p: Any, now: dt.datetime) -> dict[str, Any]:
    report = getattr(p, "report", None)  # the reverse one-to-one raises when there is none
    return {
        "id": p.pk, "team": p.team_id, "team_name": p.team.name, "zone": p.zone_id, "purpose": p.purpose,
        "route": p.route, "planned_start": p.planned_start, "expected_return": p.expected_return,
        "check_in_interval_minutes": p.check_in_interval_minutes, "state": p.state, "started_at": p.started_at,
        "returned_at": p.returned_at,
        "overdue": [{"reason": r, "due_at": d} for r, d in overdue_reasons(p, now).items()],
        "check_ins": [{"id": c.pk, "at": c.at, "lat": c.lat, "lon": c.lon, "status": c.status, "note": c.note,
                       "by": _name(c.by)} for c in p.check_ins.all()],
        "report": None if report is None else {
            "nothing_observed": report.nothing_observed, "summary": report.summary,
            "incidents": sorted(i.pk for i in report.incidents.all()), "filed_by": _name(report.filed_by),
            "filed_at": report.filed_at},
        "alerts": [{"id": a.pk, "reason": a.reason, "due_at": a.due_at, "raised_at": a.raised_at,
                    "acknowledged_at": a.acknowledged_at, "notified_by_email": a.notified_by_email}
                   for a in p.alerts.all()],
    }
