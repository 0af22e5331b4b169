"""Where each provision stands, on the agreement page: the history of its assessments, and the
chief's form to set a status with a justification."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from raqib.agreements.compliance import set_status
from raqib.agreements.models import ComplianceAssessment, Provision
from raqib.core import access
from raqib.core.errors import RaqibError
from raqib.web.decorators import action
from raqib.web.forms.forces import ComplianceForm
from raqib.web.views.common import done, refused


def sees_compliance(user: Any) -> bool:
    return not access.visible(ComplianceAssessment.objects.all(), user).query.is_empty()


def context(request: HttpRequest, sees: bool) -> dict[str, Any]:
    """What the agreement page adds: each provision's assessments, newest first, and the form."""
    if not sees:
        return {"sees_compliance": False}
    history: dict[int, list[ComplianceAssessment]] = {}
    for a in access.visible(ComplianceAssessment.objects.select_related("set_by"), request.user).order_by(
            "-assessed_on", "-pk"):
        history.setdefault(a.provision_id, []).append(a)
    may_set = access.can(request.user, "compliance.set")
    return {
        "sees_compliance": True,
        "show_figures": access.role_of(request.user) in access.STAFF,
        "show_actors": access.can(request.user, "audit.read"),
        "compliance_history": history,
        # One form per provision, each with its own field ids.
        "compliance_forms": {pk: ComplianceForm(initial={"assessed_on": timezone.localdate()}, auto_id=f"c{pk}_%s")
                             for pk in access.visible(Provision.objects.all(), request.user).values_list("pk", flat=True)}
        if may_set else {},
    }


@require_POST
@action("compliance.set")
def set_compliance(request: HttpRequest, pk: int) -> HttpResponse:
    provision = get_object_or_404(access.visible(Provision.objects.select_related("agreement"), request.user), pk=pk)
    if not access.can(request.user, "compliance.set", provision):
        raise PermissionDenied
    form = ComplianceForm(request.POST)
    target = reverse("web:agreement") + f"#text-{pk}"
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[f].label if f in form.fields else ''}: {' '.join(map(str, e))}".lstrip(": ")
                           for f, e in form.errors.items())
        refused(request, RaqibError(errors))
        return HttpResponseRedirect(target)
    data = form.cleaned_data
    try:
        set_status(provision, data["status"], data["justification"], request.user, on=data["assessed_on"],
                   override=data["override"])
    except RaqibError as exc:
        refused(request, exc)
        return HttpResponseRedirect(target)
    return done(request, _("The status of provision %(n)s is recorded.") % {"n": provision.number}, target)
