"""News candidates: events the news intake found in articles, shown to analysts in the
verification queue, accepted (an incident in the ``received`` state, never verified here) or
rejected with a reason. Everyone else sees none of them: a candidate answers them 404."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from raqib.core import access
from raqib.core.errors import RaqibError
from raqib.osint import services
from raqib.osint.models import Candidate
from raqib.web.decorators import signed_in
from raqib.web.views.common import done, refused

# The queue shows this many pending candidates, the most recent first.
QUEUE_SIZE = 50


class AcceptForm(forms.Form):
    """Corrections the analyst may give when the articles told no date or no location."""

    date = forms.DateField(label=gettext_lazy("Date"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}))
    lat = forms.FloatField(label=gettext_lazy("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=gettext_lazy("Longitude"), required=False, min_value=-180, max_value=180)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise forms.ValidationError(_("Give both the latitude and the longitude, or neither."))
        return data

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if v is not None}


class RejectForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=5000, strip=True,
                             widget=forms.Textarea(attrs={"rows": 2}))


def _candidates(user: Any) -> QuerySet[Candidate]:
    return (access.visible(Candidate.objects.all(), user).select_related("place")
            .prefetch_related("sources__article__source"))


def pending(user: Any) -> dict[str, Any]:
    """The queue's section: pending candidates the user may decide (none for anyone else)."""
    if not access.can(user, "candidate.decide"):
        return {"candidates": [], "candidates_total": 0}
    qs = _candidates(user).filter(state=Candidate.State.PENDING).order_by("-date", "-id")
    return {"candidates": list(qs[:QUEUE_SIZE]), "candidates_total": qs.count()}


def _candidate(request: HttpRequest, pk: int) -> Candidate:
    return get_object_or_404(_candidates(request.user), pk=pk)


def _decidable(request: HttpRequest, pk: int) -> Candidate:
    candidate = _candidate(request, pk)
    if not access.can(request.user, "candidate.decide", candidate):
        raise PermissionDenied
    return candidate


@signed_in
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _candidate(request, pk)
    return render(request, "web/candidates/detail.html", {
        "candidate": candidate, "may_decide": access.can(request.user, "candidate.decide", candidate),
        "accept_form": AcceptForm(), "reject_form": RejectForm(),
    })


def _back(request: HttpRequest, pk: int) -> str:
    if request.POST.get("from") == "queue":
        return reverse("web:verification")
    return reverse("web:candidate", args=[pk])


@require_POST
@signed_in
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _decidable(request, pk)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return render(request, "web/candidates/detail.html", {
            "candidate": candidate, "may_decide": True, "accept_form": form, "reject_form": RejectForm(),
        }, status=400)
    try:
        incident = services.accept_candidate(candidate, request.user, form.changes())
    except RaqibError as exc:
        refused(request, exc)
        return HttpResponseRedirect(_back(request, pk))
    return done(request, _("Candidate accepted: incident %(ref)s created. It waits for verification.")
                % {"ref": incident.reference}, reverse("web:incident", args=[incident.pk]))


@require_POST
@signed_in
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _decidable(request, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return render(request, "web/candidates/detail.html", {
            "candidate": candidate, "may_decide": True, "accept_form": AcceptForm(), "reject_form": form,
        }, status=400)
    try:
        services.reject_candidate(candidate, request.user, form.cleaned_data["reason"])
    except RaqibError as exc:
        refused(request, exc)
        return HttpResponseRedirect(_back(request, pk))
    return done(request, _("Candidate rejected."), _back(request, pk))
