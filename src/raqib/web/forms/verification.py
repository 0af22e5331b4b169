"""Forms of the verification workflow: assignment and the move to the next state."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raqib.accounts.models import User
from raqib.actors.models import Party
from raqib.core import access
from raqib.verification.models import Verification
from raqib.verification.services import REVIEW_STATES
from raqib.web.forms.fields import NamedChoiceField, WebForm, choose


def analysts() -> Any:
    return User.objects.filter(role__in=sorted(access.ANALYSTS), is_active=True).order_by("username")


class AssignForm(WebForm):
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=User.objects.none(), required=False,
                                      empty_label=_("Nobody"),
                                      widget=forms.Select(attrs={"translate": "no"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = analysts()  # type: ignore[attr-defined]


def next_states(verification: Verification, user: Any) -> list[tuple[str, Any]]:
    """The moves from the current state that this user's role may make."""
    labels = dict(Verification.State.choices)
    may_review = access.can(user, "verification.review", verification)
    return [(s, labels[s]) for s in Verification.TRANSITIONS.get(verification.state, ())
            if may_review or s not in REVIEW_STATES]


class TransitionForm(WebForm):
    state = forms.ChoiceField(label=_("Move to"), choices=())
    outcome = forms.ChoiceField(label=_("Outcome"), required=False,
                                choices=[("", _("Not decided")), *Verification.Outcome.choices])
    outcome_reason = forms.ChoiceField(label=_("Reason it could not be verified"), required=False,
                                       choices=[("", _("Not applicable")), *Verification.Reason.choices])
    attribution = forms.ChoiceField(label=_("Attribution"), required=False,
                                    choices=[("", _("Not decided")), *Verification.Attribution.choices])
    attributed_party = NamedChoiceField(label=_("Attributed to"), queryset=Party.objects.order_by("key"),
                                              required=False, empty_label=_("No party"))
    confidence = forms.ChoiceField(label=_("Confidence"), required=False,
                                   choices=[("", _("Not graded")), *Verification.Confidence.choices])
    findings = forms.CharField(label=_("Findings"), required=False,
                               widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}))
    note = forms.CharField(label=_("Note for the record"), required=False, max_length=500,
                           widget=forms.TextInput(attrs={"dir": "auto"}))

    def __init__(self, *args: Any, verification: Verification, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {f: getattr(verification, f) for f in
                                      ("outcome", "outcome_reason", "attribution", "confidence", "findings")}
                          | {"attributed_party": verification.attributed_party_id})
        super().__init__(*args, **kwargs)
        choose(self.fields["state"], next_states(verification, user))

    def finding_values(self) -> dict[str, Any]:
        keys = ("outcome", "outcome_reason", "attribution", "attributed_party", "confidence", "findings")
        return {k: self.cleaned_data[k] for k in keys}
