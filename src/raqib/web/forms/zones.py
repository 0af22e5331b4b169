from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raqib.web.forms.fields import WebForm, choose

from raqib.geo.models import Zone


class ZoneTransitionForm(WebForm):
    status = forms.ChoiceField(label=_("New status"), choices=())
    note = forms.CharField(label=_("Note for the record"), required=False, max_length=500,
                           widget=forms.TextInput(attrs={"dir": "auto"}))

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Zone.Status.choices)
        choose(self.fields["status"], [(s, labels[s]) for s in Zone.TRANSITIONS.get(zone.status, ())])
