"""Forms of the explosive-hazards pages: a hazardous area, its state, land release, accidents."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raqib.geo.models import Place
from raqib.hazards.models import Activity, EOVictim, HazardArea, LandRelease, OrdnanceType
from raqib.web.forms.fields import DateInput, DateTimeInput, WebForm, choose

MAX_GEOJSON = 200_000  # characters


class HazardForm(WebForm):
    code = forms.CharField(label=_("Code"), max_length=40, help_text=_("For example LBY-SRT-0001."),
                           widget=forms.TextInput(attrs={"translate": "no", "dir": "ltr"}))
    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"}))
    status = forms.ChoiceField(label=_("Status"), choices=HazardArea.Status.choices)
    ordnance_types = forms.MultipleChoiceField(label=_("Explosive-ordnance types"), choices=OrdnanceType.choices,
                                               required=False, widget=forms.CheckboxSelectMultiple)
    reported_on = forms.DateField(label=_("Reported on"), widget=DateInput())
    geometry = forms.CharField(label=_("Polygon (GeoJSON)"), max_length=MAX_GEOJSON,
                               help_text=_("A GeoJSON Polygon in longitude, latitude, e.g. "
                                           "{\"type\": \"Polygon\", \"coordinates\": [[[16.42, 31.20], …]]}."),
                               widget=forms.Textarea(attrs={"rows": 4, "dir": "ltr", "translate": "no"}))
    area_m2 = forms.IntegerField(label=_("Area (m²)"), required=False, min_value=1, max_value=10_000_000_000,
                                 help_text=_("Leave empty to compute it from the polygon."))
    contamination_evidence = forms.CharField(label=_("Evidence of contamination"), required=False, max_length=20_000,
                                             widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))

    def clean_geometry(self) -> Any:
        try:
            return json.loads(self.cleaned_data["geometry"])
        except ValueError:
            raise forms.ValidationError(_("This is not valid JSON.")) from None



class HazardEditForm(HazardForm):
    """The create form less the code (a hazard keeps its code), filled with the hazard's values,
    with the reason for the change. Its state moves by HazardTransitionForm only.

    Each field carries the value it was shown with, so only what the user changed is saved: a
    field someone else corrected meanwhile is not put back (the API's PATCH, field by field)."""

    note = forms.CharField(label=_("Why the change was made"), required=False, max_length=300,
                           widget=forms.TextInput(attrs={"dir": "auto"}))

    AS_STORED = ("name", "status", "ordnance_types", "reported_on", "area_m2", "contamination_evidence")

    def __init__(self, *args: Any, hazard: HazardArea, **kwargs: Any) -> None:
        kwargs["initial"] = {name: getattr(hazard, name) for name in self.AS_STORED}
        kwargs["initial"]["geometry"] = json.dumps(hazard.geometry)
        super().__init__(*args, **kwargs)
        self.hazard = hazard
        del self.fields["code"]
        for name, field in self.fields.items():
            field.show_hidden_initial = name != "note"
        # A suspected area may be confirmed; a confirmed one is never downgraded (the service's rule).
        labels = dict(HazardArea.Status.choices)
        choose(self.fields["status"], [(s, labels[s]) for s in (hazard.status,
                                                              *HazardArea.STATUS_TRANSITIONS.get(hazard.status, ()))])
        self.fields["area_m2"].help_text = _("Leave empty to compute it from the polygon. A new polygon has its "
                                             "area computed again unless you change the area too.")

    def changes(self) -> dict[str, Any]:
        """The fields the user changed, as ``update_hazard`` takes them. The service computes the
        area of a polygon sent without one, so an emptied area sends the polygon alone."""
        cleaned, hazard, changed = self.cleaned_data, self.hazard, set(self.changed_data)
        out: dict[str, Any] = {name: cleaned[name] for name in ("name", "status", "reported_on",
                                                                 "contamination_evidence")
                               if name in changed and cleaned[name] != getattr(hazard, name)}
        if "ordnance_types" in changed and set(cleaned["ordnance_types"]) != set(hazard.ordnance_types):
            out["ordnance_types"] = cleaned["ordnance_types"]
        geometry = cleaned["geometry"]
        if "geometry" in changed and (not isinstance(geometry, dict) or
                                      {k: geometry.get(k) for k in ("type", "coordinates")} != hazard.geometry):
            out["geometry"] = geometry
        if cleaned["area_m2"] is None:
            out.setdefault("geometry", hazard.geometry)
        elif "area_m2" in changed and cleaned["area_m2"] != hazard.area_m2:
            out["area_m2"] = cleaned["area_m2"]
        return out


class HazardTransitionForm(WebForm):
    state = forms.ChoiceField(label=_("New state"), choices=())
    note = forms.CharField(label=_("Note for the record"), required=False, max_length=500,
                           widget=forms.TextInput(attrs={"dir": "auto"}))

    def __init__(self, *args: Any, hazard: HazardArea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(HazardArea.State.choices)
        choose(self.fields["state"], [(s, labels[s]) for s in HazardArea.TRANSITIONS.get(hazard.state, ())])


class LandReleaseForm(WebForm):
    method = forms.ChoiceField(label=_("Method"), choices=LandRelease.Method.choices,
                               help_text=_("Non-technical survey cancels land, technical survey reduces it, "
                                           "clearance clears it."))
    area_m2 = forms.IntegerField(label=_("Area released (m²)"), min_value=1, max_value=10_000_000_000)
    items_found = forms.IntegerField(label=_("Items found"), min_value=0, max_value=1_000_000, initial=0)
    items_destroyed = forms.IntegerField(label=_("Items destroyed"), min_value=0, max_value=1_000_000, initial=0)
    operator = forms.CharField(label=_("Operator"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"}))
    started_on = forms.DateField(label=_("Started on"), widget=DateInput())
    finished_on = forms.DateField(label=_("Finished on"), widget=DateInput())
    notes = forms.CharField(label=_("Notes"), required=False, max_length=20_000,
                            widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("started_on"), cleaned.get("finished_on")
        if start and end and end < start:
            raise forms.ValidationError({"finished_on": _("The task finishes before it starts.")})
        return cleaned


class AccidentForm(WebForm):
    occurred_at = forms.DateTimeField(label=_("Occurred at"), widget=DateTimeInput())
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.none(), required=False,
                                   to_field_name="key")
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    hazard = forms.ModelChoiceField(label=_("Hazardous area"), queryset=HazardArea.objects.none(), required=False,
                                    to_field_name="code")
    ordnance_type = forms.ChoiceField(label=_("Explosive-ordnance type"), required=False,
                                      choices=[("", _("Unknown")), *OrdnanceType.choices])
    activity = forms.ChoiceField(label=_("Activity at the time"), choices=Activity.choices, initial=Activity.UNKNOWN)
    description = forms.CharField(label=_("Description"), required=False, max_length=20_000,
                                  widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))

    def __init__(self, *args: Any, places: Any, hazards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        place, hazard = self.fields["place"], self.fields["hazard"]
        assert isinstance(place, forms.ModelChoiceField) and isinstance(hazard, forms.ModelChoiceField)
        place.queryset = places
        hazard.queryset = hazards

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (cleaned.get("lat") is None) != (cleaned.get("lon") is None):
            raise forms.ValidationError(_("Give both the latitude and the longitude, or neither."))
        return cleaned


class VictimForm(WebForm):
    category = forms.ChoiceField(label=_("Category"), choices=EOVictim.Category.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=EOVictim.Outcome.choices)
    sex = forms.ChoiceField(label=_("Sex"), choices=EOVictim.Sex.choices, initial=EOVictim.Sex.UNKNOWN)
    age_group = forms.ChoiceField(label=_("Age group"), choices=EOVictim.AgeGroup.choices,
                                  initial=EOVictim.AgeGroup.UNKNOWN)
