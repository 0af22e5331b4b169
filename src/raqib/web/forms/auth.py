from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from raqib.web.forms.fields import RENDERER


class SignInForm(AuthenticationForm):
    default_renderer = RENDERER
    # Each language by its own name, as everywhere: the list is the same in every language.
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES,
                                 widget=forms.Select(attrs={"translate": "no"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or settings.LANGUAGE_CODE)[:2]
        self.fields["username"].widget.attrs["dir"] = "auto"


class CodeForm(forms.Form):
    default_renderer = RENDERER
    code = forms.CharField(label=_("Code from your authenticator app"), max_length=12,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                                         "dir": "ltr", "autofocus": True}))
