"""``/forces``: the foreign-forces ledger (staff read it; analysts and the chief write it)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router

from raqib.agreements.parameters import foreign_forces_baseline
from raqib.api.auth import actor
from raqib.api.lookups import Refs, get_visible, readable, require
from raqib.api.schemas.common import Key
from raqib.api.schemas.forces import (ContingentDetail, ContingentIn, ContingentList, ContingentOut, Day,
                                      EstimateIn, EstimateList, EstimateOut, MovementIn, MovementList, MovementOut,
                                      MovementTransitionIn, SeriesOut, TotalsOut, contingent_out, estimate_out,
                                      movement_out)
from raqib.core.errors import Invalid
from raqib.forces.models import Contingent, ForceMovement, StrengthEstimate
from raqib.forces.services import (Ledger, add_estimate, add_movement, bases_in_use, series, transition_movement,
                                   upsert_contingent)

router = Router(tags=["forces"])
EDIT = _("Only analysts and the chief may edit the foreign-forces ledger.")


def _contingents(user: Any) -> QuerySet[Contingent]:
    return readable(Contingent.objects.select_related("sponsor", "actor", "supported_party")
                    .prefetch_related("bases"), user)


def _baseline() -> dict[str, Any] | None:
    b = foreign_forces_baseline()
    return None if b is None else {"minimum": b.minimum, "maximum": b.maximum, "bases": b.bases,
                                   "as_of": b.as_of, "deadline": b.deadline, "source": b.source}


@router.get("/contingents", response=ContingentList, summary="List contingents with their best estimate")
def list_contingents(request: HttpRequest, on: Day | None = None) -> dict[str, Any]:
    day = on or timezone.localdate()
    qs = _contingents(actor(request))
    ledger = Ledger.load(qs, until=day)
    return {"items": [contingent_out(c, ledger.estimate(c.pk, day)) for c in qs.order_by("key")]}


@router.post("/contingents", response={201: ContingentOut}, summary="Add or update a contingent")
def put_contingent(request: HttpRequest, payload: ContingentIn) -> dict[str, Any]:
    user = actor(request)
    require(user, "forces.edit", None, EDIT)
    refs = Refs(user)
    values = {"name_en": payload.name_en, "name_ar": payload.name_ar, "kind": payload.kind,
              "sponsor": refs.party(payload.sponsor), "actor": refs.maybe("party", payload.actor),
              "supported_party": refs.maybe("party", payload.supported_party), "notes": payload.notes}
    contingent, _changed = upsert_contingent(payload.key, values, [refs.place(k) for k in payload.bases], user)
    return contingent_out(get_visible(Contingent.objects.all(), user, pk=contingent.pk), None)


@router.get("/contingents/{key}", response=ContingentDetail, summary="Read a contingent, its estimates and movements")
def read_contingent(request: HttpRequest, key: Key, on: Day | None = None) -> dict[str, Any]:
    user = actor(request)
    contingent = get_visible(Contingent.objects.select_related("sponsor", "actor", "supported_party"), user, key=key)
    day = on or timezone.localdate()
    out = contingent_out(contingent, Ledger.load([contingent], until=day).estimate(contingent.pk, day))
    out["estimates"] = [estimate_out(e) for e in contingent.estimates.select_related("contingent")
                        .order_by("-as_of", "-pk")]
    out["movements"] = [movement_out(m) for m in contingent.movements.select_related(
        "contingent", "from_place", "to_place").order_by("-occurred_on", "-pk")]
    return out


@router.post("/contingents/{key}/estimates", response={201: EstimateOut}, summary="Record a strength estimate")
def post_estimate(request: HttpRequest, key: Key, payload: EstimateIn) -> dict[str, Any]:
    user = actor(request)
    contingent = get_visible(Contingent.objects.all(), user, key=key)
    require(user, "forces.edit", contingent, EDIT)
    values = payload.model_dump(exclude={"incident"})
    values["incident"] = Refs(user).maybe("incident", payload.incident)
    return estimate_out(add_estimate(contingent, values, user))


@router.post("/contingents/{key}/movements", response={201: MovementOut}, summary="Record a movement")
def post_movement(request: HttpRequest, key: Key, payload: MovementIn) -> dict[str, Any]:
    user = actor(request)
    contingent = get_visible(Contingent.objects.all(), user, key=key)
    require(user, "forces.edit", contingent, EDIT)
    refs = Refs(user)
    values = payload.model_dump(exclude={"incident", "from_place", "to_place"})
    values.update(incident=refs.maybe("incident", payload.incident), from_place=refs.maybe("place", payload.from_place),
                  to_place=refs.maybe("place", payload.to_place))
    return movement_out(add_movement(contingent, values, user))


@router.get("/estimates", response=EstimateList, summary="List strength estimates")
def list_estimates(request: HttpRequest, contingent: Key | None = None) -> dict[str, Any]:
    qs = readable(StrengthEstimate.objects.select_related("contingent"), actor(request))
    if contingent:
        qs = qs.filter(contingent__key=contingent)
    return {"items": [estimate_out(e) for e in qs.order_by("-as_of", "-pk")[:2000]]}


@router.get("/movements", response=MovementList, summary="List movements")
def list_movements(request: HttpRequest, contingent: Key | None = None, state: Key | None = None) -> dict[str, Any]:
    qs = readable(ForceMovement.objects.select_related("contingent", "from_place", "to_place"), actor(request))
    if contingent:
        qs = qs.filter(contingent__key=contingent)
    if state:
        qs = qs.filter(state=state)
    return {"items": [movement_out(m) for m in qs.order_by("-occurred_on", "-pk")[:2000]]}


@router.post("/movements/{int:movement_id}/transition", response=MovementOut, summary="Verify a movement")
def post_transition(request: HttpRequest, movement_id: int, payload: MovementTransitionIn) -> dict[str, Any]:
    user = actor(request)
    movement = get_visible(ForceMovement.objects.all(), user, pk=movement_id)
    require(user, "forces.verify", movement, _("Only analysts and the chief may verify a movement."))
    transition_movement(movement, payload.state, user, payload.note)
    return movement_out(get_visible(ForceMovement.objects.select_related("contingent", "from_place", "to_place"),
                                    user, pk=movement_id))


@router.get("/totals", response=TotalsOut, summary="The best total estimate against the baseline")
def totals(request: HttpRequest, on: Day | None = None) -> dict[str, Any]:
    qs = _contingents(actor(request))
    day = on or timezone.localdate()
    ledger = Ledger.load(until=day)
    low, high = ledger.total(day)
    baseline = _baseline()
    deadline = baseline["deadline"] if baseline else None
    per = {c.key: ledger.estimate(c.pk, day) for c in qs.order_by("key")}
    return {"on": day, "minimum": low, "maximum": high, "bases_in_use": bases_in_use(day),
            "contingents": {k: None if v is None else {"minimum": v[0], "maximum": v[1]} for k, v in per.items()},
            "baseline": baseline, "days_to_deadline": (deadline - day).days if deadline else None}


@router.get("/series", response=SeriesOut, summary="The total estimate over time")
def get_series(request: HttpRequest, start: Day, end: Day, step: int = 7) -> dict[str, Any]:
    _contingents(actor(request))
    if not 1 <= step <= 3660:
        raise Invalid(_("The step must be from 1 to 3660 days."))
    return {"points": series(start, end, step), "baseline": _baseline()}
