"""Throttling failed credentials on every face: the sign-in page, the API and OpenRosa.

All three count failures in django-axes' tables (so every application process sees the same
counts) by user name and client address, with the same limit and cool-off
(``RAQIB_LOGIN_FAILURE_LIMIT``, ``RAQIB_LOGIN_COOLOFF_MINUTES``). The sign-in page goes through
axes' authentication backend; the API and OpenRosa, which authenticate on every request, ask
here. A bearer token has no user name: its failures are counted under :data:`API_TOKEN` per
address, so guessing tokens from one address is locked out like guessing a password.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler  # type: ignore[import-untyped]
from django.conf import settings
from django.http import HttpRequest

API_TOKEN = "(api token)"


def is_locked(request: HttpRequest, username: str) -> bool:
    """Whether ``username`` from this request's address is locked out after too many failures."""
    return bool(AxesProxyHandler.is_locked(request, {"username": username}))


def failed(request: HttpRequest, username: str) -> None:
    """Count one failed attempt for ``username`` from this request's address."""
    AxesProxyHandler.user_login_failed(sender=__name__, credentials={"username": username}, request=request)
    # The face answers in its own shape (JSON for the API, a challenge for OpenRosa); axes'
    # middleware would otherwise replace that answer with the sign-in page's lockout page.
    request.axes_locked_out = False  # type: ignore[attr-defined]


def succeeded(request: HttpRequest, username: str) -> None:
    """Forget the failures of ``username`` from this address (as the sign-in page does)."""
    AxesProxyHandler.update_request(request)
    AxesProxyHandler.reset_attempts(ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
                                    username=username)


def retry_after_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())
