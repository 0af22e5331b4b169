"""The foreign-forces ledger: the total against the baseline and the deadline, each contingent's
estimates and movements; analysts and the chief add to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from raqib.agreements.parameters import Baseline, foreign_forces_baseline
from raqib.core import access
from raqib.core.errors import RaqibError
from raqib.forces.models import Contingent, ForceMovement
from raqib.forces.services import (Ledger, add_estimate, add_movement, bases_in_use, series, transition_movement)
from raqib.web.decorators import STAFF, roles
from raqib.web.forms.forces import DayForm, EstimateForm, MovementForm, MovementTransitionForm
from raqib.web.views.common import done

CHART_W, CHART_H = 600, 200


def visible_contingents(user: object) -> QuerySet[Contingent]:
    return access.visible(Contingent.objects.select_related("sponsor", "supported_party"), user)


def _day(request: HttpRequest) -> dt.date:
    form = DayForm(request.GET)
    if form.is_valid() and form.cleaned_data["on"]:
        return form.cleaned_data["on"]
    return timezone.localdate()


def chart(points: list[dict[str, Any]], baseline: Baseline | None, deadline: dt.date | None) -> dict[str, Any]:
    """An SVG-ready band of the estimate's range, the baseline as a line and the deadline as a mark."""
    if not points:
        return {}
    top = max([p["maximum"] for p in points] + [baseline.maximum if baseline else 0, 1])
    first, last = points[0]["date"], points[-1]["date"]
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return round((day - first).days / span * CHART_W, 1)

    def y(value: int) -> float:
        return round(CHART_H - value / top * CHART_H, 1)

    upper = [f"{x(p['date'])},{y(p['maximum'])}" for p in points]
    lower = [f"{x(p['date'])},{y(p['minimum'])}" for p in reversed(points)]
    out: dict[str, Any] = {"w": CHART_W, "h": CHART_H, "band": " ".join(upper + lower), "top": top,
                           "max_line": " ".join(upper), "first": first, "last": last}
    if baseline is not None:
        out["baseline_y"] = y(baseline.maximum)
    if deadline is not None and first <= deadline <= last:
        out["deadline_x"] = x(deadline)
    return out


@roles(STAFF)
def ledger(request: HttpRequest) -> HttpResponse:
    day = _day(request)
    contingents = list(visible_contingents(request.user).prefetch_related("bases").order_by("key"))
    book = Ledger.load(contingents, until=day)
    rows = [(c, book.estimate(c.pk, day)) for c in contingents]
    low, high = book.total(day)
    baseline = foreign_forces_baseline()
    deadline = baseline.deadline if baseline else None
    # From the baseline (or two months back) to the day, in about 30 steps.
    start = min(baseline.as_of if baseline else day - dt.timedelta(days=60), day)
    points = series(start, day, max(1, (day - start).days // 30))
    return render(request, "web/forces/ledger.html", {
        "day": day, "day_form": DayForm(initial={"on": day}), "rows": rows, "low": low, "high": high,
        "baseline": baseline, "deadline": deadline, "bases_in_use": bases_in_use(day),
        "days_to_deadline": (deadline - day).days if deadline else None,
        "days_late": (day - deadline).days if deadline else None,
        "points": points, "chart": chart(points, baseline, deadline),
    })


@roles(STAFF)
def contingent_detail(request: HttpRequest, key: str) -> HttpResponse:
    contingent = get_object_or_404(visible_contingents(request.user), key=key)
    return render(request, "web/forces/detail.html", _context(request, contingent))


def _context(request: HttpRequest, contingent: Contingent,
             form: EstimateForm | MovementForm | None = None) -> dict[str, Any]:
    """The page's context; ``form``, a form sent back with its errors, stands in place of the empty one."""
    day = _day(request)
    may_edit = access.can(request.user, "forces.edit", contingent)
    may_verify = access.can(request.user, "forces.verify", contingent)
    movements = list(contingent.movements.select_related("from_place", "to_place").order_by("-occurred_on", "-pk"))
    return {
        "contingent": contingent, "day": day,
        "current": Ledger.load([contingent], until=day).estimate(contingent.pk, day),
        "estimates": contingent.estimates.order_by("-as_of", "-pk"),
        "movements": [(m, MovementTransitionForm(movement=m, prefix=f"m{m.pk}")
                       if may_verify and ForceMovement.TRANSITIONS.get(m.state) else None) for m in movements],
        "estimate_form": form if isinstance(form, EstimateForm) else (
            EstimateForm(initial={"as_of": day}) if may_edit else None),
        "movement_form": form if isinstance(form, MovementForm) else (
            MovementForm(initial={"occurred_on": day}) if may_edit else None),
    }


@require_POST
@roles(STAFF)
def new_estimate(request: HttpRequest, key: str) -> HttpResponse:
    return _add(request, key, EstimateForm, add_estimate, _("The estimate is recorded."))


@require_POST
@roles(STAFF)
def new_movement(request: HttpRequest, key: str) -> HttpResponse:
    return _add(request, key, MovementForm, add_movement, _("The movement is recorded as reported."))


def _add(request: HttpRequest, key: str, form_class: type[EstimateForm] | type[MovementForm],
         add: Callable[[Contingent, dict[str, Any], Any], object], success: str) -> HttpResponse:
    """Add what the posted form holds to the contingent ``key``; a refusal shows the page again
    with the form and its errors (400)."""
    contingent = get_object_or_404(visible_contingents(request.user), key=key)
    if not access.can(request.user, "forces.edit", contingent):
        raise PermissionDenied
    form = form_class(request.POST)
    if form.is_valid():
        try:
            add(contingent, form.cleaned_data, request.user)
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, success, reverse("web:contingent", args=[key]))
    return render(request, "web/forces/detail.html", _context(request, contingent, form), status=400)


@require_POST
@roles(STAFF)
def movement_transition(request: HttpRequest, pk: int) -> HttpResponse:
    movement = get_object_or_404(access.visible(ForceMovement.objects.select_related("contingent"), request.user),
                                 pk=pk)
    if not access.can(request.user, "forces.verify", movement):
        raise PermissionDenied
    form = MovementTransitionForm(request.POST, movement=movement, prefix=f"m{pk}")
    target = reverse("web:contingent", args=[movement.contingent.key])
    if form.is_valid():
        try:
            transition_movement(movement, form.cleaned_data["state"], request.user, form.cleaned_data["note"])
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("The movement is now “%(state)s”.") % {"state": movement.get_state_display()},
                        target)
    return render(request, "web/forces/detail.html", _context(request, movement.contingent), status=400)
