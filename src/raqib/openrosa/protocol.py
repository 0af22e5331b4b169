"""The OpenRosa rules that hold for every endpoint, in one place: the version header on the
way in and out, the ``Date`` header, the ``OpenRosaResponse`` body of messages, the errors of the
services as HTTP statuses, and authentication as a 401 challenge."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree as ET

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from raqib.core import access
from raqib.core.errors import RaqibError
from raqib.openrosa import auth

VERSION = "1.0"
RESPONSE_NS = "http://openrosa.org/http/response"
XML_TYPE = "text/xml; charset=utf-8"

View = Callable[..., HttpResponseBase]


def xml_response(root: ET.Element, status: int = 200) -> HttpResponse:
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, status=status, content_type=XML_TYPE)


def message(text: str, status: int, nature: str = "") -> HttpResponse:
    root = ET.Element("OpenRosaResponse", xmlns=RESPONSE_NS)
    el = ET.SubElement(root, "message")
    if nature:
        el.set("nature", nature)
    el.text = text
    return xml_response(root, status)


def accept_length(response: HttpResponseBase) -> HttpResponseBase:
    response["X-OpenRosa-Accept-Content-Length"] = str(settings.RAQIB_OPENROSA_MAX_BYTES)
    return response


def openrosa(view: View) -> View:
    """Version check, authentication (Digest or Basic, never the session), the role check, the
    headers, and ``RaqibError`` as its status with an OpenRosaResponse message."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = _answer(view, request, *args, **kwargs)
        if getattr(request, "axes_locked_out", False):
            # Our own answer, with the protocol's headers, instead of axes' lockout page.
            request.axes_locked_out = False  # type: ignore[attr-defined]
        if request.method == "HEAD" and isinstance(response, HttpResponse):
            # waitress sends whatever body the application gives, even to HEAD; a body here would
            # be read by a keep-alive client as the start of its next answer.
            response.content = b""
        response["X-OpenRosa-Version"] = VERSION
        response["Date"] = http_date()
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


def _answer(view: View, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
    version = request.headers.get("X-OpenRosa-Version")
    if version is not None and version.strip() != VERSION:
        return message(_("This server speaks OpenRosa %(ours)s, not %(theirs)s.")
                       % {"ours": VERSION, "theirs": version.strip()[:20]}, 400)
    outcome = auth.authenticate(request)
    if outcome.locked:
        return message(_("Too many failed sign-ins: try again later."), 429)
    if outcome.user is None:
        response = message(outcome.message, 401)
        response["WWW-Authenticate"] = auth.challenges(request, stale=outcome.stale)
        return response
    if not access.can(outcome.user, "openrosa.submit"):
        return message(_("Your role may not use field forms."), 403)
    request.user = outcome.user
    try:
        return view(request, *args, **kwargs)
    except RaqibError as exc:
        return message(exc.message, exc.status)
