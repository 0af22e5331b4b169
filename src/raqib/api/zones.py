"""``/zones``: the areas and lines the mission works in, as GeoJSON features."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Router

from raqib.api.auth import actor
from raqib.api.lookups import Refs, get_visible, readable, require
from raqib.api.schemas.common import EARLIEST, LATEST, Short
from raqib.api.schemas.reference import (HandoverIn, HandoverOut, IndicatorsOut, ReadinessIn, ReadinessOut,
                                         RecommendedOut, ZoneCollection, ZoneFeature, ZoneTransitionIn, handover_out,
                                         readiness_out, zone_out)
from raqib.core import access
from raqib.core.errors import Invalid
from raqib.geo.models import Handover, Zone, ZoneReadiness
from raqib.geo.services import (readiness, record_handover, recommended_next_zone, set_readiness, transition_zone,
                                zone_indicators)

router = Router(tags=["zones"])

RULE = gettext_noop("Among monitoring areas still planned or under assessment, those of the lowest phase; of these the one "
        "with the most readiness items met, then the fewest verified violations, restrictions and hazards on its "
        "access routes in the last 14 days, then the first key.")


@router.get("", response=ZoneCollection, summary="List zones")
def list_zones(request: HttpRequest, status: Short | None = None, kind: Short | None = None) -> dict[str, Any]:
    qs = readable(Zone.objects.select_related("controlling_party"), actor(request))
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return {"type": "FeatureCollection", "features": [zone_out(z) for z in qs.order_by("phase", "key")]}


@router.get("/recommended", response=RecommendedOut, summary="The monitoring area to open next")
def recommended(request: HttpRequest, at: dt.datetime | None = None) -> dict[str, Any]:
    user = actor(request)
    require(user, "zone.indicators", None, _("Your role may not read the zones' indicators."))
    zone = recommended_next_zone(_moment(at))
    visible_zone = zone if zone is not None and access.can_see(user, zone) else None
    return {"zone": zone_out(visible_zone) if visible_zone is not None else None, "rule": _(RULE)}


@router.get("/{key}", response=ZoneFeature, summary="Read a zone")
def read(request: HttpRequest, key: str) -> dict[str, Any]:
    return zone_out(get_visible(Zone.objects.select_related("controlling_party"), actor(request), key=key))


@router.post("/{key}/transition", response=ZoneFeature, summary="Change a zone's status")
def transition(request: HttpRequest, key: str, payload: ZoneTransitionIn) -> dict[str, Any]:
    user = actor(request)
    zone = get_visible(Zone.objects.all(), user, key=key)
    require(user, "zone.transition", zone, _("Only the chief or an administrator may change a zone's status."))
    transition_zone(zone, payload.status, user, note=payload.note)
    return zone_out(get_visible(Zone.objects.select_related("controlling_party"), user, key=key))


@router.get("/{key}/readiness", response=ReadinessOut, summary="A zone's readiness checklist")
def read_readiness(request: HttpRequest, key: str) -> dict[str, Any]:
    user = actor(request)
    readable(ZoneReadiness.objects.all(), user)
    zone = get_visible(Zone.objects.all(), user, key=key)
    return readiness_out(zone, readiness(zone))


@router.post("/{key}/readiness", response=ReadinessOut, summary="Assess one item of a zone's readiness")
def assess(request: HttpRequest, key: str, payload: ReadinessIn) -> dict[str, Any]:
    user = actor(request)
    zone = get_visible(Zone.objects.all(), user, key=key)
    require(user, "zone.readiness", zone, _("Only the chief or an administrator may assess a zone's readiness."))
    party = Refs(user).maybe("party", payload.party)
    set_readiness(zone, payload.item, payload.met, user, party=party, note=payload.note,
                  assessed_on=payload.assessed_on)
    zone.refresh_from_db()
    return readiness_out(zone, readiness(zone))


@router.get("/{key}/indicators", response=IndicatorsOut, summary="What the records say about a zone")
def indicators(request: HttpRequest, key: str, at: dt.datetime | None = None) -> dict[str, Any]:
    user = actor(request)
    zone = get_visible(Zone.objects.all(), user, key=key)
    require(user, "zone.indicators", zone, _("Your role may not read a zone's indicators."))
    return {"zone": zone.key, **zone_indicators(zone, _moment(at))}


@router.get("/{key}/handover", response=HandoverOut, summary="Read a zone's handover")
def read_handover(request: HttpRequest, key: str) -> dict[str, Any]:
    user = actor(request)
    readable(Handover.objects.all(), user)
    zone = get_visible(Zone.objects.all(), user, key=key)
    return handover_out(get_visible(Handover.objects.select_related("zone"), user, zone=zone))


@router.post("/{key}/handover", response={201: HandoverOut}, summary="Record a zone's handover to the national force")
def handover(request: HttpRequest, key: str, payload: HandoverIn) -> dict[str, Any]:
    user = actor(request)
    zone = get_visible(Zone.objects.all(), user, key=key)
    require(user, "zone.handover", zone, _("Only the chief or an administrator may record a handover."))
    record = record_handover(zone, payload.handed_over_on, payload.receiving_authority_en, user,
                             receiving_authority_ar=payload.receiving_authority_ar, note=payload.note)
    record.zone.refresh_from_db()
    return handover_out(record)


def _moment(at: dt.datetime | None) -> dt.datetime:
    """``at`` (UTC when it names no offset), or now."""
    if at is None:
        return timezone.now()
    if not EARLIEST <= at.year <= LATEST:
        raise Invalid(_("The time must be between the years %(a)d and %(b)d.") % {"a": EARLIEST, "b": LATEST})
    return at.replace(tzinfo=dt.UTC) if timezone.is_naive(at) else at
