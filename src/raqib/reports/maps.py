"""The static map of a report, drawn as SVG from Raqib's own vector layers: the zones, the
gazetteer's towns and the period's incidents. No tiles, no network.

The projection is equirectangular with longitudes scaled by the cosine of the middle latitude,
which is true enough at the scale of a monitoring area.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from raqib.core import taxonomy
from raqib.geo.models import Place, Zone
from raqib.reports.charts import PALETTE

WIDTH = 680.0
MAX_HEIGHT = 520.0
ZONE_FILL = {"active": "#27ae60", "assessment": "#f39c12", "suspended": "#c0392b", "planned": "#95a5a6",
             "handed_over": "#2980b9", "closed": "#7f8c8d"}
CATEGORY_COLOUR = {c.key: PALETTE[i % len(PALETTE)] for i, c in enumerate(taxonomy.CATEGORIES)}
LABELLED_KINDS = ("city",)
DOTTED_KINDS = ("city", "town")


@dataclass(frozen=True)
class Drawn:
    svg: SafeString
    legend: list[dict[str, str]]
    # Place names and the scale, laid over the SVG in HTML (left and top in per cent of the map),
    # so that pango shapes and orders Arabic names: SVG text is not shaped by WeasyPrint.
    labels: list[dict[str, str]]


class Projection:
    def __init__(self, bounds: tuple[float, float, float, float]) -> None:
        min_lon, min_lat, max_lon, max_lat = bounds
        pad_lon, pad_lat = max((max_lon - min_lon) * 0.06, 0.05), max((max_lat - min_lat) * 0.06, 0.05)
        self.min_lon, self.max_lon = min_lon - pad_lon, max_lon + pad_lon
        self.min_lat, self.max_lat = min_lat - pad_lat, max_lat + pad_lat
        self.kx = math.cos(math.radians((self.min_lat + self.max_lat) / 2))
        span_x, span_y = (self.max_lon - self.min_lon) * self.kx, self.max_lat - self.min_lat
        self.scale = min(WIDTH / span_x, MAX_HEIGHT / span_y)
        self.width, self.height = span_x * self.scale, span_y * self.scale

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.min_lon) * self.kx * self.scale, (self.max_lat - lat) * self.scale

    def inside(self, lon: float, lat: float) -> bool:
        return self.min_lon <= lon <= self.max_lon and self.min_lat <= lat <= self.max_lat


def _extent(zones: Sequence[Zone], points: Sequence[tuple[float, float, str]]) -> tuple[float, float, float, float]:
    lons = [z.min_lon for z in zones] + [z.max_lon for z in zones] + [p[1] for p in points]
    lats = [z.min_lat for z in zones] + [z.max_lat for z in zones] + [p[0] for p in points]
    if not lons:
        return 9.0, 19.5, 25.5, 33.5  # Libya
    return min(lons), min(lats), max(lons), max(lats)


def _rings(geometry: dict[str, Any]) -> Iterable[tuple[bool, list[list[float]]]]:
    """(closed, coordinates) of each ring or line of a GeoJSON geometry."""
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        for ring in coords:
            yield True, ring
    elif kind == "MultiPolygon":
        for polygon in coords:
            for ring in polygon:
                yield True, ring
    elif kind == "LineString":
        yield False, coords
    elif kind == "MultiLineString":
        for line in coords:
            yield False, line


def _path(projection: Projection, ring: list[list[float]], closed: bool) -> str:
    points = [projection.xy(p[0], p[1]) for p in ring]
    d = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(points))
    return d + (" Z" if closed else "")


def draw(lang: str, points: Sequence[tuple[float, float, str]]) -> Drawn:
    """The map with ``points`` as (lat, lon, category)."""
    zones = list(Zone.objects.order_by("-phase", "key"))
    projection = Projection(_extent(zones, points))
    parts: list[str] = [f'<svg xmlns="http://www.w3.org/2000/svg" class="report-map" '
                        f'viewBox="0 0 {projection.width:.0f} {projection.height:.0f}" '
                        f'width="{projection.width:.0f}" height="{projection.height:.0f}" role="img" '
                        f'aria-label="{escape(_("Map"))}">',
                        f'<rect width="100%" height="100%" fill="#f7f4ec" stroke="#999" stroke-width="0.5"/>']
    for zone in zones:
        colour = ZONE_FILL.get(zone.status, "#95a5a6")
        for closed, ring in _rings(zone.geometry):
            if closed:
                parts.append(f'<path d="{_path(projection, ring, True)}" fill="{colour}" fill-opacity="0.18" '
                             f'stroke="{colour}" stroke-width="1"/>')
            else:
                parts.append(f'<path d="{_path(projection, ring, False)}" fill="none" stroke="{colour}" '
                             f'stroke-width="2.2" stroke-dasharray="6 3"/>')
    labels: list[dict[str, str]] = []
    taken: list[tuple[float, float]] = []
    for place in Place.objects.filter(kind__in=DOTTED_KINDS, lat__isnull=False).order_by("name_en"):
        assert place.lat is not None and place.lon is not None
        if not projection.inside(place.lon, place.lat):
            continue
        x, y = projection.xy(place.lon, place.lat)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.8" fill="#333"/>')
        if place.kind in LABELLED_KINDS and not any(abs(x - tx) < 60 and abs(y - ty) < 14 for tx, ty in taken):
            taken.append((x, y))
            name = place.name_ar if lang == "ar" and place.name_ar else place.name_en
            labels.append(_label(projection, x, y - 3, name))
    seen: dict[str, str] = {}
    for lat, lon, category in points:
        x, y = projection.xy(lon, lat)
        colour = CATEGORY_COLOUR.get(category, "#555")
        seen[category] = colour
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.2" fill="{colour}" fill-opacity="0.8" '
                     f'stroke="#fff" stroke-width="0.6"/>')
    bar, scale_label = _scale_bar(projection)
    parts.append(bar)
    labels.append(scale_label)
    parts.append("</svg>")
    legend = [{"label": str(c.label), "colour": seen[c.key]} for c in taxonomy.CATEGORIES if c.key in seen]
    return Drawn(mark_safe("".join(parts)), legend, labels)  # noqa: S308 (the SVG holds no text)


def _label(projection: Projection, x: float, y: float, text: str) -> dict[str, str]:
    return {"left": f"{x * 100 / projection.width:.2f}", "top": f"{y * 100 / projection.height:.2f}", "text": text}


def _scale_bar(projection: Projection) -> tuple[str, dict[str, str]]:
    km_per_px = 111.32 / projection.scale
    target = projection.width / 5 * km_per_px
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500) if s >= target), 1000)
    length = step / km_per_px
    x0, y0 = 12.0, projection.height - 14
    label = _label(projection, x0 + length / 2, y0 - 3, _("%(n)d km") % {"n": step})
    return f'<path d="M{x0:.1f},{y0:.1f} L{x0 + length:.1f},{y0:.1f}" stroke="#222" stroke-width="2"/>', label
