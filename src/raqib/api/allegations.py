"""``/allegations``: complaints filed with the mission. A liaison officer sees their own party's."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from raqib.api.auth import actor
from raqib.api.lookups import Refs, get_visible, readable, require
from raqib.api.pagination import page
from raqib.api.schemas.allegations import (AllegationFilters, AllegationIn, AllegationOut, AllegationPage,
                                           AllegationPatch, allegation_out)
from raqib.incidents.models import Allegation
from raqib.incidents.services import create_allegation, update_allegation

router = Router(tags=["allegations"])
ORDER = ("-received_at", "-id")
REFERENCES = {"filing_party": "party", "claimed_actor": "party", "place": "place", "provision": "provision",
              "incident": "incident"}


def allegations(qs: QuerySet[Allegation]) -> QuerySet[Allegation]:
    return qs.select_related("filing_party", "claimed_actor", "place", "provision")


def resolve(values: dict[str, Any], refs: Refs) -> dict[str, Any]:
    for field, kind in REFERENCES.items():
        if field in values:
            values[field] = refs.maybe(kind, values[field])
    return values


@router.post("", response={201: AllegationOut}, summary="File an allegation")
def create(request: HttpRequest, payload: AllegationIn) -> dict[str, Any]:
    user = actor(request)
    require(user, "allegation.create", message=_("Your role may not file allegations."))
    values = resolve(payload.model_dump(), Refs(user))
    values["received_at"] = values["received_at"] or timezone.now()
    values["claimed_end"] = values["claimed_end"] or values["claimed_start"]
    allegation = create_allegation(values, user)
    return allegation_out(get_visible(allegations(Allegation.objects.all()), user, pk=allegation.pk))


@router.get("", response=AllegationPage, summary="List allegations")
def list_allegations(request: HttpRequest, filters: Query[AllegationFilters]) -> dict[str, Any]:
    qs = readable(allegations(Allegation.objects.all()), actor(request))
    if filters.incident is not None:
        qs = qs.filter(incident_id=filters.incident)
    rows, after = page(qs, ORDER, filters.cursor, filters.limit)
    return {"items": [allegation_out(a) for a in rows], "next": after}


@router.get("/{int:allegation_id}", response=AllegationOut, summary="Read an allegation")
def read(request: HttpRequest, allegation_id: int) -> dict[str, Any]:
    return allegation_out(get_visible(allegations(Allegation.objects.all()), actor(request), pk=allegation_id))


@router.patch("/{int:allegation_id}", response=AllegationOut, summary="Link an allegation or record a response")
def update(request: HttpRequest, allegation_id: int, payload: AllegationPatch) -> dict[str, Any]:
    user = actor(request)
    allegation = get_visible(Allegation.objects.all(), user, pk=allegation_id)
    require(user, "allegation.update", allegation, _("Only analysts may change an allegation."))
    update_allegation(allegation, resolve(payload.model_dump(exclude_unset=True), Refs(user)), user)
    return allegation_out(get_visible(allegations(Allegation.objects.all()), user, pk=allegation_id))
