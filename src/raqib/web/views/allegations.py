"""Allegations: a liaison officer files and follows their party's; analysts link and answer them."""

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
from raqib.incidents.models import Allegation, Incident
from raqib.incidents.services import update_allegation
from raqib.web import filing
from raqib.web.decorators import READERS, action, roles
from raqib.web.forms.allegations import AllegationForm, FilerForm, LinkForm, ResponseForm
from raqib.web.views.common import done, lang, refused


def visible_allegations(user: Any) -> QuerySet[Allegation]:
    return access.visible(Allegation.objects.all(), user)


@roles(READERS)
def allegation_list(request: HttpRequest) -> HttpResponse:
    qs = (visible_allegations(request.user)
          .select_related("filing_party", "claimed_actor", "incident", "incident__verification")
          .order_by("-received_at", "-id"))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "web/allegations/list.html", {
        "page": page, "may_file": access.can(request.user, "allegation.create"),
        "own": access.role_of(request.user) == access.LIAISON,
    })


@action("allegation.create")
def new_allegation(request: HttpRequest) -> HttpResponse:
    liaison = access.role_of(request.user) == access.LIAISON
    form = AllegationForm(request.POST or None, initial={"language": lang()})
    filer = None if liaison else FilerForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and (filer is None or filer.is_valid()):
        try:
            allegation = filing.file_allegation(form.cleaned_data, filer.cleaned_data if filer else {}, request.user)
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("Filed as %(ref)s.") % {"ref": allegation.reference},
                        reverse("web:allegation", args=[allegation.pk]))
    status = 400 if form.errors or (filer is not None and filer.errors) else 200
    return render(request, "web/allegations/new.html", {"form": form, "filer": filer}, status=status)


@roles(READERS)
def allegation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    allegation = get_object_or_404(
        visible_allegations(request.user).select_related("filing_party", "claimed_actor", "place", "provision",
                                                        "incident", "incident__verification"), pk=pk)
    return render(request, "web/allegations/detail.html", _detail(request, allegation))


def _detail(request: HttpRequest, allegation: Allegation, **forms: Any) -> dict[str, Any]:
    user = request.user
    incident = allegation.incident
    if incident is not None and not access.can_see(user, incident):
        incident = None
    may_update = access.can(user, "allegation.update", allegation)
    return {
        "allegation": allegation, "incident": incident,
        "verification": getattr(incident, "verification", None),
        "may_update": may_update,
        "link_form": forms.get("link_form") or LinkForm(),
        "response_form": forms.get("response_form") or ResponseForm(
            initial={"response": allegation.response, "response_at": allegation.response_at}),
        "candidates": _candidates(allegation, user) if may_update and allegation.incident_id is None else [],
    }


def _candidates(allegation: Allegation, user: Any) -> QuerySet[Incident]:
    """Incidents of the same category whose time overlaps the claim: likely the same event."""
    return (access.visible(Incident.objects.all(), user)
            .filter(category=allegation.category, occurred_start__lte=allegation.claimed_end,
                    occurred_end__gte=allegation.claimed_start)
            .select_related("zone").order_by("-occurred_start")[:10])


def _for_update(request: HttpRequest, pk: int) -> Allegation:
    allegation = get_object_or_404(visible_allegations(request.user), pk=pk)
    if not access.can(request.user, "allegation.update", allegation):
        raise PermissionDenied
    return allegation


@require_POST
@roles(READERS)
def link(request: HttpRequest, pk: int) -> HttpResponse:
    allegation = _for_update(request, pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        incident = access.visible(Incident.objects.all(), request.user).filter(pk=form.cleaned_data["incident"]).first()
        if incident is None:
            form.add_error("incident", _("No incident with this reference."))
        else:
            try:
                update_allegation(allegation, {"incident": incident}, request.user)
            except RaqibError as exc:
                refused(request, exc)
            else:
                return done(request, _("Linked to %(ref)s.") % {"ref": incident.reference},
                            reverse("web:allegation", args=[pk]))
    return render(request, "web/allegations/detail.html", _detail(request, allegation, link_form=form), status=400)


@require_POST
@roles(READERS)
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    allegation = _for_update(request, pk)
    form = ResponseForm(request.POST)
    if form.is_valid():
        try:
            update_allegation(allegation, dict(form.cleaned_data), request.user)
        except RaqibError as exc:
            refused(request, exc)
        else:
            return done(request, _("The response was recorded."), reverse("web:allegation", args=[pk]))
    return render(request, "web/allegations/detail.html", _detail(request, allegation, response_form=form),
                  status=400)
