"""Where each provision of the agreement stands: its deadline and the incidents that concern it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from raqib.agreements.compliance import ProvisionCompliance, status_of
from raqib.agreements.models import Agreement, Provision
from raqib.core import access
from raqib.incidents.models import Incident


@dataclass
class ProvisionStatus:
    provision: Provision
    deadline: dt.date | None
    days_left: int | None
    incidents: int
    verified: int
    # Where it stands (raqib.agreements.compliance), for those who may read it.
    compliance: ProvisionCompliance | None = None

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def days_late(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def statuses(agreement: Agreement, user: Any, *, compliance: bool = False) -> list[ProvisionStatus]:
    today = timezone.localdate()
    provisions = list(agreement.provisions.select_related("agreement", "parent")
                      .prefetch_related("obligated_parties").order_by("pk"))
    counts = {r["provisions"]: r for r in (
        access.visible(Incident.objects.all(), user).filter(provisions__in=provisions).order_by()
        .values("provisions").annotate(n=Count("pk", distinct=True),
                                       verified=Count("pk", distinct=True,
                                                      filter=Q(verification__outcome="verified"))))}
    out = []
    for p in sorted(provisions, key=lambda p: _number_key(p.number)):
        deadline = p.deadline()
        row = counts.get(p.pk, {"n": 0, "verified": 0})
        out.append(ProvisionStatus(p, deadline, (deadline - today).days if deadline else None,
                                   row["n"], row["verified"], status_of(p, today) if compliance else None))
    return out


def _number_key(number: str) -> tuple[Any, ...]:
    """"2", "2.1", "10" in reading order rather than string order."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in number.replace("-", ".").split("."))


def with_deadlines(user: Any) -> list[ProvisionStatus]:
    rows: list[ProvisionStatus] = []
    for agreement in Agreement.objects.order_by("signed_on"):
        rows.extend(s for s in statuses(agreement, user) if s.deadline is not None)
    return rows
