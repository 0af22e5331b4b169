"""Writing hazardous areas, land release, accidents and victims; the corridor rule.

Rules kept here (docs/modules/hazards.md says them to users):

* A hazard's state moves only along ``HazardArea.TRANSITIONS``.
* Recording land release on an *active* hazard moves it to *worked on*; once the land released
  (the sum of its releases) covers the hazard's area, it is *closed*. A closed hazard takes no
  more land release until it is reopened.
* A technical survey or clearance that finds items on a suspected area (SHA) confirms it (CHA):
  finding explosive ordnance is direct evidence.
* Each method releases land one way: non-technical survey cancels, technical survey reduces,
  clearance clears. Land with items found cannot be cancelled.
* A corridor opens (zone status "active") only when no confirmed hazard on it is still open.
"""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from raqib.core import access, services
from raqib.core.errors import Conflict, Forbidden, IllegalTransition, Invalid
from raqib.geo.models import Zone, validate_geometry
from raqib.geo.services import zone_for_point
from raqib.hazards.models import EOAccident, EOVictim, HazardArea, LandRelease, OrdnanceType

# A corridor is a line: it is widened by this many degrees on each side before it is compared
# with hazard polygons (0.005° ≈ 550 m north-south and ≈ 475 m east-west at Sirte's latitude).
CORRIDOR_BUFFER_DEG = 0.005
MAX_VERTICES = 5_000
# Metres per degree of latitude, and of longitude at the equator (WGS84, rounded).
M_PER_DEG_LAT = 110_574.0
M_PER_DEG_LON = 111_320.0

HAZARD_FIELDS = ("code", "name", "status", "geometry", "area_m2", "zone", "ordnance_types",
                 "contamination_evidence", "reported_on", "incident")
EDITABLE_FIELDS = ("name", "status", "geometry", "area_m2", "zone", "ordnance_types", "contamination_evidence",
                   "reported_on", "incident")


# --- geometry -------------------------------------------------------------------------------


def _polygon(geometry: Any) -> Any:
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise Invalid(_("A hazardous area's geometry must be a GeoJSON Polygon or MultiPolygon."))
    try:
        geom = validate_geometry(geometry)
    except ValidationError as exc:
        raise Invalid(services.message_of(exc)) from None
    import shapely

    if shapely.get_num_coordinates(geom) > MAX_VERTICES:
        raise Invalid(_("The polygon has more than %(n)d points.") % {"n": MAX_VERTICES})
    return geom


def _stored(geometry: dict[str, Any]) -> dict[str, Any]:
    """The GeoJSON geometry as kept: its type and coordinates, nothing else a client sent."""
    return {"type": geometry["type"], "coordinates": geometry["coordinates"]}


def area_m2_of(geom: Any) -> int:
    """The area of a lon/lat polygon in square metres, projected around its centroid
    (equirectangular; within a fraction of a percent for areas of a few kilometres)."""
    import shapely

    lat0 = geom.centroid.y
    scale = [M_PER_DEG_LON * math.cos(math.radians(lat0)), M_PER_DEG_LAT]
    projected = shapely.transform(geom, lambda coords: coords * scale)
    return max(1, round(projected.area))


def _bounds(geom: Any) -> dict[str, float]:
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    return {"min_lon": min_lon, "min_lat": min_lat, "max_lon": max_lon, "max_lat": max_lat}


def _check_ordnance(types: Any) -> list[str]:
    if not isinstance(types, (list, tuple)) or len(types) > len(OrdnanceType.values):
        raise Invalid(_("The explosive-ordnance types must be a list."))
    unknown = [t for t in types if t not in OrdnanceType.values]
    if unknown:
        raise Invalid(_("Unknown explosive-ordnance type “%(t)s”; use %(known)s.")
                      % {"t": unknown[0], "known": ", ".join(OrdnanceType.values)})
    # Kept in the order of the list of types, each once.
    return [t for t in OrdnanceType.values if t in types]


# --- hazardous areas --------------------------------------------------------------------------


def create_hazard(values: dict[str, Any], actor: Any) -> HazardArea:
    """Record a hazardous area. ``values`` holds HAZARD_FIELDS; ``area_m2`` defaults to the
    polygon's area and ``zone`` to the zone its centroid falls in."""
    if not access.can(actor, "hazard.edit"):
        raise Forbidden(_("Your role may not record hazardous areas."))
    unknown = set(values) - set(HAZARD_FIELDS)
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    values = dict(values)
    geom = _polygon(values.get("geometry"))
    values["geometry"] = _stored(values["geometry"])
    values["ordnance_types"] = _check_ordnance(values.get("ordnance_types") or [])
    if not values.get("area_m2"):
        values["area_m2"] = area_m2_of(geom)
    if values.get("zone") is None:
        centroid = geom.centroid
        values["zone_id"] = zone_for_point(centroid.y, centroid.x)
        values.pop("zone", None)
    values.pop("state", None)
    with transaction.atomic():
        if HazardArea.objects.filter(code=values.get("code")).exists():
            raise Conflict(_("A hazardous area with the code “%(c)s” exists.") % {"c": values.get("code")})
        return services.create(HazardArea(**values, **_bounds(geom)), actor)


