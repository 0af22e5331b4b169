"""``/provisions/{id}/compliance``: where a provision stands, its history, and the chief's word."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router

from raqib.agreements.compliance import set_status, status_of
from raqib.agreements.models import ComplianceAssessment, Provision
from raqib.api.auth import actor
from raqib.api.lookups import get_visible, readable, require
from raqib.api.schemas.forces import ComplianceIn, ComplianceOut, Day, compliance_out
from raqib.core import access

router = Router(tags=["provisions"])


def _answer(provision: Provision, user: Any, on: Any) -> dict[str, Any]:
    day = on or timezone.localdate()
    shown = list(readable(ComplianceAssessment.objects.filter(provision=provision), user)
                 .select_related("set_by").order_by("-assessed_on", "-pk"))
    # The figures come from the foreign-forces ledger and the incidents: staff only.
    return compliance_out(status_of(provision, day), day, shown,
                          show_figures=access.role_of(user) in access.STAFF,
                          show_actor=access.can(user, "audit.read"))


@router.get("/{int:provision_id}/compliance", response=ComplianceOut, summary="Read a provision's compliance status")
def read(request: HttpRequest, provision_id: int, on: Day | None = None) -> dict[str, Any]:
    user = actor(request)
    provision = get_visible(Provision.objects.select_related("agreement"), user, pk=provision_id)
    return _answer(provision, user, on)


@router.post("/{int:provision_id}/compliance", response={201: ComplianceOut},
             summary="Set a provision's compliance status (the chief)")
def post(request: HttpRequest, provision_id: int, payload: ComplianceIn) -> dict[str, Any]:
    user = actor(request)
    provision = get_visible(Provision.objects.select_related("agreement"), user, pk=provision_id)
    require(user, "compliance.set", provision, _("Only the chief may set a provision's status."))
    set_status(provision, payload.status, payload.justification, user, on=payload.assessed_on,
               override=payload.override)
    return _answer(provision, user, payload.assessed_on)
