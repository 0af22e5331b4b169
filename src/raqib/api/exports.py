"""``/exports/{format}``: the incidents the caller may see as ACLED CSV, GeoJSON, HXL CSV or
XLSX, streamed as they are read (a million incidents never sit in memory)."""

from __future__ import annotations

from django.http import HttpRequest, StreamingHttpResponse
from ninja import Router

from raqib.api.auth import actor
from raqib.api.schemas.common import Short
from raqib.exports.filters import parse_filters
from raqib.exports.services import prepare

router = Router(tags=["exports"])

RESPONSES = {
    "responses": {
        200: {
            "description": "The export file, streamed (acled and hxl: text/csv; geojson: application/geo+json; "
                           "xlsx: an Excel workbook).",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/geo+json": {"schema": {"type": "object"}},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                    {"schema": {"type": "string", "format": "binary"}},
            },
        },
    },
}


@router.get("/{fmt}", summary="Export incidents", openapi_extra=RESPONSES)
def export(request: HttpRequest, fmt: str, since: Short | None = None, until: Short | None = None,
           zone: Short | None = None, category: Short | None = None, state: Short | None = None) -> StreamingHttpResponse:
    """``fmt``: ``acled``, ``geojson``, ``hxl`` or ``xlsx``. Filters as for the incident list:
    ``since``/``until`` (a date or an ISO date and time), ``zone`` (a zone's key), ``category``,
    ``state`` (a verification state). Only the incidents the caller may see; the public role gets
    a 403. The file's signed manifest comes with ``raqib export`` on the command line."""
    user = actor(request)
    filters = parse_filters(since=since, until=until, zone=zone, category=category, state=state)
    prepared = prepare(fmt, user, filters)
    response = StreamingHttpResponse(prepared.chunks(), content_type=prepared.format.media_type)
    response["Content-Disposition"] = f'attachment; filename="{prepared.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