def update_hazard(hazard: HazardArea, changes: dict[str, Any], actor: Any, note: str = "") -> HazardArea:
    """Correct a hazard's description. Its state moves by ``transition_hazard`` only; its status
    only from suspected to confirmed."""
    if not access.can(actor, "hazard.edit", hazard):
        raise Forbidden(_("Your role may not edit hazardous areas."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise Invalid(_("These fields cannot be changed here: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    changes = dict(changes)
    with transaction.atomic():
        current = HazardArea.objects.select_for_update().get(pk=hazard.pk)
        status = changes.get("status", current.status)
        if status != current.status and status not in HazardArea.STATUS_TRANSITIONS.get(current.status, ()):
            raise IllegalTransition(_("A hazardous area cannot go from “%(from)s” to “%(to)s”: its land is "
                                      "released instead.") % {"from": current.status, "to": status})
        if "ordnance_types" in changes:
            changes["ordnance_types"] = _check_ordnance(changes["ordnance_types"])
        if "geometry" in changes:
            geom = _polygon(changes["geometry"])
            changes["geometry"] = _stored(changes["geometry"])
            changes.update(_bounds(geom))
            if "area_m2" not in changes:
                changes["area_m2"] = area_m2_of(geom)
        services.update(hazard, actor, changes, note=note)
    return hazard


def transition_hazard(hazard: HazardArea, state: str, actor: Any, note: str = "") -> HazardArea:
    if not access.can(actor, "hazard.transition", hazard):
        raise Forbidden(_("Only a verifier, the chief or an administrator may change a hazard's state."))
    if state not in HazardArea.State.values:
        raise Invalid(_("Unknown hazard state “%(s)s”.") % {"s": state})
    with transaction.atomic():
        current = HazardArea.objects.select_for_update().get(pk=hazard.pk)
        if not current.can_move_to(state):
            raise IllegalTransition(_("A hazardous area cannot move from “%(from)s” to “%(to)s”.")
                                    % {"from": current.state, "to": state})
        services.update(hazard, actor, {"state": state}, note=note)
    return hazard


def released_m2(hazard: HazardArea) -> int:
    return int(hazard.releases.aggregate(n=Sum("area_m2"))["n"] or 0)


def remaining_m2(hazard: HazardArea) -> int:
    """The part of the hazard's area not yet released (never below zero)."""
    return max(0, hazard.area_m2 - released_m2(hazard))


# --- land release -----------------------------------------------------------------------------

RELEASE_FIELDS = ("method", "outcome", "area_m2", "items_found", "items_destroyed", "operator", "started_on",
                  "finished_on", "notes")


def record_release(hazard: HazardArea, values: dict[str, Any], actor: Any) -> LandRelease:
    """Record a finished land-release task on ``hazard`` and move the hazard on (see the module
    docstring). ``outcome`` may be left out: it follows from the method."""
    if not access.can(actor, "hazard.edit", hazard):
        raise Forbidden(_("Your role may not record land release."))
    unknown = set(values) - set(RELEASE_FIELDS)
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    values = dict(values)
    method = values.get("method")
    if method not in LandRelease.Method.values:
        raise Invalid(_("Unknown land-release method “%(m)s”; use %(known)s.")
                      % {"m": method, "known": ", ".join(LandRelease.Method.values)})
    expected = LandRelease.OUTCOME_OF_METHOD[method]
    outcome = values.get("outcome") or expected
    if outcome != expected:
        raise Invalid(_("A %(method)s releases land as “%(expected)s”, not “%(outcome)s” (IMAS 08.10).")
                      % {"method": LandRelease.Method(method).label, "expected": expected, "outcome": outcome})
    values["outcome"] = outcome
    found, destroyed = values.get("items_found") or 0, values.get("items_destroyed") or 0
    values["items_found"], values["items_destroyed"] = found, destroyed
    if method == "non_technical_survey" and found:
        raise Invalid(_("Land where items were found cannot be cancelled by non-technical survey."))
    if destroyed > found:
        raise Invalid(_("More items destroyed than found."))
    start, end = values.get("started_on"), values.get("finished_on")
    if start is not None and end is not None and end < start:
        raise Invalid(_("The task finishes before it starts."))
    with transaction.atomic():
        current = HazardArea.objects.select_for_update().get(pk=hazard.pk)
        if current.state == HazardArea.State.CLOSED:
            raise Conflict(_("The hazardous area %(code)s is closed; reopen it before recording more land release.")
                           % {"code": current.code})
        left = remaining_m2(current)
        area = values.get("area_m2") or 0
        if area > left:
            raise Invalid(_("The task releases %(area)s m² but only %(left)s m² of %(code)s remain; correct the "
                            "hazard's area first.") % {"area": area, "left": left, "code": current.code})
        release = services.create(LandRelease(hazard=current, **values), actor)
        changes: dict[str, Any] = {}
        if found and current.status == HazardArea.Status.SUSPECTED:
            changes["status"] = HazardArea.Status.CONFIRMED.value
        if area >= left:
            changes["state"] = HazardArea.State.CLOSED.value
        elif current.state == HazardArea.State.ACTIVE:
            changes["state"] = HazardArea.State.WORKED_ON.value
        if changes:
            services.update(current, actor, changes,
                            note=_("Land release %(method)s by %(operator)s")
                            % {"method": release.get_method_display(), "operator": release.operator})
    hazard.refresh_from_db()
    return release


def released_by_method(qs: QuerySet[LandRelease] | None = None) -> dict[str, int]:
    """Square metres released by each method (every method present, zero if none)."""
    qs = qs if qs is not None else LandRelease.objects.all()
    totals = dict(qs.order_by().values_list("method").annotate(n=Sum("area_m2")))
    return {m: int(totals.get(m) or 0) for m in LandRelease.Method.values}


def counts_by_state(qs: QuerySet[HazardArea] | None = None) -> dict[str, int]:
    from django.db.models import Count

    qs = qs if qs is not None else HazardArea.objects.all()
    counts = dict(qs.order_by().values_list("state").annotate(n=Count("pk")))
    return {s: int(counts.get(s) or 0) for s in HazardArea.State.values}


# --- accidents and victims --------------------------------------------------------------------

ACCIDENT_FIELDS = ("occurred_at", "place", "lat", "lon", "hazard", "ordnance_type", "activity", "description")
VICTIM_FIELDS = ("sex", "age_group", "category", "outcome")


def record_accident(values: dict[str, Any], actor: Any) -> EOAccident:
    if not access.can(actor, "eo_accident.edit"):
        raise Forbidden(_("Your role may not record explosive-ordnance accidents."))
    unknown = set(values) - set(ACCIDENT_FIELDS)
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    values = dict(values)
    when = values.get("occurred_at")
    if when is None or when.tzinfo is None:
        raise Invalid(_("The time of the accident needs a time zone."))
    if (values.get("lat") is None) != (values.get("lon") is None):
        raise Invalid(_("Give both the latitude and the longitude, or neither."))
    place = values.get("place")
    if values.get("lat") is None and place is not None and place.lat is not None:
        values["lat"], values["lon"] = place.lat, place.lon
    return services.create(EOAccident(**values), actor)


def record_victim(accident: EOAccident, values: dict[str, Any], actor: Any) -> EOVictim:
    if not access.can(actor, "eo_accident.edit", accident):
        raise Forbidden(_("Your role may not record explosive-ordnance victims."))
    unknown = set(values) - set(VICTIM_FIELDS)
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    return services.create(EOVictim(accident=accident, **values), actor)


# --- the corridor rule ------------------------------------------------------------------------


def zone_shape(zone: Zone) -> Any:
    """The zone's geometry as compared with hazards: a line or point widened by the buffer."""
    from shapely.geometry import shape

    geom = shape(zone.geometry)
    if geom.geom_type in ("LineString", "MultiLineString", "Point", "MultiPoint"):
        geom = geom.buffer(CORRIDOR_BUFFER_DEG)
    return geom


def active_confirmed_hazards_on(zone: Zone) -> QuerySet[HazardArea]:
    """Confirmed hazards not yet closed whose polygon meets the zone (a line widened by
    CORRIDOR_BUFFER_DEG degrees): what still blocks a corridor from opening."""
    from shapely import prepare
    from shapely.geometry import shape

    area = zone_shape(zone)
    min_lon, min_lat, max_lon, max_lat = area.bounds
    candidates = (HazardArea.objects.filter(status=HazardArea.Status.CONFIRMED)
                  .exclude(state=HazardArea.State.CLOSED)
                  .filter(min_lon__lte=max_lon, max_lon__gte=min_lon, min_lat__lte=max_lat, max_lat__gte=min_lat))
    prepare(area)
    ids = [pk for pk, geometry in candidates.values_list("pk", "geometry") if area.intersects(shape(geometry))]
    return HazardArea.objects.filter(pk__in=ids).order_by("code")


def check_corridor_can_open(zone: Zone, status: str = "active") -> None:
    """Refuse to open (move to "active") a corridor on which a confirmed hazard is still open."""
    if zone.kind != Zone.Kind.CORRIDOR or status != Zone.Status.ACTIVE:
        return
    codes = list(active_confirmed_hazards_on(zone).values_list("code", flat=True))
    if codes:
        shown = ", ".join(codes[:20]) + ("…" if len(codes) > 20 else "")
        raise IllegalTransition(
            _("The corridor “%(zone)s” cannot open: %(n)d confirmed hazardous area(s) on it are not closed: "
              "%(codes)s.") % {"zone": zone.name_en, "n": len(codes), "codes": shown})
