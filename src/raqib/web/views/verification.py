"""The verification queue, assignment and the moves of the workflow."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from raqib.core import access
from raqib.core.errors import RaqibError
from raqib.verification import services
from raqib.verification.models import Verification
from raqib.web.decorators import READERS, action, roles
from raqib.web.forms.verification import AssignForm, TransitionForm, analysts
from raqib.web.views import candidates
from raqib.web.views.common import done, refused
from raqib.web.views.incidents import detail_context

QUEUES = ("open", "mine", "unassigned")


def _queue(request: HttpRequest, which: str) -> QuerySet[Verification]:
    qs = access.visible(Verification.objects.exclude(state="closed"), request.user)
    if which == "mine":
        qs = qs.filter(assigned_to=request.user)
    elif which == "unassigned":
        qs = qs.filter(assigned_to__isnull=True)
    state = request.GET.get("state", "")
    if state in Verification.State.values:
        qs = qs.filter(state=state)
    return qs.select_related("incident", "incident__zone", "assigned_to").order_by("updated_at", "pk")


@action("verification.transition")
def queue(request: HttpRequest) -> HttpResponse:
    which = request.GET.get("queue", "open")
    which = which if which in QUEUES else "open"
    page = Paginator(_queue(request, which), 50).get_page(request.GET.get("page"))
    return render(request, "web/verification/queue.html", {
        "page": page, "which": which, "state": request.GET.get("state", ""),
        "states": [s for s in Verification.State.choices if s[0] != "closed"],
        "analysts": list(analysts()),
        **candidates.pending(request.user),
    })


def _verification(request: HttpRequest, pk: int) -> Verification:
    return get_object_or_404(access.visible(Verification.objects.select_related("incident"), request.user),
                             incident_id=pk)


@require_POST
@roles(READERS)
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    verification = _verification(request, pk)
    if not access.can(request.user, "verification.assign", verification):
        raise PermissionDenied
    form = AssignForm(request.POST)
    if form.is_valid():
        assignee = request.user if "me" in request.POST else form.cleaned_data["assignee"]
        try:
            services.assign(verification, assignee, request.user)
        except RaqibError as exc:
            refused(request, exc)
        else:
            return done(request, _("Assignment saved."), _back(request, pk))
    return render(request, "web/incidents/detail.html",
                  detail_context(request, verification.incident, assign_form=form), status=400)


def _back(request: HttpRequest, pk: int) -> str:
    """Back to the queue when the form was sent from it, to the incident otherwise."""
    if request.POST.get("from") == "queue":
        return reverse("web:verification")
    return reverse("web:incident", args=[pk])


@require_POST
@roles(READERS)
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    verification = _verification(request, pk)
    if not access.can(request.user, "verification.transition", verification):
        raise PermissionDenied
    form = TransitionForm(request.POST, verification=verification, user=request.user)
    if form.is_valid():
        try:
            services.transition(verification, form.cleaned_data["state"], request.user,
                                note=form.cleaned_data["note"], **form.finding_values())
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("The verification is now “%(state)s”.")
                        % {"state": verification.get_state_display()}, reverse("web:incident", args=[pk]))
    return render(request, "web/incidents/detail.html",
                  detail_context(request, verification.incident, transition_form=form), status=400)
