"""What the map draws: zones and towns as GeoJSON, incidents aggregated on a grid.

Aggregating on the server keeps the page light at any number of incidents: the browser gets at
most one marker per grid cell, sized for the zoom level it asked for.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from raqib.core import taxonomy
from raqib.geo.models import Place, Zone
from raqib.incidents.models import Incident
from raqib.verification.models import Verification

CELL_PIXELS = 48
TOWN_KINDS = ("city", "town")
OPEN_STATES = ("received", "triaged")
WORKING_STATES = ("under_verification", "findings_drafted", "reviewed")


def state_group(state: str | None) -> str:
    """The three looks a marker has: new, in verification, closed."""
    if state in WORKING_STATES:
        return "working"
    if state == "closed":
        return "closed"
    return "new"


def localized(obj: Any, field_name: str, lang: str) -> str:
    value = getattr(obj, f"{field_name}_{lang}", "") if lang in ("ar", "en") else ""
    return value or getattr(obj, f"{field_name}_en", "") or getattr(obj, f"{field_name}_ar", "")


def zones_geojson(lang: str) -> dict[str, Any]:
    features = []
    for zone in Zone.objects.order_by("phase", "key"):
        features.append({
            "type": "Feature",
            "geometry": zone.geometry,
            "properties": {
                "id": zone.pk, "name": localized(zone, "name", lang), "status": zone.status,
                "status_label": str(zone.get_status_display()), "phase": zone.phase, "kind": zone.kind,
                "url": reverse("web:zone", args=[zone.pk]),
            },
        })
    return {"type": "FeatureCollection", "features": features}


def towns_geojson(lang: str) -> dict[str, Any]:
    features = []
    for place in Place.objects.filter(kind__in=TOWN_KINDS, lat__isnull=False).order_by("name_en"):
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {"name": localized(place, "name", lang), "kind": place.kind},
        })
    return {"type": "FeatureCollection", "features": features}


@dataclass
class Cell:
    count: int = 0
    lat_sum: float = 0.0
    lon_sum: float = 0.0
    categories: Counter[str] = field(default_factory=Counter)
    states: Counter[str] = field(default_factory=Counter)
    first_id: int = 0
    first_state: str = ""


def cell_size(zoom: int) -> float:
    """Degrees of longitude covered by CELL_PIXELS at ``zoom`` (256-pixel tiles)."""
    return 360.0 / (256 * 2 ** zoom) * CELL_PIXELS


def incident_cells(qs: QuerySet[Incident], zoom: int, limit: int = 50_000) -> list[dict[str, Any]]:
    size = cell_size(zoom)
    cells: dict[tuple[int, int], Cell] = {}
    rows = qs.order_by().values_list("pk", "lat", "lon", "category", "verification__state")[:limit]
    for pk, lat, lon, category, state in rows:
        cell = cells.setdefault((int(lon // size), int(lat // size)), Cell(first_id=pk, first_state=state or ""))
        cell.count += 1
        cell.lat_sum += lat
        cell.lon_sum += lon
        cell.categories[category] += 1
        cell.states[state_group(state)] += 1
    return [_cell_json(c) for c in cells.values()]


def _cell_json(cell: Cell) -> dict[str, Any]:
    category = cell.categories.most_common(1)[0][0]
    out: dict[str, Any] = {
        "lat": round(cell.lat_sum / cell.count, 5),
        "lon": round(cell.lon_sum / cell.count, 5),
        "count": cell.count,
        "category": category,
        "state": cell.states.most_common(1)[0][0],
        "categories": [{"key": k, "label": str(taxonomy.BY_KEY[k].label), "count": n}
                       for k, n in cell.categories.most_common() if k in taxonomy.BY_KEY],
    }
    if cell.count == 1:
        out["reference"] = f"INC-{cell.first_id:06d}"
        out["url"] = reverse("web:incident", args=[cell.first_id])
        out["state_label"] = str(dict(Verification.State.choices).get(cell.first_state, ""))
    return out
