"""The verification workflow: allowed moves are declared on the model and enforced here."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from raqib.actors.models import Party
from raqib.core import access, services
from raqib.core.errors import Forbidden, IllegalTransition, Invalid
from raqib.verification.models import Verification

FINDING_FIELDS = ("outcome", "outcome_reason", "attribution", "attributed_party", "confidence", "findings")
REVIEW_STATES = ("reviewed", "closed")


def assign(verification: Verification, assignee: Any, actor: Any) -> Verification:
    if not access.can(actor, "verification.assign", verification):
        raise Forbidden(_("Your role may not assign verifications."))
    if assignee is not None and access.role_of(assignee) not in access.ANALYSTS:
        raise Invalid(_("A verification can only be assigned to a verifier, the chief or an administrator."))
    services.update(verification, actor, {"assigned_to": assignee}, validate=False)
    return verification


def transition(verification: Verification, state: str, actor: Any, *, note: str = "",
               **findings: Any) -> Verification:
    """Move a verification to ``state``, recording findings given with the move.

    Drafting findings needs an outcome and a confidence; "could not be verified" needs its reason;
    attribution to a party names the party. Review and closure are the chief's.
    """
    unknown = set(findings) - set(FINDING_FIELDS)
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if not access.can(actor, "verification.transition", verification):
        raise Forbidden(_("Your role may not change a verification."))
    if state in REVIEW_STATES and not access.can(actor, "verification.review", verification):
        raise Forbidden(_("Only the chief may review or close a verification."))
    if state not in Verification.State.values:
        raise Invalid(_("Unknown verification state “%(s)s”.") % {"s": state})
    with transaction.atomic():
        current = Verification.objects.select_for_update().get(pk=verification.pk)
        if not current.can_move_to(state):
            raise IllegalTransition(_("A verification cannot move from “%(from)s” to “%(to)s”.")
                                    % {"from": current.state, "to": state})
        changes: dict[str, Any] = {"state": state, **findings}
        merged = {f: findings.get(f, getattr(current, f)) for f in FINDING_FIELDS}
        _check_findings(merged, drafting=state in ("findings_drafted", "reviewed")
                        or (state == "closed" and current.state == "reviewed"))
        if current.state == "closed" and state == "under_verification":
            changes["reopen_count"] = current.reopen_count + 1
        services.update(verification, actor, changes, note=note, validate=False)
    return verification


def _check_findings(f: dict[str, Any], *, drafting: bool) -> None:
    if f["outcome"] and f["outcome"] not in Verification.Outcome.values:
        raise Invalid(_("Unknown outcome “%(o)s”.") % {"o": f["outcome"]})
    if f["outcome_reason"] and f["outcome_reason"] not in Verification.Reason.values:
        raise Invalid(_("Unknown reason “%(r)s”.") % {"r": f["outcome_reason"]})
    if f["attribution"] and f["attribution"] not in Verification.Attribution.values:
        raise Invalid(_("Unknown attribution “%(a)s”.") % {"a": f["attribution"]})
    if f["confidence"] and f["confidence"] not in Verification.Confidence.values:
        raise Invalid(_("Unknown confidence grade “%(c)s”.") % {"c": f["confidence"]})
    if f["outcome"] == "could_not_be_verified" and not f["outcome_reason"]:
        raise Invalid(_("“Could not be verified” needs its reason: access denied, insufficient evidence or security."))
    if f["outcome"] != "could_not_be_verified" and f["outcome_reason"]:
        raise Invalid(_("A reason is only given when the incident could not be verified."))
    if f["attribution"] == "party" and not isinstance(f["attributed_party"], Party):
        raise Invalid(_("Attribution to a party must name the party."))
    if f["attribution"] != "party" and f["attributed_party"] is not None:
        raise Invalid(_("A party is named only when the attribution is to a party."))
    if drafting and (not f["outcome"] or not f["confidence"]):
        raise Invalid(_("Findings need an outcome and a confidence grade."))
