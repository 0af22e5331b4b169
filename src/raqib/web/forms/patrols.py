"""Forms of the patrol pages: plan, check in, report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from raqib.mission.models import MAX_WAYPOINTS, CheckIn, Team
from raqib.web.forms.fields import DateTimeInput, WebForm


def parse_route(text: str) -> list[dict[str, Any]]:
    """One waypoint a line: ``latitude, longitude[, name]``."""
    route: list[dict[str, Any]] = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_WAYPOINTS:
        raise forms.ValidationError(_("A route has at most %(n)d waypoints.") % {"n": MAX_WAYPOINTS})
    for number, line in enumerate(lines, start=1):
        parts = [p.strip() for p in line.split(",", 2)]
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except (IndexError, ValueError):
            raise forms.ValidationError(_("Line %(n)d is not “latitude, longitude, name”.") % {"n": number}) from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise forms.ValidationError(_("Line %(n)d is not a valid latitude and longitude.") % {"n": number})
        point: dict[str, Any] = {"lat": lat, "lon": lon}
        if len(parts) > 2 and parts[2]:
            if len(parts[2]) > 100:
                raise forms.ValidationError(_("The name on line %(n)d is too long.") % {"n": number})
            point["name"] = parts[2]
        route.append(point)
    return route


class PlanPatrolForm(WebForm):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    purpose = forms.CharField(label=_("Purpose"), max_length=500, widget=forms.TextInput(attrs={"dir": "auto"}))
    planned_start = forms.DateTimeField(label=_("Planned start"), widget=DateTimeInput())
    expected_return = forms.DateTimeField(label=_("Expected return"), widget=DateTimeInput())
    check_in_interval_minutes = forms.IntegerField(label=_("Check in every (minutes)"), min_value=5,
                                                   max_value=24 * 60, initial=60)
    route = forms.CharField(label=_("Route"), required=False, max_length=20_000,
                            help_text=_("One waypoint a line: latitude, longitude, name (the name is optional)."),
                            widget=forms.Textarea(attrs={"rows": 5, "dir": "ltr"}))

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = teams

    def clean_route(self) -> list[dict[str, Any]]:
        return parse_route(self.cleaned_data.get("route") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("planned_start"), data.get("expected_return")
        if start and end and end <= start:
            self.add_error("expected_return", _("The expected return must come after the planned start."))
        return data


class CheckInForm(WebForm):
    status = forms.ChoiceField(label=_("Status"), choices=CheckIn.Status.choices, initial=CheckIn.Status.OK)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    note = forms.CharField(label=_("Note"), required=False, max_length=1000,
                           widget=forms.TextInput(attrs={"dir": "auto"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise forms.ValidationError(_("Give both a latitude and a longitude, or neither."))
        return data


class MoveForm(WebForm):
    note = forms.CharField(label=_("Note for the record"), required=False, max_length=300,
                           widget=forms.TextInput(attrs={"dir": "auto"}))


class ReportForm(WebForm):
    nothing_observed = forms.BooleanField(label=_("Nothing observed"), required=False)
    summary = forms.CharField(label=_("Summary"), required=False, max_length=20_000,
                              widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}))
    incidents = forms.CharField(label=_("Incidents observed"), required=False, max_length=2000,
                                help_text=_("Incident references or numbers, separated by commas."))
