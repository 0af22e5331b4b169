"""``/parties``: the parties and other actors, with the names they go by."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router

from raqib.actors.models import Party
from raqib.api.auth import actor
from raqib.api.lookups import get_visible, readable
from raqib.api.schemas.reference import PartyList, PartyOut, party_out

router = Router(tags=["parties"])


def parties(qs: QuerySet[Party]) -> QuerySet[Party]:
    return qs.select_related("parent").prefetch_related("aliases", "sponsors")


@router.get("", response=PartyList, summary="List parties")
def list_parties(request: HttpRequest) -> dict[str, Any]:
    qs = readable(parties(Party.objects.all()), actor(request))
    return {"items": [party_out(p) for p in qs.order_by("key")]}


@router.get("/{key}", response=PartyOut, summary="Read a party")
def read(request: HttpRequest, key: str) -> dict[str, Any]:
    return party_out(get_visible(parties(Party.objects.all()), actor(request), key=key))
