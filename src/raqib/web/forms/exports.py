"""The export form: a format and the same filters as ``raqib export`` and ``/api/v1/exports``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from raqib.core import access, taxonomy
from raqib.exports import registry
from raqib.geo.models import Zone
from raqib.verification.models import Verification
from raqib.web.forms.fields import DateInput, WebForm, choose


class ExportForm(WebForm):
    format = forms.ChoiceField(label=_("Format"), choices=())
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    zone = forms.ChoiceField(label=_("Zone"), required=False, choices=())
    category = forms.ChoiceField(label=_("Category"), required=False, choices=())
    state = forms.ChoiceField(label=_("Verification state"), required=False, choices=())

    def __init__(self, *args: Any, user: Any, language: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose(self.fields["format"], [(f.key, f.label) for f in registry.FORMATS.values()])
        zones = access.visible(Zone.objects.order_by("phase", "key"), user).values_list("key", "name_en", "name_ar")
        choose(self.fields["zone"], [("", _("All zones"))]
               + [(key, (ar or en) if language == "ar" else (en or ar)) for key, en, ar in zones])
        choose(self.fields["category"], [("", _("All categories")), *taxonomy.CATEGORY_CHOICES])
        choose(self.fields["state"], [("", _("Any state")), *Verification.State.choices])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("“From” is after “Until”."))
        return cleaned
