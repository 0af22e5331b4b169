"""Small helpers every view module shares."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import get_language

from raqib.core.errors import RaqibError


def lang() -> str:
    return (get_language() or "en")[:2]


def refused(request: HttpRequest, exc: RaqibError) -> None:
    """Show a service's refusal (its message is written for the user) on the next page."""
    messages.error(request, exc.message)


def done(request: HttpRequest, text: Any, to: str) -> HttpResponse:
    messages.success(request, text)
    return HttpResponseRedirect(to)
