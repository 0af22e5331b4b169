"""Keyset pagination behind an opaque cursor: no OFFSET, so a page costs the same deep in a list
as at its start, and rows written meanwhile neither repeat nor go missing."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from raqib.core.errors import Invalid

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_CURSOR = 400
BIGINT = 2**63


def page(qs: QuerySet[Any], keys: Sequence[str], cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    """One page of ``qs`` in the order of ``keys`` (the last one unique, e.g. ``-id``), after
    ``cursor``; returns the rows and the cursor of the next page (None on the last page)."""
    qs = qs.order_by(*keys)
    if cursor:
        qs = qs.filter(_after(keys, decode(cursor, qs.model, keys)))
    rows = list(qs[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    if isinstance(last, dict):  # rows read with values()
        return rows, encode([_value(last[k.lstrip("-")]) for k in keys])
    return rows, encode([_value(getattr(last, k.lstrip("-"))) for k in keys])


def _after(keys: Sequence[str], values: list[Any]) -> Q:
    """Rows strictly after ``values`` in the order of ``keys``."""
    condition, equal = Q(), dict[str, Any]()
    for key, value in zip(keys, values):
        name = key.lstrip("-")
        condition |= Q(**equal, **{f"{name}__{'lt' if key.startswith('-') else 'gt'}": value})
        equal[name] = value
    return condition


def _value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.datetime) else value


def encode(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(cursor: str, model: type[models.Model], keys: Sequence[str]) -> list[Any]:
    invalid = Invalid(_("The cursor is not valid; use the “next” value of the previous page as it is."))
    if len(cursor) > MAX_CURSOR:
        raise invalid
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, RecursionError):
        raise invalid from None
    if not isinstance(values, list) or len(values) != len(keys):
        raise invalid
    try:
        return [_typed(model._meta.get_field(k.lstrip("-")), v) for k, v in zip(keys, values)]
    except (TypeError, ValueError, OverflowError):
        raise invalid from None


def _typed(field: Any, value: Any) -> Any:
    if isinstance(field, models.DateTimeField):
        if not isinstance(value, str):
            raise TypeError
        moment = dt.datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError
        return moment.astimezone(dt.UTC)
    if type(value) is not int or not -BIGINT < value < BIGINT:
        raise TypeError
    return value
