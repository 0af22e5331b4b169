"""The incident map: the grid's query and its cells."""

from __future__ import annotations

from pydantic import BaseModel, Field

from raqib.api.schemas.common import Output
from raqib.api.schemas.incidents import IncidentFilterFields
from raqib.incidents.queries import MAX_ZOOM


class MapZoom(BaseModel):
    zoom: int = Field(6, ge=0, le=MAX_ZOOM, description=f"Web-map zoom level, 0 to {MAX_ZOOM}: a cell covers "
                      "48 pixels of a 256-pixel tile at this zoom.")


# The fields of the last base come first: the zoom, then the filters.
class MapFilters(IncidentFilterFields, MapZoom):
    """The zoom of the grid, then the filters of the incident list (``GET /incidents``)."""


class CategoryCount(Output):
    key: str
    count: int


class CellOut(Output):
    x: int = Field(description="Column of the cell: floor((lon + 180) / cell_size).")
    y: int = Field(description="Row of the cell: floor((lat + 90) / cell_size).")
    count: int
    lat: float = Field(description="Mean latitude of the cell's incidents.")
    lon: float = Field(description="Mean longitude of the cell's incidents.")
    categories: list[CategoryCount] = Field(description="Incidents per category, most first.")
    state: str = Field(description="The most common state group: new, working or closed.")
    incident: int | None = Field(None, description="The incident's id when the cell holds one incident.")


class MapOut(Output):
    zoom: int
    cell_size: float = Field(description="Degrees of latitude and longitude a cell spans.")
    cells: list[CellOut] = Field(description="Most populated first.")
    truncated: bool = Field(description="True when more cells matched than one answer holds (zoom in or narrow "
                            "the box).")
