"""Who may open a page: signed in first, then the role or the action, asked of raqib.core.access.

Objects are looked up through ``visible()`` in the views themselves, so an object the user may
not see answers 404 before anything else happens.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from raqib.core import access

View = Callable[..., HttpResponseBase]


def roles(allowed: Iterable[str]) -> Callable[[View], View]:
    """Signed-in users whose role is in ``allowed``; others get 403."""
    allowed = frozenset(allowed)

    def decorate(view: View) -> View:
        @login_required
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if access.role_of(request.user) not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def action(name: str) -> Callable[[View], View]:
    """Signed-in users whose role may do ``name`` at all (per-object checks stay in the view)."""

    def decorate(view: View) -> View:
        @login_required
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not access.can(request.user, name):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


signed_in = login_required
STAFF = access.STAFF
READERS = access.STAFF | {access.LIAISON}
