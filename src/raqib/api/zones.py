"""``/zones``: the areas and lines the mission works in, as GeoJSON features."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from raqib.api.auth import actor
from raqib.api.lookups import get_visible, readable, require
from raqib.api.schemas.common import Short
from raqib.api.schemas.reference import ZoneCollection, ZoneFeature, ZoneTransitionIn, zone_out
from raqib.geo.models import Zone
from raqib.geo.services import transition_zone

router = Router(tags=["zones"])


@router.get("", response=ZoneCollection, summary="List zones")
def list_zones(request: HttpRequest, status: Short | None = None, kind: Short | None = None) -> dict[str, Any]:
    qs = readable(Zone.objects.select_related("controlling_party"), actor(request))
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return {"type": "FeatureCollection", "features": [zone_out(z) for z in qs.order_by("phase", "key")]}


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
