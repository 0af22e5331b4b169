from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from raqib.web.forms.fields import WebForm


class XLSFormUploadForm(WebForm):
    file = forms.FileField(label=_("XLSForm (.xlsx, .xls or .csv)"),
                           help_text=_("A changed form needs a new version in its settings sheet."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv"}))
