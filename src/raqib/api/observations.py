"""``/observations``: monitors' observations (mission staff only)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from raqib.api.auth import actor
from raqib.api.lookups import Refs, get_visible, readable, require
from raqib.api.pagination import page
from raqib.api.schemas.observations import (ObservationFilters, ObservationIn, ObservationOut, ObservationPage,
                                            observation_out)
from raqib.incidents.models import Observation
from raqib.incidents.services import create_observation

router = Router(tags=["observations"])
ORDER = ("-observed_start", "-id")


@router.post("", response={201: ObservationOut}, summary="Record an observation")
def create(request: HttpRequest, payload: ObservationIn) -> dict[str, Any]:
    user = actor(request)
    require(user, "observation.create", message=_("Your role may not record observations."))
    refs = Refs(user)
    values = payload.model_dump(exclude={"incident", "team", "monitor"})
    values["observed_end"] = values["observed_end"] or values["observed_start"]
    values.update(incident=refs.maybe("incident", payload.incident), team=refs.maybe("team", payload.team),
                  monitor=refs.maybe("monitor", payload.monitor))
    return observation_out(create_observation(values, user))


@router.get("", response=ObservationPage, summary="List observations")
def list_observations(request: HttpRequest, filters: Query[ObservationFilters]) -> dict[str, Any]:
    qs = readable(Observation.objects.all(), actor(request))
    if filters.incident is not None:
        qs = qs.filter(incident_id=filters.incident)
    rows, after = page(qs, ORDER, filters.cursor, filters.limit)
    return {"items": [observation_out(o) for o in rows], "next": after}


@router.get("/{int:observation_id}", response=ObservationOut, summary="Read an observation")
def read(request: HttpRequest, observation_id: int) -> dict[str, Any]:
    return observation_out(get_visible(Observation.objects.all(), actor(request), pk=observation_id))
