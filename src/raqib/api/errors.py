"""One error shape for the whole API: ``{"error": "<message>"}`` with a 4xx status.

Every exception a view can meet is turned into that shape here, so views raise and never build
error responses themselves.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from ninja.errors import HttpError, ValidationError

from raqib.accounts import throttle
from raqib.core.errors import RaqibError
from raqib.core.services import message_of

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger("raqib.api")

API_PREFIX = "/api/"
MAX_REPORTED = 5


class BadBody(ValueError):
    """The request body is not JSON Raqib can take; the message says why."""


def error_response(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


# pydantic error types -> what we tell the user (pydantic's own English text is the fallback).
def _messages() -> dict[str, str]:
    return {
        "missing": _("this field is required"),
        "extra_forbidden": _("unknown field"),
        "string_type": _("must be a string"),
        "int_type": _("must be a whole number"),
        "int_parsing": _("must be a whole number"),
        "int_from_float": _("must be a whole number"),
        "float_type": _("must be a number"),
        "float_parsing": _("must be a number"),
        "finite_number": _("must be a finite number"),
        "bool_type": _("must be true or false"),
        "bool_parsing": _("must be true or false"),
        "list_type": _("must be a JSON list"),
        "dict_type": _("must be a JSON object"),
        "model_type": _("must be a JSON object"),
        "model_attributes_type": _("must be a JSON object"),
        "datetime_type": _("must be an ISO 8601 date and time"),
        "datetime_parsing": _("must be an ISO 8601 date and time"),
        "datetime_from_date_parsing": _("must be an ISO 8601 date and time"),
        "timezone_aware": _("needs a time zone, e.g. 2021-01-10T08:00:00Z"),
    }


def _where(loc: Iterable[Any]) -> str:
    """``("body", "payload", "items", 3, "lat")`` -> ``items[3].lat``."""
    source, *rest = list(loc)
    if source == "body" and rest:
        rest = rest[1:]  # the view's parameter name means nothing to the client
    text = ""
    for part in rest:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    if not text and source == "body":
        return _("request body")
    return text


def describe(errors: list[dict[str, Any]]) -> str:
    """A readable message naming each wrong field (the first few)."""
    messages = _messages()
    parts = []
    for error in errors[:MAX_REPORTED]:
        kind = error.get("type", "")
        if kind == "value_error" and "error" in error.get("ctx", {}):
            text = str(error["ctx"]["error"])
        else:
            text = messages.get(kind, error.get("msg", ""))
        where = _where(error.get("loc", ()))
        if kind == "missing" and where == _("request body"):
            parts.append(_("The request needs a JSON body."))
        else:
            parts.append(f"{where}: {text}" if where else text)
    if len(errors) > MAX_REPORTED:
        parts.append(_("and %(n)d more") % {"n": len(errors) - MAX_REPORTED})
    return "; ".join(parts)


def install(api: NinjaAPI) -> None:
    """Register the handlers; the most specific class wins (ninja walks the MRO)."""

    def answer(request: HttpRequest, status: int, message: str) -> HttpResponse:
        response = api.create_response(request, {"error": message}, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="raqib"'
        if status == 429:
            response["Retry-After"] = str(throttle.retry_after_seconds())
        return response

    def on_raqib(request: HttpRequest, exc: RaqibError) -> HttpResponse:
        return answer(request, exc.status, exc.message)

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return answer(request, 422, describe(exc.errors))

    def on_http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        cause = exc.__cause__
        if isinstance(cause, BadBody):
            return answer(request, 400, str(cause))
        if exc.status_code == 400 and isinstance(cause, Exception):
            return answer(request, 400, _("The request body is not valid JSON."))
        return answer(request, exc.status_code, str(exc))

    def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return answer(request, 404, _("Not found."))

    def on_forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return answer(request, 403, _("You may not do this."))

    def on_suspicious(request: HttpRequest, exc: Exception) -> HttpResponse:
        if isinstance(exc, RequestDataTooBig):
            return answer(request, 413, _("The request body is too large."))
        return answer(request, 400, _("The request was refused as malformed."))

    def on_django_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return answer(request, 400, message_of(exc))

    def on_integrity(request: HttpRequest, exc: Exception) -> HttpResponse:
        # A safety net: services validate first, so this means a race or a missed rule.
        logger.warning("integrity error answered as 409: %s", exc)
        return answer(request, 409, _("The change conflicts with the records already stored."))

    def on_data(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.warning("data error answered as 400: %s", exc)
        return answer(request, 400, _("A value is out of the range the database can store."))

    def on_anything(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("unexpected error in %s %s", request.method, request.path)
        return answer(request, 500, _("Internal error; it has been logged."))

    handlers: list[tuple[type[Exception], Callable[..., HttpResponse]]] = [
        (RaqibError, on_raqib),
        (ValidationError, on_validation),
        (HttpError, on_http),
        (Http404, on_not_found),
        (ObjectDoesNotExist, on_not_found),
        (PermissionDenied, on_forbidden),
        (SuspiciousOperation, on_suspicious),
        (DjangoValidationError, on_django_invalid),
        (IntegrityError, on_integrity),
        (DataError, on_data),
        (Exception, on_anything),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)


def json_405(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a URL's view so a wrong method is answered in the API's error shape."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            answer = error_response(405, _("This address accepts only: %(methods)s.") % {"methods": allowed})
            answer["Allow"] = allowed
            return answer
        return response

    return wrapper


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 404 handler: JSON under /api/, the ordinary page elsewhere."""
    if request.path_info.startswith(API_PREFIX):
        return error_response(404, _("There is nothing at this address."))
    return page_not_found(request, exception or Http404())
