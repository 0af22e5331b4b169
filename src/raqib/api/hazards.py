"""``/hazards``: explosive hazards (staff and liaison officers), land release, and EO accidents
with their victims (staff only)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from raqib.api.auth import actor
from raqib.api.lookups import Refs, get_visible, readable, require
from raqib.api.pagination import page
from raqib.api.schemas.hazards import (AccidentFilters, AccidentIn, AccidentOut, AccidentPage, HazardCollection,
                                       HazardFeature, HazardFilters, HazardIn, HazardPatch, HazardSummary, HazardTransitionIn,
                                       LandReleaseIn, LandReleaseList, LandReleaseOut, VictimIn, VictimOut,
                                       accident_out, hazard_out, release_out, victim_out)
from raqib.core import access
from raqib.core.errors import Invalid
from raqib.geo.models import Zone
from raqib.hazards import services
from raqib.hazards.models import EOAccident, HazardArea, LandRelease

router = Router(tags=["hazards"])
ORDER = ("id",)  # the order they were recorded in
ACCIDENT_ORDER = ("-occurred_at", "-id")


def _hazards(user: Any) -> Any:
    return readable(HazardArea.objects.select_related("zone"), user)


def _zone(user: Any, key: str) -> Zone:
    zone = access.visible(Zone.objects.all(), user).filter(key=key).first()
    if zone is None:
        raise Invalid(_("Unknown zone “%(value)s”.") % {"value": key})
    return zone


@router.get("", response=HazardCollection, summary="List hazardous areas")
def list_hazards(request: HttpRequest, filters: Query[HazardFilters]) -> dict[str, Any]:
    user = actor(request)
    qs = _hazards(user)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.zone:
        qs = qs.filter(zone=_zone(user, filters.zone))
    rows, after = page(qs.annotate(released=Sum("releases__area_m2")), ORDER, filters.cursor, filters.limit)
    return {"type": "FeatureCollection", "features": [hazard_out(h, released=int(h.released or 0)) for h in rows],
            "next": after}


@router.get("/summary", response=HazardSummary, summary="Counts of hazards and land released")
def summary(request: HttpRequest) -> dict[str, Any]:
    user = actor(request)
    hazards = _hazards(user)
    releases = access.visible(LandRelease.objects.all(), user)
    items = releases.aggregate(found=Sum("items_found"), destroyed=Sum("items_destroyed"))
    by_status = {s: hazards.filter(status=s).count() for s in HazardArea.Status.values}
    return {"by_state": services.counts_by_state(hazards), "by_status": by_status,
            "released_m2_by_method": services.released_by_method(releases),
            "items_found": int(items["found"] or 0), "items_destroyed": int(items["destroyed"] or 0)}


@router.post("", response={201: HazardFeature}, summary="Record a hazardous area")
def create(request: HttpRequest, payload: HazardIn) -> dict[str, Any]:
    user = actor(request)
    require(user, "hazard.edit", message=_("Your role may not record hazardous areas."))
    values = payload.model_dump(exclude={"zone", "incident"})
    values["zone"] = _zone(user, payload.zone) if payload.zone else None
    values["incident"] = Refs(user).maybe("incident", payload.incident)
    hazard = services.create_hazard(values, user)
    return hazard_out(hazard, detail=True)


# --- accidents and victims (staff only); declared before /{code} so the path is not a code ---


@router.get("/accidents", response=AccidentPage, summary="List explosive-ordnance accidents")
def list_accidents(request: HttpRequest, filters: Query[AccidentFilters]) -> dict[str, Any]:
    user = actor(request)
    qs = readable(EOAccident.objects.select_related("place", "hazard").prefetch_related("victims"), user)
    if filters.hazard:
        qs = qs.filter(hazard__code=filters.hazard)
    rows, after = page(qs, ACCIDENT_ORDER, filters.cursor, filters.limit)
    return {"items": [accident_out(a) for a in rows], "next": after}


@router.post("/accidents", response={201: AccidentOut}, summary="Record an explosive-ordnance accident")
def create_accident(request: HttpRequest, payload: AccidentIn) -> dict[str, Any]:
    user = actor(request)
    require(user, "eo_accident.edit", message=_("Your role may not record explosive-ordnance accidents."))
    values = payload.model_dump(exclude={"place", "hazard", "victims"})
    values["place"] = Refs(user).maybe("place", payload.place)
    if payload.hazard:
        hazard = access.visible(HazardArea.objects.all(), user).filter(code=payload.hazard).first()
        if hazard is None:
            raise Invalid(_("Unknown hazardous area “%(value)s”.") % {"value": payload.hazard})
        values["hazard"] = hazard
    with transaction.atomic():
        accident = services.record_accident(values, user)
        for victim in payload.victims:
            services.record_victim(accident, victim.model_dump(), user)
    return accident_out(accident)


@router.get("/accidents/{int:accident_id}", response=AccidentOut, summary="Read an explosive-ordnance accident")
def read_accident(request: HttpRequest, accident_id: int) -> dict[str, Any]:
    qs = EOAccident.objects.select_related("place", "hazard").prefetch_related("victims")
    return accident_out(get_visible(qs, actor(request), pk=accident_id))


@router.post("/accidents/{int:accident_id}/victims", response={201: VictimOut},
             summary="Add a victim to an explosive-ordnance accident")
def add_victim(request: HttpRequest, accident_id: int, payload: VictimIn) -> dict[str, Any]:
    user = actor(request)
    accident = get_visible(EOAccident.objects.all(), user, pk=accident_id)
    require(user, "eo_accident.edit", accident, _("Your role may not record explosive-ordnance victims."))
    return victim_out(services.record_victim(accident, payload.model_dump(), user))


# --- one hazardous area -------------------------------------------------------------------------


@router.get("/{code}", response=HazardFeature, summary="Read a hazardous area with its land release")
def read(request: HttpRequest, code: str) -> dict[str, Any]:
    return hazard_out(get_visible(HazardArea.objects.select_related("zone"), actor(request), code=code), detail=True)


@router.patch("/{code}", response=HazardFeature, summary="Correct a hazardous area")
def patch(request: HttpRequest, code: str, payload: HazardPatch) -> dict[str, Any]:
    user = actor(request)
    hazard = get_visible(HazardArea.objects.select_related("zone"), user, code=code)
    require(user, "hazard.edit", hazard, _("Your role may not edit hazardous areas."))
    changes = payload.model_dump(exclude_unset=True, exclude={"note"})
    services.update_hazard(hazard, changes, user, note=payload.note)
    return hazard_out(hazard, detail=True)


@router.post("/{code}/transition", response=HazardFeature, summary="Change a hazardous area's state")
def transition(request: HttpRequest, code: str, payload: HazardTransitionIn) -> dict[str, Any]:
    user = actor(request)
    hazard = get_visible(HazardArea.objects.select_related("zone"), user, code=code)
    require(user, "hazard.transition", hazard,
            _("Only a verifier, the chief or an administrator may change a hazard's state."))
    services.transition_hazard(hazard, payload.state, user, note=payload.note)
    return hazard_out(hazard, detail=True)


@router.get("/{code}/land-releases", response=LandReleaseList, summary="List a hazardous area's land release")
def list_releases(request: HttpRequest, code: str) -> dict[str, Any]:
    user = actor(request)
    hazard = get_visible(HazardArea.objects.all(), user, code=code)
    qs = access.visible(hazard.releases.select_related("hazard"), user).order_by("finished_on", "pk")
    return {"items": [release_out(r) for r in qs]}


@router.post("/{code}/land-releases", response={201: LandReleaseOut}, summary="Record land release")
def create_release(request: HttpRequest, code: str, payload: LandReleaseIn) -> dict[str, Any]:
    user = actor(request)
    hazard = get_visible(HazardArea.objects.all(), user, code=code)
    require(user, "hazard.edit", hazard, _("Your role may not record land release."))
    return release_out(services.record_release(hazard, payload.model_dump(), user))
