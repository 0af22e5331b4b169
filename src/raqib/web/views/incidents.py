"""The incident list beside its map, and one incident with everything the viewer may see."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from raqib.core import access
from raqib.incidents.models import Allegation, Evidence, Incident, IncidentParty, Observation, Source
from raqib.web.decorators import READERS, STAFF, roles
from raqib.web.forms.incidents import IncidentFilterForm, PhotosForm
from raqib.web.forms.verification import AssignForm, TransitionForm, next_states
from raqib.web.queries import history
from raqib.web.queries.incidents import apply_filters, for_list, visible_incidents

PAGE_SIZE = 50


@roles(READERS)
def incident_list(request: HttpRequest) -> HttpResponse:
    show_party = access.role_of(request.user) in STAFF
    form = IncidentFilterForm(request.GET or None, show_party=show_party)
    qs = for_list(apply_filters(visible_incidents(request.user), form.values(), request.user))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": _query(request),
               "may_report": access.can(request.user, "incident.create")}
    template = "web/incidents/_results.html" if request.htmx else "web/incidents/list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _query(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@roles(READERS)
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(
        visible_incidents(request.user).select_related("zone", "place", "verification",
                                                       "verification__assigned_to",
                                                       "verification__attributed_party"), pk=pk)
    return render(request, "web/incidents/detail.html", detail_context(request, incident))


def _related(model: Any, user: Any, incident: Incident) -> Any:
    return access.visible(model.objects.filter(incident=incident), user)


def detail_context(request: HttpRequest, incident: Incident, **forms: Any) -> dict[str, Any]:
    user = request.user
    verification = incident.verification
    may_transition = access.can(user, "verification.transition", verification) and bool(
        next_states(verification, user))
    return {
        "incident": incident,
        "verification": verification,
        "staff": access.role_of(user) in STAFF,
        "observations": _related(Observation, user, incident).select_related("team", "monitor"),
        "allegations": _related(Allegation, user, incident).select_related("filing_party"),
        "sources": _related(Source, user, incident),
        "evidence": _related(Evidence, user, incident),
        "party_roles": _related(IncidentParty, user, incident).select_related("party"),
        "protected": access.can_read_protected(user),
        "show_audit": access.can(user, "audit.read"),
        "verification_moves": history.moves(verification, "state"),
        "audit_steps": history.steps(incident) if access.can(user, "audit.read") else [],
        "may_observe": access.can(user, "observation.create", incident),
        "may_add_photos": access.can(user, "evidence.create", incident),
        "may_assign": access.can(user, "verification.assign", verification),
        "may_transition": may_transition,
        "photos_form": forms.get("photos_form") or PhotosForm(),
        "assign_form": forms.get("assign_form") or AssignForm(initial={"assignee": verification.assigned_to_id}),
        "transition_form": forms.get("transition_form") or (
            TransitionForm(verification=verification, user=user) if may_transition else None),
    }
