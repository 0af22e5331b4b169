"""Writing from the field: a new incident with its observation and photos, an observation or
photos added to an incident."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from raqib.core import access
from raqib.core.errors import RaqibError
from raqib.web import filing
from raqib.web.decorators import READERS, action, roles
from raqib.web.forms.incidents import ObservationFields, PhotosForm, ReportForm
from raqib.web.queries.incidents import visible_incidents
from raqib.web.views.common import done, lang, refused
from raqib.web.views.incidents import detail_context


@action("incident.create")
def new_report(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST or None, request.FILES or None, initial={"language": lang()})
    if request.method == "POST" and form.is_valid():
        try:
            incident = filing.file_report(form.cleaned_data, request.user)
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("Recorded as %(ref)s.") % {"ref": incident.reference},
                        reverse("web:incident", args=[incident.pk]))
    return render(request, "web/incidents/new.html", {"form": form}, status=400 if form.errors else 200)


@action("observation.create")
def new_observation(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(visible_incidents(request.user), pk=pk)
    form = ObservationFields(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            filing.add_observation(incident, form.cleaned_data, request.user)
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("The observation was added."), reverse("web:incident", args=[incident.pk]))
    return render(request, "web/incidents/observation.html", {"form": form, "incident": incident},
                  status=400 if form.errors else 200)


@require_POST
@roles(READERS)
def add_photos(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(visible_incidents(request.user).select_related("verification"), pk=pk)
    if not access.can(request.user, "evidence.create", incident):
        raise PermissionDenied
    form = PhotosForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            filing.attach_photos(incident, form.cleaned_data["photos"], request.user,
                                 form.cleaned_data["description"])
        except RaqibError as exc:
            refused(request, exc)
        else:
            return done(request, _("The photos were added to the evidence."),
                        reverse("web:incident", args=[incident.pk]))
    context = detail_context(request, incident, photos_form=form)
    return render(request, "web/incidents/detail.html", context, status=400)
