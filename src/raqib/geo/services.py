from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from raqib.actors.models import Party
from raqib.core import access, audit, services
from raqib.core.errors import Conflict, Forbidden, IllegalTransition, Invalid
from raqib.core.text import normalize
from raqib.geo.models import Handover, Place, PlaceName, Zone, ZoneReadiness, validate_geometry


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
        _check_phasing(current, status)
        # A corridor opens only once no confirmed explosive hazard on it remains open.
        from raqib.hazards.services import check_corridor_can_open

        check_corridor_can_open(current, status)
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


# --- phased zones: readiness, handover, indicators, the next zone --------------------------

# The general items every zone is assessed on; consent is asked of each signatory party.
GENERAL_ITEMS = ("security", "logistics", "medical", "operational")
# Indicators look back this far; a record exactly this old still counts (the window is
# [now - 14 days, now], both ends included).
INDICATOR_WINDOW = dt.timedelta(days=14)
# A corridor counts as an access route of a zone when it crosses the zone or passes within this
# distance of it (degrees, about 5 km at Libya's latitudes): a road ending at the zone's edge.
ACCESS_ROUTE_TOLERANCE = 0.05
# Verification outcomes that make an incident a verified violation, once the findings are
# reviewed (a draft may still change).
VERIFIED_OUTCOMES = ("verified", "partly_verified")
CONCLUDED_STATES = ("reviewed", "closed")
# Zones whose checklist is no longer assessed.
SETTLED_STATUSES = ("handed_over", "closed")


@dataclass
class ReadinessRow:
    """One expected item of a zone's checklist and its current assessment (None: not assessed)."""

    item: str
    party: Party | None
    record: ZoneReadiness | None

    @property
    def met(self) -> bool:
        return self.record is not None and self.record.met

    @property
    def key(self) -> str:
        """``security`` …, or ``consent:<party key>``."""
        return f"{self.item}:{self.party.key}" if self.party is not None else self.item

    @property
    def name(self) -> str:
        """The item's name in the current language, without the party."""
        return str(ZoneReadiness.Item(self.item).label)

    def label(self) -> str:
        return f"{self.name} ({self.party.name_en})" if self.party is not None else self.name


def signatory_parties() -> QuerySet[Party]:
    return Party.objects.filter(kind=Party.Kind.SIGNATORY).order_by("key")


def readiness(zone: Zone) -> list[ReadinessRow]:
    """The zone's checklist: the general items, then the consent of each signatory party, each
    with its current assessment. Items never assessed are listed, unmet."""
    current = {(r.item, r.party_id): r for r in ZoneReadiness.objects.filter(zone=zone).select_related(
        "party", "assessed_by")}
    rows = [ReadinessRow(item, None, current.get((item, None))) for item in GENERAL_ITEMS]
    rows += [ReadinessRow("consent", p, current.get(("consent", p.pk))) for p in signatory_parties()]
    return rows


def unmet_readiness(zone: Zone) -> list[str]:
    """Labels of the checklist items not (yet) met, in checklist order."""
    return [row.label() for row in readiness(zone) if not row.met]


def set_readiness(zone: Zone, item: str, met: bool, actor: Any, *, party: Party | None = None, note: str = "",
                  assessed_on: dt.date | None = None) -> ZoneReadiness:
    """Record the current assessment of one checklist item (``party`` for consent only)."""
    if not access.can(actor, "zone.readiness", zone):
        raise Forbidden(_("Only the chief or an administrator may assess a zone's readiness."))
    if item not in ZoneReadiness.Item.values:
        raise Invalid(_("Unknown readiness item “%(item)s”.") % {"item": item})
    if item == ZoneReadiness.Item.CONSENT:
        if party is None:
            raise Invalid(_("Consent is recorded for one signatory party: name the party."))
        if party.kind != Party.Kind.SIGNATORY:
            raise Invalid(_("Only a signatory party's consent is on the checklist; “%(party)s” is not one.")
                          % {"party": party.key})
    elif party is not None:
        raise Invalid(_("Only consent is recorded per party."))
    if len(note) > 2000:
        raise Invalid(_("The note is too long (2,000 characters at most)."))
    today = _local_today()
    on = assessed_on or today
    if on > today:
        raise Invalid(_("An assessment cannot be dated in the future."))
    user = actor if getattr(actor, "pk", None) is not None else None
    with transaction.atomic():
        current = Zone.objects.select_for_update().get(pk=zone.pk)
        if current.status in SETTLED_STATUSES:
            raise Conflict(_("The zone is “%(status)s”: its checklist is no longer assessed.")
                           % {"status": current.get_status_display()})
        record, _changed = services.upsert(
            ZoneReadiness, {"zone": current, "item": item, "party": party},
            {"met": met, "note": note.strip(), "assessed_on": on, "assessed_by": user}, actor)
    return record


