"""Forms of the incident pages: the list's filters, the report from the field, photos."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raqib.actors.models import Party
from raqib.geo.models import Place, Precision, Zone
from raqib.incidents.models import Incident, Language, Observation, TimePrecision
from raqib.verification.models import Verification
from raqib.web.forms.fields import (DateInput, DateTimeInput, NamedChoiceField, PhotosField, WebForm,
                                    category_choices, check_category, check_window, choose, subtype_choices)


class IncidentFilterForm(WebForm):
    first = forms.DateField(label=_("From"), required=False, widget=DateInput())
    last = forms.DateField(label=_("To"), required=False, widget=DateInput())
    category = forms.ChoiceField(label=_("Category"), required=False, choices=())
    zone = NamedChoiceField(label=_("Zone"), required=False, queryset=Zone.objects.order_by("phase", "key"),
                                  empty_label=_("All zones"))
    party = NamedChoiceField(label=_("Party"), required=False, queryset=Party.objects.order_by("key"),
                                   empty_label=_("All parties"))
    state = forms.ChoiceField(label=_("Verification state"), required=False,
                              choices=[("", _("All states")), *Verification.State.choices])
    text = forms.CharField(label=_("Text or reference"), required=False, max_length=200,
                           widget=forms.TextInput(attrs={"type": "search"}))

    def __init__(self, *args: Any, show_party: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose(self.fields["category"], [("", _("All categories")), *category_choices()[1:]])
        if not show_party:
            del self.fields["party"]

    def values(self) -> dict[str, Any]:
        return self.cleaned_data if self.is_valid() else {}


class ObservationFields(WebForm):
    """What a team saw or heard, shared by the full report and the observation added later."""

    method = forms.ChoiceField(label=_("How it was observed"), choices=Observation.Method.choices)
    event_class = forms.ChoiceField(label=_("What was observed"), choices=Observation.EventClass.choices)
    observed_start = forms.DateTimeField(label=_("From"), widget=DateTimeInput())
    observed_end = forms.DateTimeField(label=_("Until"), widget=DateTimeInput())
    count = forms.IntegerField(label=_("Count"), min_value=1, max_value=100_000, initial=1)
    distance = forms.ChoiceField(label=_("Distance from the observers"), required=False,
                                 choices=[("", _("Not estimated")), *Observation.Distance.choices])
    bearing = forms.IntegerField(label=_("Bearing (degrees)"), required=False, min_value=0, max_value=359)
    assessed_weapon = forms.CharField(label=_("Assessed weapon"), required=False, max_length=100)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_window(cleaned, "observed_start", "observed_end")
        return cleaned


class ReportForm(ObservationFields):
    """A new incident from the field, with the observation it starts from and its photos."""

    field_order = ["category", "subtype", "observed_start", "observed_end", "time_precision", "lat", "lon",
                   "location_precision", "place", "method", "event_class", "count", "distance", "bearing",
                   "assessed_weapon", "severity", "notes", "language", "photos"]

    category = forms.ChoiceField(label=_("Category"), choices=())
    subtype = forms.ChoiceField(label=_("Subtype"), choices=())
    time_precision = forms.ChoiceField(label=_("Time precision"), choices=TimePrecision.choices,
                                       initial=TimePrecision.HOUR)
    lat = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90,
                           widget=forms.NumberInput(attrs={"step": "any"}))
    lon = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180,
                           widget=forms.NumberInput(attrs={"step": "any"}))
    location_precision = forms.ChoiceField(label=_("Location precision"), choices=Precision.choices,
                                           initial=Precision.EXACT)
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.all(), required=False,
                                   widget=forms.HiddenInput())
    severity = forms.TypedChoiceField(label=_("Severity"), choices=Incident.Severity.choices, coerce=int,
                                      initial=Incident.Severity.LOW)
    language = forms.ChoiceField(label=_("The notes are written in"), choices=Language.choices,
                                 widget=forms.Select(attrs={"translate": "no"}))
    photos = PhotosField(label=_("Photos"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose(self.fields["category"], category_choices())
        choose(self.fields["subtype"], subtype_choices())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        check_category(cleaned)
        return cleaned


class PhotosForm(WebForm):
    photos = PhotosField(label=_("Photos"), required=True)
    description = forms.CharField(label=_("Description"), required=False, max_length=500,
                                  widget=forms.TextInput(attrs={"dir": "auto"}))
