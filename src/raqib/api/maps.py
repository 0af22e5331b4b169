"""``/incidents/map``: the incidents a user may see, counted on a grid by zoom.

The counting is done by the database, so a client asks for a map of a million incidents and
receives a few hundred cells: from the summary it keeps per cell (``raqib.incidents.mapcells``)
when only the box, the category and the verification state narrow the map, otherwise by one
``GROUP BY`` of the grid cell.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from raqib.api.auth import actor
from raqib.api.filters import filter_incidents
from raqib.api.lookups import readable
from raqib.api.parsing import parse_bbox
from raqib.api.schemas.incidents import IncidentFilters
from raqib.api.schemas.maps import MapFilters, MapOut
from raqib.incidents import mapcells, queries
from raqib.incidents.models import Incident

router = Router(tags=["incidents"])

# Filters the summary cannot answer (besides the box, the category and the state, which it can).
_NARROWING = ("since", "until", "subtype", "zone", "party", "q")


@router.get("/map", response=MapOut, summary="Incidents on a grid, for a map")
def incident_map(request: HttpRequest, filters: Query[MapFilters]) -> dict[str, Any]:
    """The incidents matching the list's filters, counted per grid cell at ``zoom`` (a cell is
    48 pixels of a 256-pixel tile); at most 5,000 cells, the most populated first. With ``bbox``,
    the cells the box touches, each counted whole (the same cells whatever the box's edges)."""
    return map_cells(actor(request), filters)


def map_cells(user: Any, filters: MapFilters) -> dict[str, Any]:
    """The map as the API answers it, without HTTP (the benchmark times this)."""
    zoom = filters.zoom
    span = queries.cell_range(parse_bbox(filters.bbox), zoom) if filters.bbox else None
    # The filters are checked (and access applied) whichever way the cells are counted.
    qs = filter_incidents(readable(Incident.objects.all(), user),
                          IncidentFilters(**filters.model_dump(exclude={"zoom", "bbox"})), user)
    if not any(getattr(filters, name) for name in _NARROWING) and mapcells.answers(user, zoom):
        cells = mapcells.cells(zoom, span, filters.category, queries.MAX_CELLS + 1, filters.state)
    else:
        if span is not None:
            qs = queries.in_box(qs, *queries.cell_box(span, zoom))
        cells = queries.cells(qs, zoom, queries.MAX_CELLS + 1, span)
    return {
        "zoom": zoom,
        "cell_size": queries.cell_size(zoom),
        "cells": [{**cell, "categories": [{"key": k, "count": n} for k, n in cell["categories"]],
                   "incident": cell.get("id")} for cell in cells[:queries.MAX_CELLS]],
        "truncated": len(cells) > queries.MAX_CELLS,
    }
