"""Explosive hazards: the hazardous areas (staff and liaison officers), their land release, and
EO accidents with their victims (staff only)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from raqib.core import access
from raqib.core.errors import RaqibError
from raqib.geo.models import Place
from raqib.hazards import services
from raqib.hazards.models import EOAccident, HazardArea, OrdnanceType
from raqib.web.decorators import READERS, STAFF, action, roles, signed_in
from raqib.web.forms.hazards import (AccidentForm, HazardEditForm, HazardForm, HazardTransitionForm, LandReleaseForm,
                                     VictimForm)
from raqib.web.queries import history
from raqib.web.views.common import done, save_changes

LOOK = {"active": "new", "worked_on": "working", "closed": "closed"}


def visible_hazards(user: Any) -> QuerySet[HazardArea]:
    return access.visible(HazardArea.objects.all(), user)


def visible_accidents(user: Any) -> QuerySet[EOAccident]:
    return access.visible(EOAccident.objects.all(), user)


@roles(READERS)
def hazard_list(request: HttpRequest) -> HttpResponse:
    qs = visible_hazards(request.user).select_related("zone").annotate(released=Sum("releases__area_m2"))
    state, status = request.GET.get("state", ""), request.GET.get("status", "")
    if state in HazardArea.State.values:
        qs = qs.filter(state=state)
    if status in HazardArea.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("code"), 50).get_page(request.GET.get("page"))
    totals = services.released_by_method(access.visible(services.LandRelease.objects.all(), request.user))
    return render(request, "web/hazards/list.html", {
        "page": page, "state": state, "status": status, "states": HazardArea.State.choices,
        "statuses": HazardArea.Status.choices, "totals": totals, "methods": dict(services.LandRelease.Method.choices),
        "may_record": access.can(request.user, "hazard.edit"),
        "may_see_accidents": access.role_of(request.user) in STAFF,
        "query": "&".join(f"{k}={v}" for k, v in (("state", state), ("status", status)) if v),
    })


@action("hazard.edit")
def new_hazard(request: HttpRequest) -> HttpResponse:
    form = HazardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hazard = services.create_hazard(form.cleaned_data, request.user)
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("Recorded as %(code)s.") % {"code": hazard.code},
                        reverse("web:hazard", args=[hazard.pk]))
    return render(request, "web/hazards/new.html", {"form": form}, status=400 if form.errors else 200)


@roles(READERS)
def hazard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    hazard = get_object_or_404(visible_hazards(request.user).select_related("zone", "incident"), pk=pk)
    return render(request, "web/hazards/detail.html", _context(request, hazard))


def _context(request: HttpRequest, hazard: HazardArea, **forms: Any) -> dict[str, Any]:
    user = request.user
    may_move = access.can(user, "hazard.transition", hazard) and bool(HazardArea.TRANSITIONS.get(hazard.state))
    may_release = access.can(user, "hazard.edit", hazard) and hazard.state != HazardArea.State.CLOSED
    released = services.released_m2(hazard)
    incident = hazard.incident if hazard.incident and access.can_see(user, hazard.incident) else None
    labels = dict(OrdnanceType.choices)
    return {
        "hazard": hazard, "look": LOOK[hazard.state], "released": released,
        "remaining": max(0, hazard.area_m2 - released), "incident": incident,
        "ordnance": [labels.get(t, t) for t in hazard.ordnance_types],
        "releases": access.visible(hazard.releases.all(), user).order_by("finished_on", "pk"),
        "moves": history.moves(hazard, "state"), "state_labels": dict(HazardArea.State.choices), "show_actors": access.can(user, "audit.read"),
        "accidents": (visible_accidents(user).filter(hazard=hazard).prefetch_related("victims")
                      if access.role_of(user) in STAFF else []),
        "transition_form": forms.get("transition_form") or (HazardTransitionForm(hazard=hazard) if may_move else None),
        "release_form": forms.get("release_form") or (LandReleaseForm() if may_release else None),
        "may_edit": access.can(user, "hazard.edit", hazard),
    }


@signed_in
def edit_hazard(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a hazard's description (as the API's PATCH): 404 if the user may not see it, 403
    if they may see but not edit it."""
    hazard = get_object_or_404(visible_hazards(request.user), pk=pk)
    if not access.can(request.user, "hazard.edit", hazard):
        raise PermissionDenied
    form = HazardEditForm(request.POST or None, hazard=hazard)
    if request.method == "POST" and form.is_valid():
        saved = save_changes(request, form, lambda changes, note: services.update_hazard(
            hazard, changes, request.user, note=note), reverse("web:hazard", args=[pk]))
        if saved is not None:
            return saved
    return render(request, "web/hazards/edit.html", {"form": form, "hazard": hazard},
                  status=400 if form.errors else 200)


