"""Forms of the arms-embargo pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raqib.actors.models import Party
from raqib.embargo.models import EmbargoEvent
from raqib.geo.models import Place
from raqib.web.forms.fields import DateTimeInput, NamedChoiceField, WebForm, choose

# Identifiers are written as they are (Latin letters and digits, left to right), never translated.
CODE = {"dir": "ltr", "translate": "no"}


class SecondsInput(DateTimeInput):
    """A time to the second: an arrival read from a track file keeps the second it was seen."""

    def __init__(self) -> None:
        super().__init__({"step": "1"})
        self.format = "%Y-%m-%dT%H:%M:%S"


class EventTransitionForm(WebForm):
    state = forms.ChoiceField(label=_("New state"), choices=())
    note = forms.CharField(label=_("Note for the record"), required=False, max_length=500,
                           widget=forms.TextInput(attrs={"dir": "auto"}))

    def __init__(self, *args: Any, event: EmbargoEvent, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(EmbargoEvent.State.choices)
        choose(self.fields["state"], [(s, labels[s]) for s in EmbargoEvent.TRANSITIONS.get(event.state, ())])


class TrackImportForm(WebForm):
    file = forms.FileField(label=_("Track file (CSV)"),
                           help_text=_("Header: identifier,time,lat,lon,altitude_ft (aircraft) or "
                                       "identifier,time,lat,lon,speed_kn (vessels)."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}))
    vector = forms.ChoiceField(label=_("Kind of track"), required=False,
                               choices=[("", _("As the header says")), ("air", _("aircraft")), ("sea", _("vessels"))])


class EventEditForm(WebForm):
    """An event's description as the API records it (``EmbargoEvent`` less its state, which moves
    by EventTransitionForm, and its link to a track file), filled with the current values, with
    the reason for the change. The service normalises the identifiers and checks them against
    the vector.

    Each field carries the value it was shown with, so only what the user changed is saved: a
    field someone else corrected meanwhile is not put back."""

    vector = forms.ChoiceField(label=_("Vector"), choices=EmbargoEvent.Vector.choices)
    occurred_at = forms.DateTimeField(label=_("When"), widget=SecondsInput())
    registration = forms.CharField(label=_("Aircraft registration"), required=False, max_length=12,
                                   widget=forms.TextInput(attrs=CODE))
    icao24 = forms.CharField(label=_("ICAO 24-bit address"), required=False, max_length=6,
                             widget=forms.TextInput(attrs=CODE))
    callsign = forms.CharField(label=_("Call sign"), required=False, max_length=10, widget=forms.TextInput(attrs=CODE))
    vessel_name = forms.CharField(label=_("Vessel name"), required=False, max_length=200,
                                  widget=forms.TextInput(attrs={"dir": "auto", "translate": "no"}))
    imo = forms.CharField(label=_("IMO number"), required=False, max_length=11, widget=forms.TextInput(attrs=CODE))
    mmsi = forms.CharField(label=_("MMSI"), required=False, max_length=9, widget=forms.TextInput(attrs=CODE))
    flag = forms.CharField(label=_("Flag"), required=False, max_length=2, widget=forms.TextInput(attrs=CODE))
    origin = forms.CharField(label=_("Origin"), required=False, max_length=300,
                             widget=forms.TextInput(attrs={"dir": "auto"}))
    destination = NamedChoiceField(label=_("Destination"), queryset=Place.objects.none(), required=False,
                                   empty_label=_("Unknown"))
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90,
                           widget=forms.NumberInput(attrs={"step": "any"}))
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180,
                           widget=forms.NumberInput(attrs={"step": "any"}))
    supplier = NamedChoiceField(label=_("Supplier"), queryset=Party.objects.order_by("key"), required=False,
                                empty_label=_("Unknown"))
    recipient = NamedChoiceField(label=_("Recipient"), queryset=Party.objects.order_by("key"), required=False,
                                 empty_label=_("Unknown"))
    cargo = forms.CharField(label=_("Cargo"), required=False, max_length=20_000,
                            widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))
    evidence = forms.CharField(label=_("Evidence"), required=False, max_length=20_000,
                               widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}))
    note = forms.CharField(label=_("Why the change was made"), required=False, max_length=300,
                           widget=forms.TextInput(attrs={"dir": "auto"}))

    FIELDS = ("vector", "occurred_at", "registration", "icao24", "callsign", "vessel_name", "imo", "mmsi", "flag",
              "origin", "destination", "lat", "lon", "supplier", "recipient", "cargo", "evidence")

    def __init__(self, *args: Any, event: EmbargoEvent, places: Any, **kwargs: Any) -> None:
        kwargs["initial"] = {name: getattr(event, name) for name in self.FIELDS}
        super().__init__(*args, **kwargs)
        self.event = event
        for name in self.FIELDS:
            self.fields[name].show_hidden_initial = True
        destination = self.fields["destination"]
        assert isinstance(destination, forms.ModelChoiceField)
        destination.queryset = places

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (cleaned.get("lat") is None) != (cleaned.get("lon") is None):
            raise forms.ValidationError(_("Give both the latitude and the longitude, or neither."))
        return cleaned

    def changes(self) -> dict[str, Any]:
        """The fields the user changed, as ``update_event`` takes them."""
        out: dict[str, Any] = {}
        for name in (n for n in self.changed_data if n in self.FIELDS):
            value, current = self.cleaned_data[name], getattr(self.event, name)
            if getattr(value, "pk", value) != getattr(current, "pk", current):
                out[name] = value
        return out
