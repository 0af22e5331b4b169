"""``/patrols``: planned patrols, their check-ins, return and report (mission staff only).
The team's leader (or the chief) plans; the team checks in, returns and reports."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from raqib.api.auth import actor
from raqib.api.lookups import Refs, get_visible, readable
from raqib.api.pagination import page
from raqib.api.schemas.patrols import (CheckInIn, MoveIn, PatrolFilters, PatrolIn, PatrolOut, PatrolPage, ReportIn,
                                       patrol_out)
from raqib.core import access
from raqib.core.errors import Forbidden, Invalid
from raqib.geo.models import Zone
from raqib.mission import services
from raqib.mission.models import Patrol

router = Router(tags=["patrols"])
ORDER = ("-planned_start", "-id")


def _patrols() -> QuerySet[Patrol]:
    return (Patrol.objects.select_related("team", "report", "report__filed_by")
            .prefetch_related("check_ins__by", "alerts", "report__incidents"))


def _one(request: HttpRequest, patrol_id: int) -> Patrol:
    return get_visible(_patrols(), actor(request), pk=patrol_id)


def _fresh(request: HttpRequest, patrol_id: int) -> dict[str, Any]:
    return patrol_out(_one(request, patrol_id), timezone.now())


@router.get("", response=PatrolPage, summary="List patrols")
def list_patrols(request: HttpRequest, filters: Query[PatrolFilters]) -> dict[str, Any]:
    qs = readable(_patrols(), actor(request))
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.team is not None:
        qs = qs.filter(team_id=filters.team)
    now = timezone.now()
    if filters.overdue is not None:
        late = [p.pk for p in services.overdue_patrols(now)]
        qs = qs.filter(pk__in=late) if filters.overdue else qs.exclude(pk__in=late)
    rows, after = page(qs, ORDER, filters.cursor, filters.limit)
    return {"items": [patrol_out(p, now) for p in rows], "next": after}


@router.post("", response={201: PatrolOut}, summary="Plan a patrol")
def plan(request: HttpRequest, payload: PatrolIn) -> dict[str, Any]:
    user = actor(request)
    readable(Patrol.objects.all(), user)
    refs = Refs(user)
    values = payload.model_dump(exclude={"team", "zone"})
    values["route"] = [{k: v for k, v in w.items() if k != "name" or v} for w in values["route"]]
    zone = None
    if payload.zone is not None:
        zone = access.visible(Zone.objects.all(), user).filter(pk=payload.zone).first()
        if zone is None:
            raise Invalid(_("Unknown %(what)s “%(value)s”.") % {"what": _("zone"), "value": payload.zone})
    patrol = services.plan_patrol({**values, "team": refs.team(payload.team), "zone": zone}, user)
    return _fresh(request, patrol.pk)


@router.get("/{int:patrol_id}", response=PatrolOut, summary="Read a patrol")
def read(request: HttpRequest, patrol_id: int) -> dict[str, Any]:
    return _fresh(request, patrol_id)


@router.post("/{int:patrol_id}/start", response=PatrolOut, summary="The patrol sets out")
def start(request: HttpRequest, patrol_id: int, payload: MoveIn) -> dict[str, Any]:
    services.start_patrol(_one(request, patrol_id), actor(request), at=payload.at, note=payload.note)
    return _fresh(request, patrol_id)


@router.post("/{int:patrol_id}/return", response=PatrolOut, summary="The patrol is back")
def back(request: HttpRequest, patrol_id: int, payload: MoveIn) -> dict[str, Any]:
    services.return_patrol(_one(request, patrol_id), actor(request), at=payload.at, note=payload.note)
    return _fresh(request, patrol_id)


@router.post("/{int:patrol_id}/cancel", response=PatrolOut, summary="Cancel a planned patrol")
def cancel(request: HttpRequest, patrol_id: int, payload: MoveIn) -> dict[str, Any]:
    services.cancel_patrol(_one(request, patrol_id), actor(request), note=payload.note)
    return _fresh(request, patrol_id)


@router.post("/{int:patrol_id}/check-ins", response={201: PatrolOut}, summary="Check a patrol in")
def add_check_in(request: HttpRequest, patrol_id: int, payload: CheckInIn) -> dict[str, Any]:
    services.check_in(_one(request, patrol_id), payload.model_dump(), actor(request))
    return _fresh(request, patrol_id)


@router.post("/{int:patrol_id}/report", response={201: PatrolOut}, summary="File the patrol's report")
def report(request: HttpRequest, patrol_id: int, payload: ReportIn) -> dict[str, Any]:
    user = actor(request)
    patrol = _one(request, patrol_id)
    if not services.may_act(user, "patrol.report", patrol):
        raise Forbidden(_("Only the team or the chief may report on a patrol."))
    refs = Refs(user)
    incidents = [refs.incident(pk) for pk in dict.fromkeys(payload.incidents)]
    services.file_report(patrol, {"nothing_observed": payload.nothing_observed, "summary": payload.summary},
                         incidents, user)
    return _fresh(request, patrol_id)
