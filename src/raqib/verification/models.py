from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from raqib.core.models import AuditedModel


class Verification(AuditedModel):
    """The mission's verification of one incident: its workflow state, outcome, attribution
    (recorded apart from the outcome) and confidence."""

    class State(models.TextChoices):
        RECEIVED = "received", _("received")
        TRIAGED = "triaged", _("triaged")
        UNDER_VERIFICATION = "under_verification", _("under verification")
        FINDINGS_DRAFTED = "findings_drafted", _("findings drafted")
        REVIEWED = "reviewed", _("reviewed")
        CLOSED = "closed", _("closed")

    # Allowed moves, declared once and enforced by the service. A closed case reopens
    # (to under_verification) when new evidence comes.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        "received": ("triaged", "closed"),
        "triaged": ("under_verification", "closed"),
        "under_verification": ("findings_drafted",),
        "findings_drafted": ("reviewed", "under_verification"),
        "reviewed": ("closed", "under_verification"),
        "closed": ("under_verification",),
    }

    class Outcome(models.TextChoices):
        VERIFIED = "verified", _("verified")
        PARTLY_VERIFIED = "partly_verified", _("partly verified")
        COULD_NOT_BE_VERIFIED = "could_not_be_verified", _("could not be verified")
        UNFOUNDED = "unfounded", _("unfounded")

    class Reason(models.TextChoices):
        ACCESS_DENIED = "access_denied", _("access denied")
        INSUFFICIENT_EVIDENCE = "insufficient_evidence", _("insufficient evidence")
        SECURITY = "security", _("security")

    class Attribution(models.TextChoices):
        PARTY = "party", _("attributable to a party")
        NOT_ATTRIBUTABLE = "not_attributable", _("not attributable")
        CONTESTED = "contested", _("contested")

    class Confidence(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        FAIR = "fair", _("fair")
        WEAK = "weak", _("weak")
        CONTESTED = "contested", _("contested")
        DISCOUNTED = "discounted", _("discounted")

    incident = models.OneToOneField("incidents.Incident", on_delete=models.CASCADE, related_name="verification")
    state = models.CharField(_("state"), max_length=30, choices=State.choices, default=State.RECEIVED)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="verifications", verbose_name=_("assigned to"))
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    outcome_reason = models.CharField(_("reason"), max_length=30, choices=Reason.choices, blank=True)
    attribution = models.CharField(_("attribution"), max_length=20, choices=Attribution.choices, blank=True)
    attributed_party = models.ForeignKey("actors.Party", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+", verbose_name=_("attributed to"))
    confidence = models.CharField(_("confidence"), max_length=20, choices=Confidence.choices, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        indexes = [
            models.Index(fields=["state"], name="verification_state_idx"),
            # The dashboard's overdue list: open verifications, least recently touched first
            # (a scan of a million verifications without it).
            models.Index(fields=["updated_at"], condition=~models.Q(state="closed"), name="verification_open_idle_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="could_not_be_verified") | ~models.Q(outcome_reason=""),
                name="verification_unverifiable_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(attribution="party") | models.Q(attributed_party__isnull=False),
                name="verification_attribution_names_party",
            ),
        ]

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS.get(self.state, ())
