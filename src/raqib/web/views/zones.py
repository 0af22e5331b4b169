"""Zones: their status, phase and history; the chief moves them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from raqib.actors.models import Party
from raqib.agreements.timezone import mission_timezone
from raqib.core import access
from raqib.core.errors import RaqibError
from raqib.geo.models import Handover, Zone, ZoneReadiness
from raqib.geo.services import (readiness, record_handover, recommended_next_zone, set_readiness, transition_zone,
                                zone_indicators)
from raqib.incidents.models import Incident
from raqib.web.decorators import signed_in
from raqib.web.forms.zones import HandoverForm, ReadinessForm, ZoneTransitionForm
from raqib.web.queries import history
from raqib.web.views.common import done


def visible_zones(user: object) -> QuerySet[Zone]:
    return access.visible(Zone.objects.all(), user)


@signed_in
def zone_list(request: HttpRequest) -> HttpResponse:
    zones = visible_zones(request.user).select_related("controlling_party").order_by("phase", "key")
    incidents = access.visible(Incident.objects.all(), request.user)
    counts = dict(incidents.order_by().values_list("zone").annotate(n=Count("pk")))
    rows = [(z, counts.get(z.pk, 0)) for z in zones]
    # The recommendation weighs the indicators: for those who may read them.
    recommended = recommended_next_zone(_as_of(request)) if access.can(request.user, "zone.indicators") else None
    return render(request, "web/zones/list.html", {"rows": rows, "recommended": recommended})


@signed_in
def zone_detail(request: HttpRequest, pk: int) -> HttpResponse:
    zone = get_object_or_404(visible_zones(request.user).select_related("controlling_party"), pk=pk)
    return render(request, "web/zones/detail.html", _context(request, zone, None))


def _context(request: HttpRequest, zone: Zone, form: ZoneTransitionForm | None,
             handover_form: HandoverForm | None = None) -> dict[str, object]:
    user = request.user
    may_move = access.can(user, "zone.transition", zone) and bool(Zone.TRANSITIONS.get(zone.status))
    reads_checklist = not access.visible(ZoneReadiness.objects.all(), user).query.is_empty()
    handover = access.visible(Handover.objects.filter(zone=zone), user).first()
    may_hand_over = (handover is None and access.can(user, "zone.handover", zone)
                     and zone.can_move_to(Zone.Status.HANDED_OVER))
    as_of = _as_of(request)
    return {
        "zone": zone,
        "moves": history.moves(zone, "status"),
        "show_actors": access.can(user, "audit.read"),
        "form": form or (ZoneTransitionForm(zone=zone) if may_move else None),
        "teams": zone.teams.filter(active=True).order_by("name") if access.role_of(user) in access.STAFF else [],
        "checklist": readiness(zone) if reads_checklist else None,
        "may_assess": access.can(user, "zone.readiness", zone) and zone.status not in ("handed_over", "closed"),
        "indicators": zone_indicators(zone, as_of) if access.can(user, "zone.indicators", zone) else None,
        "as_of": timezone.localtime(as_of, mission_timezone()).date(),
        "handover": handover if reads_checklist else None,
        "handover_form": handover_form or (HandoverForm() if may_hand_over else None),
    }


def _as_of(request: HttpRequest) -> dt.datetime:
    """The end of the day named by ``?at=YYYY-MM-DD`` (the mission's local day), or now."""
    try:
        day = dt.date.fromisoformat(request.GET.get("at", "")[:10])
    except ValueError:
        return timezone.now()
    if not 1900 <= day.year <= 2200:
        return timezone.now()
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=mission_timezone())
    return min(end - dt.timedelta(microseconds=1), timezone.now())


@require_POST
@signed_in
def zone_transition(request: HttpRequest, pk: int) -> HttpResponse:
    zone = get_object_or_404(visible_zones(request.user), pk=pk)
    if not access.can(request.user, "zone.transition", zone):
        raise PermissionDenied
    form = ZoneTransitionForm(request.POST, zone=zone)
    if form.is_valid():
        try:
            transition_zone(zone, form.cleaned_data["status"], request.user, form.cleaned_data["note"])
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("The zone is now “%(status)s”.") % {"status": zone.get_status_display()},
                        reverse("web:zone", args=[pk]))
    return render(request, "web/zones/detail.html", _context(request, zone, form), status=400)


@require_POST
@signed_in
def zone_readiness(request: HttpRequest, pk: int) -> HttpResponse:
    zone = get_object_or_404(visible_zones(request.user), pk=pk)
    if not access.can(request.user, "zone.readiness", zone):
        raise PermissionDenied
    form = ReadinessForm(request.POST)
    if form.is_valid():
        item, _sep, party_key = form.cleaned_data["key"].partition(":")
        party = Party.objects.filter(key=party_key).first() if party_key else None
        try:
            if party_key and party is None:
                raise RaqibError(_("Unknown party “%(party)s”.") % {"party": party_key})
            record = set_readiness(zone, item, form.cleaned_data["met"], request.user, party=party,
                                   note=form.cleaned_data["note"], assessed_on=form.cleaned_data["assessed_on"])
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("Readiness recorded: %(item)s.") % {"item": record.label()},
                        reverse("web:zone", args=[pk]) + "#readiness")
    context = _context(request, zone, None)
    context["readiness_errors"] = [str(e) for errors in form.errors.values() for e in errors]
    return render(request, "web/zones/detail.html", context, status=400)


@require_POST
@signed_in
def zone_handover(request: HttpRequest, pk: int) -> HttpResponse:
    zone = get_object_or_404(visible_zones(request.user), pk=pk)
    if not access.can(request.user, "zone.handover", zone):
        raise PermissionDenied
    form = HandoverForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_handover(zone, data["handed_over_on"], data["receiving_authority_en"], request.user,
                            receiving_authority_ar=data["receiving_authority_ar"], note=data["note"])
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("The handover is recorded and the zone is now handed over."),
                        reverse("web:zone", args=[pk]))
    zone.refresh_from_db()
    return render(request, "web/zones/detail.html", _context(request, zone, None, form), status=400)
