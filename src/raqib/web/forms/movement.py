"""Forms of the freedom-of-movement pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raqib.actors.models import Party
from raqib.geo.models import Place
from raqib.mission.models import Team
from raqib.movement.models import MAX_DURATION_MINUTES, Restriction
from raqib.web.forms.fields import DateInput, DateTimeInput, NamedChoiceField, WebForm, choose


class RestrictionForm(WebForm):
    kind = forms.ChoiceField(label=_("Kind of restriction"), choices=Restriction.Kind.choices)
    occurred_at = forms.DateTimeField(label=_("When"), widget=DateTimeInput())
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), required=False, min_value=0,
                                          max_value=MAX_DURATION_MINUTES)
    party = NamedChoiceField(label=_("Party responsible"), queryset=Party.objects.order_by("key"), required=False,
                             empty_label=_("Unknown"))
    actor_description = forms.CharField(label=_("Who imposed it"), required=False, max_length=300,
                                        widget=forms.TextInput(attrs={"dir": "auto"}),
                                        help_text=_("The unit, checkpoint or people, as the team saw them."))
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.filter(active=True).order_by("name"),
                                  required=False, empty_label=_("None"))
    task_affected = forms.CharField(label=_("Task affected"), required=False, max_length=5000,
                                    widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))
    reason_given = forms.CharField(label=_("Reason given"), required=False, max_length=5000,
                                   widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))
    description = forms.CharField(label=_("What happened"), required=False, max_length=10_000,
                                  widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}))
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.all(), required=False,
                                   widget=forms.HiddenInput())
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90,
                           widget=forms.NumberInput(attrs={"step": "any"}))
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180,
                           widget=forms.NumberInput(attrs={"step": "any"}))
    shared_with_jmc = forms.BooleanField(label=_("Share with the Joint Military Commission"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (cleaned.get("lat") is None) != (cleaned.get("lon") is None):
            raise forms.ValidationError(_("Give both the latitude and the longitude, or neither."))
        if not cleaned.get("party") and not (cleaned.get("actor_description") or "").strip():
            raise forms.ValidationError({"actor_description": _("Name the party responsible or describe who imposed it.")})
        return cleaned


class RestrictionTransitionForm(WebForm):
    state = forms.ChoiceField(label=_("New state"), choices=())
    on = forms.DateField(label=_("Raised with the JMC on"), required=False, widget=DateInput(),
                         help_text=_("Only when raising it with the JMC; today if left empty."))
    note = forms.CharField(label=_("Note for the record"), required=False, max_length=500,
                           widget=forms.TextInput(attrs={"dir": "auto"}))

    def __init__(self, *args: Any, restriction: Restriction, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Restriction.State.choices)
        choose(self.fields["state"], [(s, labels[s]) for s in Restriction.TRANSITIONS.get(restriction.state, ())])


class PeriodForm(WebForm):
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("since") and cleaned.get("until") and cleaned["since"] > cleaned["until"]:
            raise forms.ValidationError(_("The period starts after it ends."))
        return cleaned