@require_POST
@roles(READERS)
def hazard_transition(request: HttpRequest, pk: int) -> HttpResponse:
    hazard = get_object_or_404(visible_hazards(request.user), pk=pk)
    if not access.can(request.user, "hazard.transition", hazard):
        raise PermissionDenied
    form = HazardTransitionForm(request.POST, hazard=hazard)
    if form.is_valid():
        try:
            services.transition_hazard(hazard, form.cleaned_data["state"], request.user, form.cleaned_data["note"])
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("The hazardous area is now “%(state)s”.") % {"state": hazard.get_state_display()},
                        reverse("web:hazard", args=[pk]))
    return render(request, "web/hazards/detail.html", _context(request, hazard, transition_form=form), status=400)


@require_POST
@roles(READERS)
def record_release(request: HttpRequest, pk: int) -> HttpResponse:
    hazard = get_object_or_404(visible_hazards(request.user), pk=pk)
    if not access.can(request.user, "hazard.edit", hazard):
        raise PermissionDenied
    form = LandReleaseForm(request.POST)
    if form.is_valid():
        try:
            services.record_release(hazard, form.cleaned_data, request.user)
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("Land release recorded."), reverse("web:hazard", args=[pk]))
    return render(request, "web/hazards/detail.html", _context(request, hazard, release_form=form), status=400)


@roles(READERS)
def hazards_geojson(request: HttpRequest) -> JsonResponse:
    """The map layer: every hazardous area the user may see, as GeoJSON polygons."""
    features = [{
        "type": "Feature", "geometry": h.geometry,
        "properties": {"code": h.code, "name": h.name, "status": h.status, "state": h.state,
                       "label": f"{h.code} · {h.get_status_display()} · {h.get_state_display()}",
                       "url": reverse("web:hazard", args=[h.pk])},
    } for h in visible_hazards(request.user).order_by("code")]
    return JsonResponse({"type": "FeatureCollection", "features": features})


# --- accidents and victims (staff only) ---------------------------------------------------


def _accident_form(request: HttpRequest, data: Any = None) -> AccidentForm:
    user = request.user
    return AccidentForm(data, places=access.visible(Place.objects.filter(lat__isnull=False), user).order_by("name_en"),
                        hazards=visible_hazards(user).order_by("code"))


@roles(STAFF)
def accident_list(request: HttpRequest) -> HttpResponse:
    may_record = access.can(request.user, "eo_accident.edit")
    form = _accident_form(request, request.POST or None) if may_record else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                accident = services.record_accident(form.cleaned_data, request.user)
            except RaqibError as exc:
                form.add_error(None, exc.message)
            else:
                return done(request, _("Recorded as %(ref)s.") % {"ref": accident.reference},
                            reverse("web:eo_accident", args=[accident.pk]))
    qs = visible_accidents(request.user).select_related("place", "hazard").prefetch_related("victims")
    page = Paginator(qs.order_by("-occurred_at", "-pk"), 50).get_page(request.GET.get("page"))
    return render(request, "web/hazards/accidents.html", {"page": page, "form": form},
                  status=400 if form is not None and form.errors else 200)


@roles(STAFF)
def accident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    accident = get_object_or_404(visible_accidents(request.user).select_related("place", "hazard"), pk=pk)
    form = VictimForm() if access.can(request.user, "eo_accident.edit", accident) else None
    return render(request, "web/hazards/accident.html", {"accident": accident, "form": form,
                                                         "victims": accident.victims.all()})


@require_POST
@roles(STAFF)
def add_victim(request: HttpRequest, pk: int) -> HttpResponse:
    accident = get_object_or_404(visible_accidents(request.user).select_related("place", "hazard"), pk=pk)
    if not access.can(request.user, "eo_accident.edit", accident):
        raise PermissionDenied
    form = VictimForm(request.POST)
    if form.is_valid():
        try:
            services.record_victim(accident, form.cleaned_data, request.user)
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("Victim recorded."), reverse("web:eo_accident", args=[pk]))
    return render(request, "web/hazards/accident.html", {"accident": accident, "form": form,
                                                         "victims": accident.victims.all()}, status=400)
