"""``/places``: the gazetteer, searched by Arabic or English name or variant spelling."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from pydantic import BaseModel, Field

from raqib.api.auth import actor
from raqib.api.lookups import get_visible, readable
from raqib.api.schemas.common import Short
from raqib.api.schemas.reference import PlaceList, PlaceOut, place_out
from raqib.geo.models import Place
from raqib.geo.services import search_places

router = Router(tags=["places"])


class PlaceQuery(BaseModel):
    q: Short | None = Field(None, description="Part of a name, in Arabic or English.")
    limit: int = Field(50, ge=1, le=500)


@router.get("", response=PlaceList, summary="Search places")
def list_places(request: HttpRequest, query: Query[PlaceQuery]) -> dict[str, Any]:
    """Without ``q``, the first places by English name; with it, the places one of whose names
    starts with it (Arabic spelling variants are folded: hamza, ta marbuta, diacritics)."""
    qs = readable(Place.objects.prefetch_related("names"), actor(request))
    if query.q is not None:
        qs = search_places(query.q, qs)
    return {"items": [place_out(p) for p in qs.order_by("name_en", "pk")[: query.limit]]}


@router.get("/{key}", response=PlaceOut, summary="Read a place")
def read(request: HttpRequest, key: str) -> dict[str, Any]:
    return place_out(get_visible(Place.objects.prefetch_related("names"), actor(request), key=key))
