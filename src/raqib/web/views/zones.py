"""Zones: their status, phase and history; the chief moves them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from raqib.core import access
from raqib.core.errors import RaqibError
from raqib.geo.models import Zone
from raqib.geo.services import transition_zone
from raqib.incidents.models import Incident
from raqib.web.decorators import signed_in
from raqib.web.forms.zones import ZoneTransitionForm
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
    return render(request, "web/zones/list.html", {"rows": rows})


@signed_in
def zone_detail(request: HttpRequest, pk: int) -> HttpResponse:
    zone = get_object_or_404(visible_zones(request.user).select_related("controlling_party"), pk=pk)
    return render(request, "web/zones/detail.html", _context(request, zone, None))


def _context(request: HttpRequest, zone: Zone, form: ZoneTransitionForm | None) -> dict[str, object]:
    may_move = access.can(request.user, "zone.transition", zone) and bool(Zone.TRANSITIONS.get(zone.status))
    return {
        "zone": zone,
        "moves": history.moves(zone, "status"),
        "show_actors": access.can(request.user, "audit.read"),
        "form": form or (ZoneTransitionForm(zone=zone) if may_move else None),
        "teams": zone.teams.filter(active=True).order_by("name") if access.role_of(request.user) in access.STAFF else [],
    }


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
