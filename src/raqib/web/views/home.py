"""The first page after signing in, and the chief's dashboard."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from raqib.core import access
from raqib.mission.models import Patrol
from raqib.mission.services import overdue_patrols
from raqib.web.decorators import STAFF, roles
from raqib.web.forms.incidents import IncidentFilterForm
from raqib.web.queries import dashboard as q
from raqib.web.queries.incidents import visible_incidents
from raqib.web.queries.periods import Period
from raqib.web.queries.provisions import with_deadlines
from raqib.web.views.common import lang

PERIOD_DAYS = (7, 14, 30)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    role = access.role_of(request.user)
    if role in STAFF:
        return HttpResponseRedirect(reverse("web:dashboard"))
    if role == access.LIAISON:
        return HttpResponseRedirect(reverse("web:allegations"))
    return HttpResponseRedirect(reverse("web:agreement"))


def _period(request: HttpRequest, qs: object) -> Period:
    form = IncidentFilterForm(request.GET)
    days = request.GET.get("days", "7")
    length = int(days) if days in {str(d) for d in PERIOD_DAYS} else 7
    last = form.values().get("last") if form.is_valid() else None
    if last:
        return Period(last.fromordinal(last.toordinal() - length + 1), last)
    return q.default_period(qs, length)  # type: ignore[arg-type]


@roles(STAFF)
def dashboard(request: HttpRequest) -> HttpResponse:
    incidents = visible_incidents(request.user)
    period = _period(request, incidents)
    provisions = with_deadlines(request.user)
    return render(request, "web/dashboard.html", {
        "period": period, "previous": period.previous(), "period_days": PERIOD_DAYS,
        "by_zone": q.by_zone(incidents, period, lang(), _("Outside every zone")),
        "by_category": q.by_category(incidents, period),
        "open_states": q.open_by_state(request.user),
        "overdue": q.overdue_verifications(request.user),
        "provisions": provisions,
        "late_provisions": [s for s in provisions if s.overdue],
        "overdue_patrols": overdue_patrols(timezone.now(), access.visible(Patrol.objects.all(), request.user)),
    })
