"""Forms of the foreign-forces ledger and of the chief's compliance assessment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raqib.agreements.models import ComplianceAssessment
from raqib.forces.models import MAX_PERSONNEL, ForceMovement, StrengthEstimate
from raqib.geo.models import Place
from raqib.web.forms.fields import DateInput, NamedChoiceField, WebForm, choose


def _personnel(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=MAX_PERSONNEL)


def _check_range(cleaned: dict[str, Any], low: str, high: str) -> None:
    if cleaned.get(low) is not None and cleaned.get(high) is not None and cleaned[low] > cleaned[high]:
        raise forms.ValidationError({high: _("The maximum is below the minimum.")})


class EstimateForm(WebForm):
    as_of = forms.DateField(label=_("As of"), widget=DateInput())
    minimum = _personnel(_("Minimum"))
    maximum = _personnel(_("Maximum"))
    basis = forms.ChoiceField(label=_("Basis"), choices=StrengthEstimate.Basis.choices)
    source = forms.CharField(label=_("Source"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_range(cleaned, "minimum", "maximum")
        return cleaned


class MovementForm(WebForm):
    kind = forms.ChoiceField(label=_("Movement"), choices=ForceMovement.Kind.choices)
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput())
    personnel_min = _personnel(_("Personnel (minimum)"))
    personnel_max = _personnel(_("Personnel (maximum)"))
    from_place = NamedChoiceField(label=_("From"), queryset=Place.objects.none(), required=False)
    to_place = NamedChoiceField(label=_("To"), queryset=Place.objects.none(), required=False)
    batch = forms.IntegerField(label=_("Batch number"), min_value=1, max_value=10_000, required=False)
    source = forms.CharField(label=_("Source"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        places = Place.objects.filter(kind__in=("airbase", "airport", "port", "city", "town")).order_by("name_en")
        for name in ("from_place", "to_place"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = places

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_range(cleaned, "personnel_min", "personnel_max")
        return cleaned


class MovementTransitionForm(WebForm):
    state = forms.ChoiceField(label=_("Verification"), choices=())
    note = forms.CharField(label=_("Note for the record"), required=False, max_length=500,
                           widget=forms.TextInput(attrs={"dir": "auto"}))

    def __init__(self, *args: Any, movement: ForceMovement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(ForceMovement.State.choices)
        choose(self.fields["state"], [(s, labels[s]) for s in ForceMovement.TRANSITIONS.get(movement.state, ())])


class DayForm(forms.Form):
    on = forms.DateField(label=_("On"), required=False, widget=DateInput())


class ComplianceForm(WebForm):
    status = forms.ChoiceField(label=_("Status"), choices=ComplianceAssessment.Status.choices)
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DateInput())
    justification = forms.CharField(label=_("Justification"), max_length=5000,
                                    widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))
    override = forms.BooleanField(label=_("Override the rule"), required=False,
                                  help_text=_("Needed when a rule sets this provision's status."))
