from __future__ import annotations

import threading
import time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from raqib.core import access, audit, services
from raqib.core.errors import Forbidden, IllegalTransition, Invalid
from raqib.core.text import normalize
from raqib.geo.models import Place, PlaceName, Zone, validate_geometry


def upsert_place(key: str, values: dict[str, Any], variants: list[str], actor: Any) -> tuple[Place, bool]:
    if not access.can(actor, "reference.edit"):
        raise Forbidden(_("Only an administrator may edit the gazetteer."))
    with transaction.atomic():
        place, changed = services.upsert(Place, {"key": key}, values, actor)
        names = {n for n in [values.get("name_en", ""), values.get("name_ar", ""), *variants] if n and n.strip()}
        existing = {pn.name: pn for pn in place.names.all()}
        new = [PlaceName(place=place, name=name, normalized=normalize(name)[:200])
               for name in sorted(names - set(existing))]
        if new:
            PlaceName.objects.bulk_create(new)
            audit.created(new, actor)
            changed = True
        for name in sorted(set(existing) - names):
            services.delete(existing[name], actor)
            changed = True
    return place, changed


def search_places(query: str, qs: QuerySet[Place] | None = None) -> QuerySet[Place]:
    """Places whose Arabic or English name, or a variant, starts with or contains ``query``."""
    key = normalize(query)
    base = qs if qs is not None else Place.objects.all()
    if not key:
        return base.none()
    ids = PlaceName.objects.filter(Q(normalized__startswith=key) | Q(normalized__contains=" " + key)).values("place_id")
    return base.filter(pk__in=ids)


def _bounds(geometry: dict[str, Any]) -> dict[str, float]:
    try:
        geom = validate_geometry(geometry)
    except ValidationError as exc:
        raise Invalid(services.message_of(exc)) from None
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    return {"min_lon": min_lon, "min_lat": min_lat, "max_lon": max_lon, "max_lat": max_lat}


def upsert_zone(key: str, values: dict[str, Any], actor: Any) -> tuple[Zone, bool]:
    if not access.can(actor, "zone.edit"):
        raise Forbidden(_("Only the chief or an administrator may edit zones."))
    values = {**values, **_bounds(values["geometry"])}
    existing = Zone.objects.filter(key=key).first()
    if existing is not None:
        # A profile reload must not undo the zone's life: status moves only by transition.
        values.pop("status", None)
    zone, changed = services.upsert(Zone, {"key": key}, values, actor)
    _zone_cache.clear()
    return zone, changed


def transition_zone(zone: Zone, status: str, actor: Any, note: str = "") -> Zone:
    if not access.can(actor, "zone.transition", zone):
        raise Forbidden(_("Only the chief or an administrator may change a zone's status."))
    with transaction.atomic():
        current = Zone.objects.select_for_update().get(pk=zone.pk)
        if status not in Zone.Status.values:
            raise Invalid(_("Unknown zone status “%(status)s”.") % {"status": status})
        if not current.can_move_to(status):
            raise IllegalTransition(
                _("A zone cannot move from “%(from)s” to “%(to)s”.") % {"from": current.status, "to": status}
            )
        services.update(zone, actor, {"status": status}, note=note)
    _zone_cache.clear()
    return zone


class _ZoneCache:
    """Prepared polygons of the zones, so placing an incident does not parse GeoJSON each time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._zones: list[tuple[int, int, Any]] | None = None
        self._loaded_at = 0.0

    # Another process may have changed a zone; reload at least this often (seconds).
    TTL = 30.0

    def clear(self) -> None:
        with self._lock:
            self._zones = None

    def zones(self) -> list[tuple[int, int, Any]]:
        with self._lock:
            if self._zones is None or time.monotonic() - self._loaded_at > self.TTL:
                self._loaded_at = time.monotonic()
                from shapely import prepare
                from shapely.geometry import shape

                loaded = []
                kinds: dict[str, int] = {"monitoring_area": 0, "assembly_point": 1, "base": 1}
                for zone in Zone.objects.filter(kind__in=list(kinds)).order_by("phase", "pk"):
                    geom = shape(zone.geometry)
                    if geom.geom_type in ("Polygon", "MultiPolygon"):
                        prepare(geom)
                        loaded.append((kinds[zone.kind], zone.pk, geom))
                # The smallest, most specific areas first (an assembly point inside a monitoring area).
                loaded.sort(key=lambda item: (-item[0], item[2].area))
                self._zones = loaded
            return self._zones


_zone_cache = _ZoneCache()


def zone_for_point(lat: float, lon: float) -> int | None:
    """The id of the zone an incident at (lat, lon) falls in, or None outside every area."""
    from shapely.geometry import Point

    point = Point(lon, lat)
    for _kind, pk, geom in _zone_cache.zones():
        if geom.contains(point):
            return pk
    return None


def clear_zone_cache() -> None:
    _zone_cache.clear()
