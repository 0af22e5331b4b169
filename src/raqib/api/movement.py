"""``/restrictions``: restrictions on the monitors' freedom of movement.

Mission staff read all and record them; analysts and the chief move them; a liaison officer
reads those their own party imposed and those shared with the JMC; the public gets 403.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from raqib.api.auth import actor
from raqib.api.lookups import Refs, get_visible, readable, require
from raqib.api.pagination import page
from raqib.api.schemas.movement import (CountsOut, RestrictionFilters, RestrictionIn, RestrictionOut,
                                        RestrictionPage, TransitionIn, restriction_out)
from raqib.api.transitions import transitioned
from raqib.core.errors import Invalid
from raqib.movement import services
from raqib.movement.models import Restriction

router = Router(tags=["restrictions"])
ORDER = ("-occurred_at", "-id")


def restrictions() -> QuerySet[Restriction]:
    return Restriction.objects.select_related("party", "place", "zone").defer("zone__geometry")


@router.get("", response=RestrictionPage, summary="List movement restrictions")
def list_restrictions(request: HttpRequest, filters: Query[RestrictionFilters]) -> dict[str, Any]:
    qs = readable(restrictions(), actor(request))
    if filters.kind:
        if filters.kind not in Restriction.Kind.values:
            raise Invalid(_("Unknown kind of restriction “%(k)s”.") % {"k": filters.kind})
        qs = qs.filter(kind=filters.kind)
    if filters.state:
        if filters.state not in Restriction.State.values:
            raise Invalid(_("Unknown state “%(s)s”.") % {"s": filters.state})
        qs = qs.filter(state=filters.state)
    if filters.party:
        qs = qs.filter(party__isnull=True) if filters.party == "none" else qs.filter(party__key=filters.party)
    if filters.zone:
        qs = qs.filter(zone__key=filters.zone)
    _period(filters.since, filters.until)
    qs = services.in_period(qs, filters.since, filters.until)
    rows, after = page(qs, ORDER, filters.cursor, filters.limit)
    return {"items": [restriction_out(r) for r in rows], "next": after}


def _period(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise Invalid(_("since is after until."))


@router.get("/counts", response=CountsOut, summary="Count restrictions per party")
def counts(request: HttpRequest, since: dt.date | None = None, until: dt.date | None = None) -> dict[str, Any]:
    """Per party responsible, how many restrictions from ``since`` to ``until`` (both days
    included), in total and by kind; counted over what the caller may see."""
    user = actor(request)
    readable(Restriction.objects.all(), user)
    _period(since, until)
    rows = services.counts_by_party(since, until, user)
    return {"since": since, "until": until,
            "items": [{"party": r.party.key if r.party else None, "total": r.total, "by_kind": r.by_kind}
                      for r in rows]}


@router.get("/{int:restriction_id}", response=RestrictionOut, summary="Read a movement restriction")
def read(request: HttpRequest, restriction_id: int) -> dict[str, Any]:
    return restriction_out(get_visible(restrictions(), actor(request), pk=restriction_id))


@router.post("", response={201: RestrictionOut}, summary="Record a movement restriction")
def create(request: HttpRequest, payload: RestrictionIn) -> dict[str, Any]:
    user = actor(request)
    require(user, "restriction.create", message=_("Only mission staff may record movement restrictions."))
    if (payload.lat is None) != (payload.lon is None):
        raise Invalid(_("Give both the latitude and the longitude, or neither."))
    refs = Refs(user)
    values = payload.model_dump(exclude={"party", "place", "team", "incident"})
    values.update(party=refs.maybe("party", payload.party), place=refs.maybe("place", payload.place),
                  team=refs.maybe("team", payload.team), incident=refs.maybe("incident", payload.incident))
    restriction = services.create_restriction(values, user)
    return restriction_out(get_visible(restrictions(), user, pk=restriction.pk))


@router.post("/{int:restriction_id}/transition", response=RestrictionOut, summary="Move a movement restriction")
def transition(request: HttpRequest, restriction_id: int, payload: TransitionIn) -> dict[str, Any]:
    return restriction_out(transitioned(
        request, restrictions(), "restriction.transition", _("Only analysts and the chief may move a restriction."),
        lambda restriction, user: services.transition_restriction(restriction, payload.state, user,
                                                                  note=payload.note, on=payload.on),
        pk=restriction_id))
