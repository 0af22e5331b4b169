"""Patrols: the list with the overdue ones first, a patrol's page with its check-ins and
report, and the forms the team uses (plan, start, check in, return, report)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from raqib.core import access
from raqib.core.errors import RaqibError
from raqib.incidents.models import Incident
from raqib.mission import services
from raqib.mission.models import Monitor, OverdueAlert, Patrol, Team
from raqib.web.decorators import STAFF, roles
from raqib.web.forms.patrols import CheckInForm, MoveForm, PlanPatrolForm, ReportForm
from raqib.web.views.common import done, refused

LIST_LIMIT = 200


def visible_patrols(user: Any) -> QuerySet[Patrol]:
    return access.visible(Patrol.objects.select_related("team", "zone"), user)


def plannable_teams(user: Any) -> QuerySet[Team]:
    """The active teams the user may plan patrols for: all for the chief, their own for a leader."""
    teams = access.visible(Team.objects.filter(active=True), user).order_by("name")
    if not access.can(user, "patrol.plan"):
        return teams.none()
    if access.role_of(user) in access.LEADERS:
        return teams
    mine = Monitor.objects.filter(user_id=user.pk).values("pk")
    return teams.filter(Q(leader__in=mine) | Q(members__in=mine)).distinct()


@roles(STAFF)
def patrol_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    patrols = visible_patrols(request.user)
    overdue = services.overdue_patrols(now, patrols)
    late = {p.pk for p in overdue}
    state = request.GET.get("state", "")
    rows = patrols.exclude(pk__in=late).order_by("-planned_start", "-pk")
    if state in Patrol.State.values:
        rows = rows.filter(state=state)
    return render(request, "web/mission/patrols.html", {
        "overdue": overdue, "rows": rows[:LIST_LIMIT], "states": Patrol.State.choices, "state": state,
        "may_plan": plannable_teams(request.user).exists(),
    })


@roles(STAFF)
def plan_patrol(request: HttpRequest) -> HttpResponse:
    teams = plannable_teams(request.user)
    if not teams.exists():
        raise PermissionDenied
    form = PlanPatrolForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            patrol = services.plan_patrol(dict(form.cleaned_data), request.user)
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("The patrol is planned."), reverse("web:patrol", args=[patrol.pk]))
    return render(request, "web/mission/plan_patrol.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@roles(STAFF)
def patrol_detail(request: HttpRequest, pk: int) -> HttpResponse:
    patrol = get_object_or_404(visible_patrols(request.user), pk=pk)
    return render(request, "web/mission/patrol.html", _context(request, patrol))


def _context(request: HttpRequest, patrol: Patrol, **forms: Any) -> dict[str, Any]:
    user = request.user
    state = patrol.state
    report = getattr(patrol, "report", None)
    may = {name: services.may_act(user, f"patrol.{name}", patrol)
           for name in ("move", "cancel", "check_in", "report")}
    return {
        "patrol": patrol,
        "overdue": services.overdue_reasons(patrol, timezone.now()),
        "check_ins": patrol.check_ins.select_related("by"),
        "report": report,
        "alerts": patrol.alerts.select_related("acknowledged_by"),
        "may_acknowledge": access.can(user, "patrol.acknowledge"),
        "may_start": may["move"] and patrol.can_move_to(Patrol.State.UNDER_WAY),
        "may_return": may["move"] and patrol.can_move_to(Patrol.State.RETURNED),
        "may_cancel": may["cancel"] and patrol.can_move_to(Patrol.State.CANCELLED),
        "check_in_form": forms.get("check_in_form") or (CheckInForm() if may["check_in"] and state == "under_way"
                                                        else None),
        "report_form": forms.get("report_form") or (ReportForm() if may["report"] and report is None
                                                    and state in ("under_way", "returned") else None),
        "move_form": MoveForm(),
    }


def _patrol_for(request: HttpRequest, pk: int) -> Patrol:
    return get_object_or_404(visible_patrols(request.user), pk=pk)


def _move(request: HttpRequest, pk: int, state: str, message: str) -> HttpResponse:
    patrol = _patrol_for(request, pk)
    form = MoveForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.transition_patrol(patrol, state, request.user, note=note)
    except RaqibError as exc:
        if exc.status == 403:
            raise PermissionDenied from None
        refused(request, exc)
        return render(request, "web/mission/patrol.html", _context(request, patrol), status=exc.status)
    return done(request, message, reverse("web:patrol", args=[pk]))


@require_POST
@roles(STAFF)
def start(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, Patrol.State.UNDER_WAY, _("The patrol is under way."))


@require_POST
@roles(STAFF)
def back(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, Patrol.State.RETURNED, _("The patrol is back."))


@require_POST
@roles(STAFF)
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, Patrol.State.CANCELLED, _("The patrol is cancelled."))


@require_POST
@roles(STAFF)
def add_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    patrol = _patrol_for(request, pk)
    if not services.may_act(request.user, "patrol.check_in", patrol):
        raise PermissionDenied
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            services.check_in(patrol, dict(form.cleaned_data), request.user)
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("Checked in."), reverse("web:patrol", args=[pk]))
    return render(request, "web/mission/patrol.html", _context(request, patrol, check_in_form=form), status=400)


INCIDENT_REF = re.compile(r"^(?:INC-)?0*(\d{1,18})$", re.I)


def _incidents(request: HttpRequest, text: str) -> list[Incident]:
    found = []
    for token in [t.strip() for t in text.split(",") if t.strip()]:
        match = INCIDENT_REF.match(token)
        incident = access.visible(Incident.objects.all(), request.user).filter(pk=int(match.group(1))).first() \
            if match else None
        if incident is None:
            raise ValueError(_("Unknown incident “%(value)s”.") % {"value": token})
        found.append(incident)
    return list(dict.fromkeys(found))


@require_POST
@roles(STAFF)
def file_report(request: HttpRequest, pk: int) -> HttpResponse:
    patrol = _patrol_for(request, pk)
    if not services.may_act(request.user, "patrol.report", patrol):
        raise PermissionDenied
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            incidents = _incidents(request, form.cleaned_data["incidents"])
            services.file_report(patrol, {"nothing_observed": form.cleaned_data["nothing_observed"],
                                          "summary": form.cleaned_data["summary"]}, incidents, request.user)
        except ValueError as exc:
            form.add_error("incidents", str(exc))
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("The report is filed."), reverse("web:patrol", args=[pk]))
    return render(request, "web/mission/patrol.html", _context(request, patrol, report_form=form), status=400)


@require_POST
@roles(STAFF)
def acknowledge(request: HttpRequest, pk: int, alert: int) -> HttpResponse:
    patrol = _patrol_for(request, pk)
    found = get_object_or_404(access.visible(OverdueAlert.objects.all(), request.user), pk=alert, patrol=patrol)
    if not access.can(request.user, "patrol.acknowledge", found):
        raise PermissionDenied
    try:
        services.acknowledge_alert(found, request.user)
    except RaqibError as exc:
        refused(request, exc)
    else:
        return done(request, _("Alert acknowledged."), reverse("web:patrol", args=[pk]))
    return render(request, "web/mission/patrol.html", _context(request, patrol), status=409)
