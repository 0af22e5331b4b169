"""``/provisions``: the numbered items of the agreements, with their deadlines as dates."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router

from raqib.agreements.models import Provision
from raqib.api.auth import actor
from raqib.api.lookups import get_visible, readable
from raqib.api.schemas.common import Short
from raqib.api.schemas.reference import ProvisionList, ProvisionOut, provision_out

router = Router(tags=["provisions"])


def provisions(qs: QuerySet[Provision]) -> QuerySet[Provision]:
    return qs.select_related("agreement").prefetch_related("obligated_parties")


@router.get("", response=ProvisionList, summary="List provisions")
def list_provisions(request: HttpRequest, agreement: Short | None = None,
                    category: Short | None = None) -> dict[str, Any]:
    qs = readable(provisions(Provision.objects.all()), actor(request))
    if agreement:
        qs = qs.filter(agreement__key=agreement)
    if category:
        qs = qs.filter(category=category)
    return {"items": [provision_out(p) for p in qs.order_by("agreement__signed_on", "agreement_id", "pk")]}


@router.get("/{int:provision_id}", response=ProvisionOut, summary="Read a provision")
def read(request: HttpRequest, provision_id: int) -> dict[str, Any]:
    return provision_out(get_visible(provisions(Provision.objects.all()), actor(request), pk=provision_id))
