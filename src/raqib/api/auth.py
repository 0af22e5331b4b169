"""Bearer-token authentication, and who the request acts as."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from raqib.accounts import throttle
from raqib.accounts.models import ApiToken, User
# The token's stored digest; ApiToken has no public way to name a token by its secret (yet).
from raqib.core import access

# Record a token's use at most this often, so reading the API does not write on every request.
TOUCH_EVERY = dt.timedelta(minutes=1)


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>``; anything else is a 401 that says what to send."""

    def __call__(self, request: HttpRequest) -> User:
        scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
        secret = secret.strip()
        if scheme.lower() != "bearer" or not secret:
            raise AuthenticationError(401, _("Send your API token in the header “Authorization: Bearer <token>”."))
        return self.authenticate(request, secret)

    def authenticate(self, request: HttpRequest, token: str) -> User:
        if throttle.is_locked(request, throttle.API_TOKEN):
            raise AuthenticationError(429, _("Too many requests with a wrong API token from your address; "
                                             "try again in %(n)d minutes.") % {"n": throttle.retry_after_seconds() // 60})
        user = ApiToken.authenticate(token)
        if user is None:
            throttle.failed(request, throttle.API_TOKEN)
            raise AuthenticationError(401, _("The API token is not valid (unknown, revoked, or its user is inactive)."))
        touch(token)
        return user


def touch(secret: str) -> None:
    """Note that the token was used, writing at most once a minute per token.

    The cache spares the database a statement on most requests; the conditional UPDATE makes
    sure several processes (each with its own cache) still write at most once a minute.
    """
    digest = ApiToken.digest_of(secret)
    if not cache.add(f"raqib:api-token-used:{digest}", True, timeout=int(TOUCH_EVERY.total_seconds())):
        return
    now = timezone.now()
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - TOUCH_EVERY)
    ApiToken.objects.filter(stale, digest=digest).update(last_used_at=now)


def actor(request: HttpRequest) -> User:
    """The user the request acts as (set by :class:`BearerToken`)."""
    return cast(User, getattr(request, "auth"))


def is_staff(user: Any) -> bool:
    """Mission staff see internal fields (findings, who a case is assigned to)."""
    return access.can(user, "verification.read_internal")
