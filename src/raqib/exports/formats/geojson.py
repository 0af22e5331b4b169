"""GeoJSON (RFC 7946): a FeatureCollection of points in WGS84, longitude first, written one
feature at a time so the document is never whole in memory. Opens in QGIS as a point layer."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from raqib.exports.formats import common
from raqib.exports.registry import ExportFormat, register
from raqib.exports.rows import ExportContext, Row

FLUSH_FEATURES = 200
# One encoder for every feature: json.dumps with options builds a new one on each call.
encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode


def feature(row: Row, ctx: ExportContext) -> dict[str, Any]:
    event_type, sub_event_type = common.acled_types(row)
    first, second = common.split_actors(row["parties"])
    return {
        "type": "Feature",
        "id": row["id"],
        # RFC 7946 3.1.1: longitude, then latitude.
        "geometry": {"type": "Point", "coordinates": [common.coordinate(row["lon"]), common.coordinate(row["lat"])]},
        "properties": {
            "reference": f"INC-{row['id']:06d}",
            "uid": str(row["uid"]),
            "category": row["category"],
            "subtype": row["subtype"],
            "acled_event_type": event_type,
            "acled_sub_event_type": sub_event_type,
            "occurred_start": common.iso_utc(row["occurred_start"]),
            "occurred_end": common.iso_utc(row["occurred_end"]),
            "event_date": ctx.local_date(row["occurred_start"]).isoformat(),
            "time_precision": row["time_precision"],
            "location_precision": row["location_precision"],
            "place": row["place__key"] or "",
            "place_name": row["place__name_en"] or "",
            "place_name_ar": row["place__name_ar"] or "",
            "admin1": row["place__admin_area"] or "",
            "zone": row["zone__key"] or "",
            "actor1": "; ".join(p.name_en for p in first),
            "actor2": "; ".join(p.name_en for p in second),
            "parties": "; ".join(f"{p.key}:{p.role}" for p in row["parties"]),
            "killed_min": row["killed_min"],
            "killed_max": row["killed_max"],
            "injured_min": row["injured_min"],
            "injured_max": row["injured_max"],
            "severity": row["severity"],
            "verification_state": row["verification__state"] or "",
            "outcome": row["verification__outcome"] or "",
            "confidence": row["verification__confidence"] or "",
            "description_en": row["description_en"],
            "description_ar": row["description_ar"],
            "synthetic": row["synthetic"],
        },
    }


@register
class GeoJson(ExportFormat):
    key = "geojson"
    label = _("GeoJSON (points, for QGIS and web maps)")
    extension = "geojson"
    media_type = "application/geo+json"

    def chunks(self, rows: Iterable[Row], ctx: ExportContext) -> Iterator[bytes]:
        yield b'{"type": "FeatureCollection", "features": [\n'
        parts: list[str] = []
        first = True
        for row in rows:
            text = encode(feature(row, ctx))
            parts.append(text if first else ",\n" + text)
            first = False
            if len(parts) >= FLUSH_FEATURES:
                yield "".join(parts).encode("utf-8")
                parts = []
        parts.append("\n]}\n")
        yield "".join(parts).encode("utf-8")
