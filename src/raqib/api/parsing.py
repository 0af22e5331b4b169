"""Reading what clients send: the JSON body, and the free-text query parameters that a schema
cannot type (moments, bounding boxes)."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

from raqib.api.errors import BadBody
from raqib.core.errors import Invalid

# NUL cannot be stored by PostgreSQL; lone surrogates cannot be encoded as UTF-8 at all.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class StrictParser(Parser):
    """JSON bodies only, with every string storable."""

    def parse_body(self, request: HttpRequest) -> Any:
        try:
            data = json.loads(request.body)
        except RecursionError:
            raise BadBody(_("The JSON body is nested too deeply.")) from None
        except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, too many digits
            raise BadBody(_("The request body is not valid JSON: %(reason)s.") % {"reason": exc}) from None
        _check_strings(data)
        return data


def _check_strings(data: Any) -> None:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and UNSTORABLE.search(item):
            raise BadBody(_("The request body contains a NUL character or an unpaired surrogate."))


class Renderer(JSONRenderer):
    """JSON with Arabic written as itself rather than as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


# A "+" in a query string arrives as a space when the client forgot to encode it.
_SPACED_OFFSET = re.compile(r"(T?\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")


def parse_moment(value: str, name: str, *, end_of_day: bool = False) -> dt.datetime:
    """An ISO 8601 date and time with a time zone, or a date (the whole UTC day)."""
    text = _SPACED_OFFSET.sub(r"\1+\2", value.strip())
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            day = dt.date.fromisoformat(text)
            moment = dt.datetime.combine(day, dt.time.max if end_of_day else dt.time.min, dt.UTC)
        else:
            moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise Invalid(_("%(name)s: not an ISO 8601 date or date and time: “%(value)s”.")
                      % {"name": name, "value": value[:40]}) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise Invalid(_("%(name)s: the date and time needs a time zone, e.g. 2021-01-10T08:00:00Z.") % {"name": name})
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise Invalid(_("%(name)s: the date is out of range.") % {"name": name}) from None


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``minlon,minlat,maxlon,maxlat`` in degrees."""
    message = _("bbox must be minlon,minlat,maxlon,maxlat in degrees, e.g. 16.3,31.0,17.2,31.4.")
    parts = value.split(",")
    if len(parts) != 4:
        raise Invalid(message)
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise Invalid(message) from None
    numbers = (min_lon, min_lat, max_lon, max_lat)
    if not all(math.isfinite(n) for n in numbers):
        raise Invalid(message)
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise Invalid(message)
    return numbers