def record_handover(zone: Zone, handed_over_on: dt.date, receiving_authority_en: str, actor: Any, *,
                    receiving_authority_ar: str = "", note: str = "") -> Handover:
    """Record the handover of ``zone`` to the national force and move the zone to handed_over,
    both or neither."""
    if not access.can(actor, "zone.handover", zone):
        raise Forbidden(_("Only the chief or an administrator may record a handover."))
    authority_en, authority_ar = receiving_authority_en.strip(), receiving_authority_ar.strip()
    if not authority_en and not authority_ar:
        raise Invalid(_("Name the authority that received the zone."))
    if len(authority_en) > 200 or len(authority_ar) > 200 or len(note) > 2000:
        raise Invalid(_("The receiving authority (200 characters) or the note (2,000) is too long."))
    if handed_over_on > _local_today():
        raise Invalid(_("A handover is recorded once it has happened: the date is in the future."))
    with transaction.atomic():
        current = Zone.objects.select_for_update().get(pk=zone.pk)
        if Handover.objects.filter(zone=current).exists():
            raise Conflict(_("The handover of this zone is already recorded."))
        if not current.can_move_to(Zone.Status.HANDED_OVER):
            raise IllegalTransition(_("A zone cannot be handed over while it is “%(status)s”.")
                                    % {"status": current.get_status_display()})
        handover = services.create(Handover(
            zone=current, handed_over_on=handed_over_on, receiving_authority_en=authority_en or authority_ar,
            receiving_authority_ar=authority_ar, note=note.strip()), actor)
        transition_zone(zone, Zone.Status.HANDED_OVER, actor,
                        note=_("Handed over to %(authority)s on %(date)s.")
                        % {"authority": authority_en or authority_ar, "date": handed_over_on.isoformat()})
    return handover


def _check_phasing(zone: Zone, status: str) -> None:
    """The phasing rules ``transition_zone`` enforces on top of the transition table."""
    if zone.status == Zone.Status.ASSESSMENT and status == Zone.Status.ACTIVE:
        unmet = unmet_readiness(zone)
        if unmet:
            raise IllegalTransition(
                _("The zone cannot become active before its readiness checklist is met. Not met: %(items)s.")
                % {"items": ", ".join(unmet)})
    if status == Zone.Status.HANDED_OVER and not Handover.objects.filter(zone=zone).exists():
        raise IllegalTransition(_("Record the handover (its date and the receiving authority) before the zone "
                                  "is marked handed over."))


def _local_today() -> dt.date:
    from raqib.agreements.timezone import mission_timezone

    return timezone.now().astimezone(mission_timezone()).date()


def access_routes(zone: Zone) -> list[Zone]:
    """The corridors leading into ``zone``: corridor zones crossing it or passing within
    ``ACCESS_ROUTE_TOLERANCE`` of it (a corridor is its own access route)."""
    from shapely.geometry import shape

    geom = shape(zone.geometry)
    near = geom.buffer(ACCESS_ROUTE_TOLERANCE)
    t = ACCESS_ROUTE_TOLERANCE
    candidates = Zone.objects.filter(kind=Zone.Kind.CORRIDOR, min_lon__lte=zone.max_lon + t,
                                     max_lon__gte=zone.min_lon - t, min_lat__lte=zone.max_lat + t,
                                     max_lat__gte=zone.min_lat - t).order_by("key")
    return [c for c in candidates if c.pk == zone.pk or near.intersects(shape(c.geometry))]


def zone_indicators(zone: Zone, now: dt.datetime) -> dict[str, Any]:
    """What the records say about ``zone`` in the 14 days up to ``now`` (both ends included).

    ``verified_violations``: incidents of category ceasefire_violation placed in the zone, that
    started in the window, whose reviewed or closed verification found them verified or partly
    verified. ``restrictions``: restrictions of the monitors' movement in the zone that occurred in
    the window (0 while the movement module is not installed). ``hazards``: confirmed hazardous
    areas not closed on the zone's access routes (see :func:`access_routes`; 0 while the hazards
    module is not installed). Counts are over every record, whoever may read it: faces decide who
    may see the indicators.
    """
    from raqib.incidents.models import Incident

    since = now - INDICATOR_WINDOW
    violations = Incident.objects.filter(
        zone=zone, category="ceasefire_violation", occurred_start__gte=since, occurred_start__lte=now,
        verification__outcome__in=VERIFIED_OUTCOMES, verification__state__in=CONCLUDED_STATES).count()
    routes = access_routes(zone)
    return {
        "since": since,
        "until": now,
        "verified_violations": violations,
        "restrictions": _restrictions(zone, since, now),
        "hazards": _hazards(routes),
        "access_routes": [r.key for r in routes],
    }


def _restrictions(zone: Zone, since: dt.datetime, now: dt.datetime) -> int:
    if not django_apps.is_installed("raqib.movement"):
        return 0
    # Imported by name: the movement module may land after this one.
    restriction = import_module("raqib.movement.models").Restriction
    return int(restriction.objects.filter(zone=zone, occurred_at__gte=since, occurred_at__lte=now).count())


def _hazards(routes: list[Zone]) -> int:
    if not routes or not django_apps.is_installed("raqib.hazards"):
        return 0
    active_confirmed_hazards_on = import_module("raqib.hazards.services").active_confirmed_hazards_on
    pks: set[Any] = set()
    for route in routes:
        pks.update(active_confirmed_hazards_on(route).values_list("pk", flat=True))
    return len(pks)


def recommended_next_zone(now: dt.datetime) -> Zone | None:
    """The monitoring area to open next, or None when none waits.

    Among monitoring areas still planned or under assessment, only those of the lowest phase
    are candidates. Of these, the one with the most readiness items met wins; a tie goes to the
    fewest verified violations + restrictions + hazards on the access routes in the last 14 days
    (:func:`zone_indicators`), then to the zone's key in alphabetical order.
    """
    waiting = list(Zone.objects.filter(kind=Zone.Kind.MONITORING_AREA,
                                       status__in=(Zone.Status.PLANNED, Zone.Status.ASSESSMENT)))
    if not waiting:
        return None
    lowest = min(z.phase for z in waiting)
    candidates = [z for z in waiting if z.phase == lowest]

    def rank(z: Zone) -> tuple[int, int, str]:
        met = sum(row.met for row in readiness(z))
        ind = zone_indicators(z, now)
        return (-met, ind["verified_violations"] + ind["restrictions"] + ind["hazards"], z.key)

    return min(candidates, key=rank)
