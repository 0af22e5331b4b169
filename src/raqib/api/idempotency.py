"""``Idempotency-Key``: a write the client may safely send again.

A client that sends ``Idempotency-Key: <its own unique string>`` with a POST gets, for any
later request with the same key, the answer of the first one, and nothing is written twice:
the key and the answer are stored in the transaction that writes the records, so either both
are there or neither is. The same key with another body is refused with 409. Keys belong to
their user and operation; they are kept (a mission's retries come within days, not years).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from raqib.core.errors import Conflict, Invalid
from raqib.core.models import IdempotentRequest

HEADER = "Idempotency-Key"
MAX_KEY = 200


def key_of(request: HttpRequest) -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    key = key.strip()
    if not key or len(key) > MAX_KEY or not key.isprintable():
        raise Invalid(_("The Idempotency-Key header must be 1 to %(n)d printable characters.") % {"n": MAX_KEY})
    return key


def once(request: HttpRequest, user: Any, status: int, write: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """``write()``'s answer, run once per key; without a key, simply ``write()``."""
    key = key_of(request)
    if key is None:
        return write()
    scope = f"{request.method} {request.path}"
    digest = hashlib.sha256(request.body).hexdigest()
    for _attempt in range(2):
        previous = IdempotentRequest.objects.filter(user=user, scope=scope, key=key).first()
        if previous is not None:
            if previous.request_sha256 != digest:
                raise Conflict(_("This Idempotency-Key was used for another request; use a new key for new data."))
            return dict(previous.response)
        try:
            with transaction.atomic():
                answer = write()
                IdempotentRequest.objects.create(user=user, scope=scope, key=key, request_sha256=digest,
                                                 status=status, response=answer)
                return answer
        except IntegrityError:
            # The same request, sent twice at once: the other one won; answer as it did.
            continue
    raise Conflict(_("The request is being processed; send it again in a moment."))
