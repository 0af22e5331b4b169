"""What the map draws: zones and towns as GeoJSON, incidents aggregated on a grid.

Aggregating on the server keeps the page light at any number of incidents: the browser gets at
most one marker per grid cell, sized for the zoom level it asked for. The cells are counted in
the database (``raqib.incidents.queries.cells``, shared with ``GET /api/v1/incidents/map``).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from raqib.core import taxonomy
from raqib.geo.models import Place, Zone
from raqib.incidents import queries
from raqib.verification.models import Verification

CELL_PIXELS = queries.CELL_PIXELS
TOWN_KINDS = ("city", "town")
OPEN_STATES = queries.OPEN_STATES
WORKING_STATES = queries.WORKING_STATES


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


def cell_size(zoom: int) -> float:
    """Degrees of longitude covered by CELL_PIXELS at ``zoom`` (256-pixel tiles)."""
    return queries.cell_size(zoom)


def incident_cells(cells: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Grid cells of incidents (counted in the database: :func:`raqib.incidents.queries.cells`
    or :func:`raqib.incidents.mapcells.cells`) as the map's markers."""
    return [_cell_json(cell) for cell in cells]


def _cell_json(cell: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "lat": cell["lat"],
        "lon": cell["lon"],
        "count": cell["count"],
        "category": cell["categories"][0][0] if cell["categories"] else "",
        "state": cell["state"],
        "categories": [{"key": k, "label": str(taxonomy.BY_KEY[k].label), "count": n}
                       for k, n in cell["categories"] if k in taxonomy.BY_KEY],
    }
    if cell["count"] == 1:
        out["reference"] = f"INC-{cell['id']:06d}"
        out["url"] = reverse("web:incident", args=[cell["id"]])
        out["state_label"] = str(dict(Verification.State.choices).get(cell["verification_state"], ""))
    return out
