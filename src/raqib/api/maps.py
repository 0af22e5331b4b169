"""``/incidents/map``: the incidents a user may see, counted on a grid by zoom.

The counting is done by the database (one ``GROUP BY`` of the grid cell), so a client asks for a
map of a million incidents and receives a few hundred cells.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from raqib.api.auth import actor
from raqib.api.filters import filter_incidents
from raqib.api.lookups import readable
from raqib.api.schemas.incidents import IncidentFilters
from raqib.api.schemas.maps import MapFilters, MapOut
from raqib.incidents import queries
from raqib.incidents.models import Incident

router = Router(tags=["incidents"])


@router.get("/map", response=MapOut, summary="Incidents on a grid, for a map")
def incident_map(request: HttpRequest, filters: Query[MapFilters]) -> dict[str, Any]:
    """The incidents matching the list's filters, counted per grid cell at ``zoom`` (a cell is
    48 pixels of a 256-pixel tile); at most 5,000 cells, the most populated first."""
    return map_cells(actor(request), filters)


def map_cells(user: Any, filters: MapFilters) -> dict[str, Any]:
    """The map as the API answers it, without HTTP (the benchmark times this)."""
    qs = filter_incidents(readable(Incident.objects.all(), user),
                          IncidentFilters(**filters.model_dump(exclude={"zoom"})), user)
    cells = queries.cells(qs, filters.zoom, queries.MAX_CELLS + 1)
    return {
        "zoom": filters.zoom,
        "cell_size": queries.cell_size(filters.zoom),
        "cells": [{**cell, "categories": [{"key": k, "count": n} for k, n in cell["categories"]],
                   "incident": cell.get("id")} for cell in cells[:queries.MAX_CELLS]],
        "truncated": len(cells) > queries.MAX_CELLS,
    }
