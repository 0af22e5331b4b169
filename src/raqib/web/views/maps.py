"""The map's data: zones, towns and incidents (aggregated) as JSON, and the gazetteer search."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from raqib.core import access
from raqib.geo.models import Place
from raqib.geo.services import search_places
from raqib.incidents import mapcells, queries
from raqib.web.decorators import READERS, STAFF, roles, signed_in
from raqib.web.forms.incidents import IncidentFilterForm
from raqib.web.queries import mapdata
from raqib.web.queries.incidents import apply_filters, visible_incidents
from raqib.web.views.common import lang

MAX_ZOOM = 18


@signed_in
@cache_control(private=True, max_age=60)
def zones(request: HttpRequest) -> JsonResponse:
    return JsonResponse(mapdata.zones_geojson(lang()))


@signed_in
@cache_control(private=True, max_age=300)
def towns(request: HttpRequest) -> JsonResponse:
    return JsonResponse(mapdata.towns_geojson(lang()))


@roles(READERS)
def incidents(request: HttpRequest) -> JsonResponse:
    form = IncidentFilterForm(request.GET, show_party=access.role_of(request.user) in STAFF)
    try:
        zoom = min(max(int(request.GET.get("zoom", "6")), 0), MAX_ZOOM)
    except ValueError:
        zoom = 6
    values = form.values()
    if not any(v for k, v in values.items() if k not in ("category", "state")) and mapcells.answers(request.user, zoom):
        # Only the category and the state narrow the map: the summary the database keeps answers it.
        cells = mapcells.cells(zoom, None, values.get("category") or None, state=values.get("state") or None)
    else:
        cells = queries.cells(apply_filters(visible_incidents(request.user), values, request.user), zoom)
    return JsonResponse({"cells": mapdata.incident_cells(cells)})


@signed_in
def place_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    places = search_places(query, access.visible(Place.objects.all(), request.user)).order_by("name_en")[:12]
    return render(request, "web/places/_results.html", {"places": places, "query": query})
