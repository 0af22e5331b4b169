"""Freedom of movement: restrictions on the monitors, counted per party; the staff record them,
analysts follow them up with the JMC; a liaison officer reads their own party's and shared ones."""

from __future__ import annotations

from typing import Any

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
from raqib.movement.models import Restriction
from raqib.movement.services import counts_by_party, create_restriction, in_period, transition_restriction
from raqib.web.decorators import READERS, action, roles
from raqib.web.forms.movement import PeriodForm, RestrictionForm, RestrictionTransitionForm
from raqib.web.queries import history
from raqib.web.views.common import done


def visible_restrictions(user: Any) -> QuerySet[Restriction]:
    return access.visible(Restriction.objects.all(), user)


@roles(READERS)
def restriction_list(request: HttpRequest) -> HttpResponse:
    period = PeriodForm(request.GET or None)
    since = until = None
    if period.is_valid():
        since, until = period.cleaned_data["since"], period.cleaned_data["until"]
    qs = in_period(visible_restrictions(request.user), since, until)
    kind = request.GET.get("kind", "")
    if kind in Restriction.Kind.values:
        qs = qs.filter(kind=kind)
    qs = qs.select_related("party", "place", "zone").defer("zone__geometry").order_by("-occurred_at", "-id")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    return render(request, "web/movement/list.html", {
        "page": page, "query": query, "period": period, "kinds": Restriction.Kind.choices, "chosen_kind": kind,
        "counts": counts_by_party(since, until, request.user),
        "may_record": access.can(request.user, "restriction.create"),
        "liaison": access.role_of(request.user) == access.LIAISON,
    })


@roles(READERS)
def restriction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    restriction = get_object_or_404(visible_restrictions(request.user).select_related(
        "party", "place", "zone", "team", "incident"), pk=pk)
    return render(request, "web/movement/detail.html", _context(request, restriction, None))


def _context(request: HttpRequest, restriction: Restriction, form: RestrictionTransitionForm | None) -> dict[str, Any]:
    user = request.user
    may_move = (access.can(user, "restriction.transition", restriction)
                and bool(Restriction.TRANSITIONS.get(restriction.state)))
    incident = restriction.incident
    if incident is not None and not access.can_see(user, incident):
        incident = None
    return {
        "restriction": restriction, "incident": incident, "staff": access.role_of(user) in access.STAFF,
        "moves": history.moves(restriction, "state"), "show_actors": access.can(user, "audit.read"),
        "state_labels": dict(Restriction.State.choices),
        "form": form or (RestrictionTransitionForm(restriction=restriction) if may_move else None),
    }


@require_POST
@roles(READERS)
def restriction_transition(request: HttpRequest, pk: int) -> HttpResponse:
    restriction = get_object_or_404(visible_restrictions(request.user), pk=pk)
    if not access.can(request.user, "restriction.transition", restriction):
        raise PermissionDenied
    form = RestrictionTransitionForm(request.POST, restriction=restriction)
    if form.is_valid():
        try:
            transition_restriction(restriction, form.cleaned_data["state"], request.user,
                                   note=form.cleaned_data["note"], on=form.cleaned_data["on"])
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("The restriction is now “%(state)s”.") % {"state": restriction.get_state_display()},
                        reverse("web:restriction", args=[pk]))
    return render(request, "web/movement/detail.html", _context(request, restriction, form), status=400)


@action("restriction.create")
def new_restriction(request: HttpRequest) -> HttpResponse:
    form = RestrictionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            restriction = create_restriction(dict(form.cleaned_data), request.user)
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("Recorded as %(ref)s.") % {"ref": restriction.reference},
                        reverse("web:restriction", args=[restriction.pk]))
    return render(request, "web/movement/new.html", {"form": form}, status=400 if form.errors else 200)
