"""Forms of the allegation pages."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raqib.actors.models import Party
from raqib.agreements.models import Provision
from raqib.geo.models import Place
from raqib.incidents.models import Allegation, Language
from raqib.web.forms.fields import DateTimeInput, NamedChoiceField, WebForm, category_choices, check_window, choose


class AllegationForm(WebForm):
    category = forms.ChoiceField(label=_("Category"), choices=())
    claimed_start = forms.DateTimeField(label=_("It happened from"), widget=DateTimeInput())
    claimed_end = forms.DateTimeField(label=_("Until"), widget=DateTimeInput())
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.all(), required=False,
                                   widget=forms.HiddenInput())
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90,
                           widget=forms.NumberInput(attrs={"step": "any"}))
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180,
                           widget=forms.NumberInput(attrs={"step": "any"}))
    claimed_actor = NamedChoiceField(label=_("Who did it (claimed)"), queryset=Party.objects.order_by("key"),
                                           required=False, empty_label=_("Unknown"))
    provision = NamedChoiceField(label=_("Provision of the agreement concerned"), required=False,
                                       queryset=Provision.objects.select_related("agreement").order_by("agreement", "pk"),
                                       empty_label=_("Not specified"))
    summary = forms.CharField(label=_("What happened"), max_length=10_000,
                              widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}))
    language = forms.ChoiceField(label=_("Written in"), choices=Language.choices,
                                 widget=forms.Select(attrs={"translate": "no"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose(self.fields["category"], category_choices())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_window(cleaned, "claimed_start", "claimed_end")
        if (cleaned.get("lat") is None) != (cleaned.get("lon") is None):
            raise forms.ValidationError(_("Give both the latitude and the longitude, or neither."))
        return cleaned


class FilerForm(WebForm):
    """Who filed it, asked only of mission staff (a liaison officer always files for their party)."""

    filer_kind = forms.ChoiceField(label=_("Filed by"), choices=Allegation.FiledBy.choices)
    filing_party = NamedChoiceField(label=_("Filing party"), queryset=Party.objects.order_by("key"),
                                          required=False, empty_label=_("None"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("filer_kind") == "party" and not cleaned.get("filing_party"):
            raise forms.ValidationError({"filing_party": _("Name the party that filed it.")})
        return cleaned


INCIDENT_REFERENCE = re.compile(r"^\s*(?:INC-)?0*(\d{1,9})\s*$", re.I)


class LinkForm(WebForm):
    incident = forms.CharField(label=_("Incident reference"), max_length=20,
                               help_text=_("For example INC-000123"))

    def clean_incident(self) -> int:
        match = INCIDENT_REFERENCE.match(self.cleaned_data["incident"])
        if not match:
            raise forms.ValidationError(_("Write an incident reference such as INC-000123."))
        return int(match.group(1))


class ResponseForm(WebForm):
    response = forms.CharField(label=_("The other party's response"), max_length=10_000,
                               widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}))
    response_at = forms.DateTimeField(label=_("Response received"), widget=DateTimeInput())
