"""``/incidents/{id}/sources``: where the information on an incident came from (staff only)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from raqib.api.auth import actor
from raqib.api.lookups import Refs, get_visible, readable, require
from raqib.api.schemas.sources import SourceIn, SourceOut, source_out
from raqib.incidents.models import Incident, Source
from raqib.incidents.services import add_source

router = Router(tags=["sources"])


@router.get("/{int:incident_id}/sources", response=list[SourceOut], exclude_unset=True,
            summary="List an incident's sources")
def list_sources(request: HttpRequest, incident_id: int) -> list[dict[str, Any]]:
    user = actor(request)
    incident = get_visible(Incident.objects.all(), user, pk=incident_id)
    sources = readable(Source.objects.all(), user).filter(incident=incident).order_by("pk")
    return [source_out(s, user) for s in sources]


@router.post("/{int:incident_id}/sources", response={201: SourceOut}, exclude_unset=True,
             summary="Add a source to an incident")
def create(request: HttpRequest, incident_id: int, payload: SourceIn) -> dict[str, Any]:
    user = actor(request)
    incident = get_visible(Incident.objects.all(), user, pk=incident_id)
    require(user, "source.create", incident, _("You may not add sources to this incident."))
    refs = Refs(user)
    values = payload.model_dump(exclude={"observation", "allegation"})
    values["observation"] = refs.maybe("observation", payload.observation)
    values["allegation"] = refs.maybe("allegation", payload.allegation)
    return source_out(add_source(incident, values, user), user)
