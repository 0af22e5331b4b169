from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raqib.web.forms.fields import DateInput, WebForm, choose

from raqib.geo.models import Zone


class ZoneTransitionForm(WebForm):
    status = forms.ChoiceField(label=_("New status"), choices=())
    note = forms.CharField(label=_("Note for the record"), required=False, max_length=500,
                           widget=forms.TextInput(attrs={"dir": "auto"}))

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Zone.Status.choices)
        choose(self.fields["status"], [(s, labels[s]) for s in Zone.TRANSITIONS.get(zone.status, ())])


class ReadinessForm(WebForm):
    """One checklist item's assessment: ``key`` is security … or ``consent:<party key>``."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=100)
    met = forms.BooleanField(label=_("Met"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.TextInput(attrs={"dir": "auto"}))
    assessed_on = forms.DateField(label=_("Assessed on"), required=False, widget=DateInput())


class HandoverForm(WebForm):
    handed_over_on = forms.DateField(label=_("Handed over on"), widget=DateInput())
    receiving_authority_en = forms.CharField(label=_("Receiving authority (English)"), max_length=200, required=False,
                                             widget=forms.TextInput(attrs={"dir": "ltr"}))
    receiving_authority_ar = forms.CharField(label=_("Receiving authority (Arabic)"), max_length=200, required=False,
                                             widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}))
    note = forms.CharField(label=_("Note for the record"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"dir": "auto", "rows": 3}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("receiving_authority_en") and not cleaned.get("receiving_authority_ar"):
            raise forms.ValidationError(_("Name the authority that received the zone."))
        return cleaned
