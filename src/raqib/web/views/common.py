"""Small helpers every view module shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from raqib.core.errors import RaqibError


def lang() -> str:
    return (get_language() or "en")[:2]


def refused(request: HttpRequest, exc: RaqibError) -> None:
    """Show a service's refusal (its message is written for the user) on the next page."""
    messages.error(request, exc.message)


def done(request: HttpRequest, text: Any, to: str) -> HttpResponse:
    messages.success(request, text)
    return HttpResponseRedirect(to)


def save_changes(request: HttpRequest, form: Any, update: Callable[[dict[str, Any], str], Any],
                 to: str) -> HttpResponse | None:
    """Save what an edit form changed (its ``changes()``) through ``update(changes, note)``: the
    redirect to ``to`` once saved or when nothing changed; None when the service refused, its
    message then on the form."""
    changes = form.changes()
    if not changes:
        return done(request, _("Nothing was changed."), to)
    try:
        update(changes, form.cleaned_data["note"])
    except RaqibError as exc:
        form.add_error(None, exc.message)
        return None
    return done(request, _("Changes saved."), to)
