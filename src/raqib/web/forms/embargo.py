"""Forms of the arms-embargo pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raqib.embargo.models import EmbargoEvent
from raqib.web.forms.fields import WebForm, choose


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
