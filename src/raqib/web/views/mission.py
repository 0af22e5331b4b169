"""The mission's people and the agreement it monitors."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from raqib.agreements.models import Agreement
from raqib.core import access
from raqib.mission.models import Monitor, Team
from raqib.web.decorators import STAFF, roles, signed_in
from raqib.web.queries.provisions import statuses
from raqib.web.views import compliance as compliance_page


@roles(STAFF)
def monitors_and_teams(request: HttpRequest) -> HttpResponse:
    teams = (access.visible(Team.objects.all(), request.user).select_related("zone", "leader")
             .prefetch_related("members").order_by("name"))
    monitors = (access.visible(Monitor.objects.all(), request.user).select_related("jmc_side")
                .prefetch_related("teams").order_by("callsign", "pk"))
    return render(request, "web/mission/people.html", {
        "teams": teams, "monitors": monitors, "protected": access.can_read_protected(request.user),
    })


@signed_in
def agreement(request: HttpRequest) -> HttpResponse:
    agreements = access.visible(Agreement.objects.all(), request.user).order_by("signed_on")
    sees_compliance = compliance_page.sees_compliance(request.user)
    return render(request, "web/agreement.html", {
        "agreements": [(a, statuses(a, request.user, compliance=sees_compliance)) for a in agreements],
        "sees_incidents": access.role_of(request.user) in STAFF | {access.LIAISON},
        **compliance_page.context(request, sees_compliance),
    })
