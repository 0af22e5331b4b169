"""``/incidents/{id}/verification``: the verification workflow of an incident."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from raqib.api.auth import actor
from raqib.api.lookups import Refs, get_visible, require, user_named
from raqib.api.schemas.verification import AssignIn, TransitionIn, VerificationOut, verification_out
from raqib.verification import services
from raqib.verification.models import Verification

router = Router(tags=["verification"])
FINDINGS = ("outcome", "outcome_reason", "attribution", "confidence", "findings")


def verifications() -> QuerySet[Verification]:
    return Verification.objects.select_related("attributed_party", "assigned_to")


def load(incident_id: int, user: Any) -> dict[str, Any]:
    return verification_out(get_visible(verifications(), user, incident_id=incident_id), user)


@router.get("/{int:incident_id}/verification", response=VerificationOut, exclude_unset=True,
            summary="Read an incident's verification")
def read(request: HttpRequest, incident_id: int) -> dict[str, Any]:
    return load(incident_id, actor(request))


@router.post("/{int:incident_id}/verification/transition", response=VerificationOut, exclude_unset=True,
             summary="Move a verification to another state")
def transition(request: HttpRequest, incident_id: int, payload: TransitionIn) -> dict[str, Any]:
    user = actor(request)
    verification = get_visible(verifications(), user, incident_id=incident_id)
    require(user, "verification.transition", verification, _("Your role may not change a verification."))
    findings = payload.model_dump(include=set(FINDINGS) & payload.model_fields_set)
    if "attributed_party" in payload.model_fields_set:
        findings["attributed_party"] = Refs(user).maybe("party", payload.attributed_party)
    services.transition(verification, payload.state, user, note=payload.note, **findings)
    return load(incident_id, user)


@router.post("/{int:incident_id}/verification/assign", response=VerificationOut, exclude_unset=True,
             summary="Assign a verification")
def assign(request: HttpRequest, incident_id: int, payload: AssignIn) -> dict[str, Any]:
    user = actor(request)
    verification = get_visible(verifications(), user, incident_id=incident_id)
    require(user, "verification.assign", verification, _("Your role may not assign verifications."))
    assignee = user_named(payload.username) if payload.username is not None else None
    services.assign(verification, assignee, user)
    return load(incident_id, user)
