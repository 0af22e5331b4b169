"""What the ``…/transition`` endpoints share: find the record the caller may see (404 otherwise),
ask whether they may move it (403 otherwise), move it, and read it again for the answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from raqib.accounts.models import User
from raqib.api.auth import actor
from raqib.api.lookups import get_visible, require

M = TypeVar("M", bound=Model)


def transitioned(request: HttpRequest, qs: QuerySet[M], action: str, refusal: str,
                 move: Callable[[M, User], object], **lookup: Any) -> M:
    """The record of ``qs`` matching ``lookup`` once ``move(record, user)`` has run; ``refusal``
    is the 403 message when the user may not do ``action`` on it."""
    user = actor(request)
    record = get_visible(qs, user, **lookup)
    require(user, action, record, refusal)
    move(record, user)
    return get_visible(qs, user, **lookup)
