"""``/audit``: the history of mission records, oldest first (analysts only)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from raqib.api.auth import actor
from raqib.api.lookups import readable, require
from raqib.api.pagination import page
from raqib.api.schemas.audit import AuditFilters, AuditPage, entry_out
from raqib.core.models import AuditEntry

router = Router(tags=["audit"])


@router.get("", response=AuditPage, summary="List audit entries")
def list_entries(request: HttpRequest, filters: Query[AuditFilters]) -> dict[str, Any]:
    user = actor(request)
    require(user, "audit.read", message=_("Only analysts may read the audit trail."))
    qs = readable(AuditEntry.objects.all(), user)
    if filters.model:
        qs = qs.filter(model=filters.model)
    if filters.object_id:
        qs = qs.filter(object_id=filters.object_id)
    rows, after = page(qs, ("seq",), filters.cursor, filters.limit)
    return {"items": [entry_out(e) for e in rows], "next": after}
