"""Forms of the report pages: a new draft (kind, period, language) and a move in the workflow."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raqib.reports.models import Report
from raqib.web.forms.fields import DateInput, WebForm, choose


class NewReportForm(WebForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Report.Kind.choices)
    period_start = forms.DateField(label=_("From (or the day of a daily report)"), widget=DateInput())
    period_end = forms.DateField(label=_("Until (periodic report and public summary)"), required=False,
                                 widget=DateInput())
    lang = forms.ChoiceField(label=_("Language"), choices=Report.Lang.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: dt.date | None = data.get("period_start")
        if start is not None and (data.get("kind") == "daily" or not data.get("period_end")):
            data["period_end"] = start
        return data


class ReportMoveForm(WebForm):
    state = forms.ChoiceField(label=_("Move to"), choices=())
    note = forms.CharField(label=_("Note for the record"), required=False, max_length=500,
                           widget=forms.TextInput(attrs={"dir": "auto"}))

    def __init__(self, *args: Any, states: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Report.State.choices)
        choose(self.fields["state"], [(s, labels[s]) for s in states])
