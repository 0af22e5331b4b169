"""Build the map's offline base layer: Libya and its neighbours as GeoJSON.

The source is Natural Earth (public domain) as packaged in the npm package ``world-atlas``
(TopoJSON, ISC licence). Run at build time, not at run time:

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m raqib.web.build_outline /tmp/package/countries-50m.json

It writes ``static/web/geo/outline.geojson`` beside this module. No dependency beyond Python:
TopoJSON's arcs are decoded here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

# ISO 3166-1 numeric codes: Libya, then its neighbours (drawn lighter for context).
FOCUS = "434"
NEIGHBOURS = ("788", "012", "562", "148", "729", "818")
DECIMALS = 3
OUT = Path(__file__).resolve().parent / "static" / "web" / "geo" / "outline.geojson"

Point = list[float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Absolute longitude/latitude of every arc (delta-decoded and de-quantised)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([[float(x), float(y)] for x, y in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, DECIMALS), round(y * sy + ty, DECIMALS)])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def geometry(geom: dict[str, Any], arcs: list[list[Point]]) -> dict[str, Any]:
    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in geom["arcs"]]}
    if geom["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[ring(r, arcs) for r in poly] for poly in geom["arcs"]]}
    raise ValueError(f"unexpected geometry type {geom['type']}")


def build(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    wanted = (FOCUS, *NEIGHBOURS)
    features: list[dict[str, Any]] = []
    for geom in topology["objects"]["countries"]["geometries"]:
        code = str(geom.get("id", ""))
        if code not in wanted:
            continue
        features.append({
            "type": "Feature",
            "properties": {"iso_n3": code, "name": geom.get("properties", {}).get("name", ""), "focus": code == FOCUS},
            "geometry": geometry(geom, arcs),
        })
    if not any(f["properties"]["focus"] for f in features):
        raise SystemExit("Libya (434) is not in this topology")
    features.sort(key=lambda f: f["properties"]["focus"])  # Libya drawn last, on top
    return {"type": "FeatureCollection", "features": features,
            "attribution": "Natural Earth (public domain), via world-atlas 2.0.2 (ISC)"}


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit(__doc__)
    topology = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(build(topology), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv)
