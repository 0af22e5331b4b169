"""Who is sending: HTTP Digest (the RFC 2617 subset phones speak: MD5, qop=auth) and Basic.

No session and no API token here: phones answer a 401 challenge, so every refusal of missing or
wrong credentials is a 401 (a 403 would stop ODK Collect from asking for the password). Failed
attempts count against django-axes' limits like failed sign-ins on the web pages.

Nonces are ``<unix time>.<HMAC>`` signed with the SECRET_KEY: nothing is stored per nonce, and
an old nonce is answered ``stale=true`` so the phone retries without asking the user. Request
counters (``nc``) are tracked loosely, per process: the exact (nonce, cnonce, nc) triple is
refused if seen again, which stops a captured header from being replayed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import authenticate as django_authenticate
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from raqib.accounts.models import DIGEST_REALM, User

# A phone sends many requests on one nonce (ODK Collect: nc = 1, 2, 3...). Once a request on a
# nonce passed the whole check (not locked out, an active user, the right password), the user is
# kept this many seconds for that (user name, nonce, address): the next requests on it are still
# verified against the password's HA1, but without reading the user and the failure counts again.
# A deactivated user, a changed password or role, or a lockout reach such a phone at most this late.
SIGNED_IN_SECONDS = 5

_PARAM = re.compile(r'\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))\s*,?')


@dataclass
class Outcome:
    user: User | None = None
    message: str = ""
    stale: bool = False
    locked: bool = False


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()  # noqa: S324 - RFC 2617's hash


def _sign(stamp: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode("utf-8"), b"openrosa-nonce:" + stamp.encode("ascii"),
                    hashlib.sha256).hexdigest()[:32]


def new_nonce(now: float | None = None) -> str:
    stamp = str(int(now if now is not None else time.time()))
    return f"{stamp}.{_sign(stamp)}"


def _nonce_state(nonce: str) -> str:
    """"ok", "stale" or "bad"."""
    stamp, _dot, sig = nonce.partition(".")
    if not stamp.isdigit() or not hmac.compare_digest(sig, _sign(stamp)):
        return "bad"
    age = time.time() - int(stamp)
    return "ok" if -60 <= age <= settings.RAQIB_OPENROSA_NONCE_SECONDS else "stale"


def parse_params(text: str) -> dict[str, str]:
    params: dict[str, str] = {}
    pos = 0
    while pos < len(text):
        match = _PARAM.match(text, pos)
        if match is None or match.end() == pos:
            break
        value = match.group(2) if match.group(2) is not None else match.group(3)
        params[match.group(1).lower()] = re.sub(r"\\(.)", r"\1", value)
        pos = match.end()
    return params


def basic_allowed(request: HttpRequest) -> bool:
    return request.is_secure() or bool(settings.DEBUG)


def challenges(request: HttpRequest, stale: bool = False) -> str:
    digest = (f'Digest realm="{DIGEST_REALM}", qop="auth", algorithm=MD5, nonce="{new_nonce()}", '
              f'opaque="{_md5(DIGEST_REALM)}"' + (", stale=TRUE" if stale else ""))
    return digest + (f', Basic realm="{DIGEST_REALM}", charset="UTF-8"' if basic_allowed(request) else "")


def _locked(request: HttpRequest, username: str) -> bool:
    from axes.handlers.proxy import AxesProxyHandler  # type: ignore[import-untyped]

    return bool(AxesProxyHandler.is_locked(request, credentials={"username": username}))


def _failed(request: HttpRequest, username: str) -> None:
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)


def authenticate(request: HttpRequest) -> Outcome:
    header = request.headers.get("Authorization", "")
    scheme, _space, rest = header.partition(" ")
    scheme = scheme.lower()
    if scheme == "digest":
        return _digest(request, parse_params(rest))
    if scheme == "basic":
        return _basic(request, rest.strip())
    return Outcome(message=_("Sign in with your Raqib user name and password."))


def _digest(request: HttpRequest, p: dict[str, str]) -> Outcome:
    wrong = Outcome(message=_("Wrong user name or password."))
    username, nonce, uri = p.get("username", ""), p.get("nonce", ""), p.get("uri", "")
    if not username or len(username) > 150 or not nonce or not uri:
        return wrong
    if p.get("realm") != DIGEST_REALM or p.get("algorithm", "MD5").upper() != "MD5" or p.get("qop") != "auth":
        return Outcome(message=_("Only Digest with MD5 and qop=auth is supported."))
    if urlsplit(uri).path != request.path:
        return Outcome(message=_("The Digest uri does not match the request."))
    state = _nonce_state(nonce)
    nc, cnonce = p.get("nc", ""), p.get("cnonce", "")
    ha2 = _md5(f"{request.method}:{uri}")
    signed_in = _signed_in_key(request, username, nonce)
    user: User | None = cache.get(signed_in) if state == "ok" else None
    if user is None or not _answers(user.digest_ha1, nonce, nc, cnonce, ha2, p.get("response", "")):
        # Not this phone's next request on a nonce it already signed in with: the full check.
        if _locked(request, username):
            return Outcome(locked=True)
        if state == "bad":
            return wrong
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None or not _answers(user.digest_ha1, nonce, nc, cnonce, ha2, p.get("response", "")):
            _failed(request, username)
            return wrong
        if state == "ok":
            cache.set(signed_in, user, timeout=SIGNED_IN_SECONDS)
    if state == "stale":
        return Outcome(stale=True, message=_("The sign-in has expired; sign in again."))
    if not cache.add(f"openrosa-nc:{nonce}:{cnonce}:{nc}", 1, timeout=settings.RAQIB_OPENROSA_NONCE_SECONDS + 60):
        return Outcome(stale=True, message=_("This request was already seen; sign in again."))
    return Outcome(user=user)


def _answers(ha1: str, nonce: str, nc: str, cnonce: str, ha2: str, response: str) -> bool:
    """Whether ``response`` proves knowledge of the password whose HA1 is ``ha1``."""
    expected = _md5(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
    return bool(ha1) and hmac.compare_digest(expected, response)


def _signed_in_key(request: HttpRequest, username: str, nonce: str) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return "openrosa-signed-in:" + _md5(f"{username}\n{nonce}\n{address}")


def _basic(request: HttpRequest, token: str) -> Outcome:
    if not basic_allowed(request):
        return Outcome(message=_("Basic authentication is refused over plain HTTP: use Digest, or HTTPS."))
    try:
        username, _colon, password = base64.b64decode(token, validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return Outcome(message=_("Malformed Basic credentials."))
    if _locked(request, username):
        return Outcome(locked=True)
    user: Any = django_authenticate(request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        return Outcome(locked=True)
    if user is None or not user.is_active:
        return Outcome(message=_("Wrong user name or password."))
    return Outcome(user=user)
