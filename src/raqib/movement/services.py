"""Recording restrictions on the monitors' freedom of movement, following them up with the Joint
Military Commission, and counting them per party."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from raqib.actors.models import Party
from raqib.core import access, services
from raqib.core.errors import Forbidden, IllegalTransition, Invalid
from raqib.geo.services import zone_for_point
from raqib.movement.models import Restriction

FIELDS = ("kind", "party", "actor_description", "place", "lat", "lon", "occurred_at", "duration_minutes",
          "reason_given", "task_affected", "description", "team", "shared_with_jmc", "incident")


def create_restriction(values: dict[str, Any], actor: Any) -> Restriction:
    """Record a restriction; its zone is found from its point (or its place's)."""
    if not access.can(actor, "restriction.create"):
        raise Forbidden(_("Only mission staff may record movement restrictions."))
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if values.get("kind") not in Restriction.Kind.values:
        raise Invalid(_("Unknown kind of restriction “%(k)s”.") % {"k": values.get("kind")})
    incident = values.get("incident")
    if incident is not None and actor is not None and not access.can_see(actor, incident):
        raise Invalid(_("Unknown incident."))
    restriction = Restriction(**values, created_by=actor)
    restriction.actor_description = (restriction.actor_description or "").strip()
    lat, lon = restriction.lat, restriction.lon
    if lat is None and restriction.place is not None:
        lat, lon = restriction.place.lat, restriction.place.lon
    if lat is not None and lon is not None:
        restriction.zone_id = zone_for_point(lat, lon)
    return services.create(restriction, actor)


def transition_restriction(restriction: Restriction, state: str, actor: Any, *, note: str = "",
                           on: dt.date | None = None) -> Restriction:
    """Move a restriction to ``state``. Raising it with the JMC records the day (``on``, today by
    default) and shares it with the JMC, where both parties' liaison officers then see it."""
    if not access.can(actor, "restriction.transition", restriction):
        raise Forbidden(_("Only analysts and the chief may move a restriction."))
    if state not in Restriction.State.values:
        raise Invalid(_("Unknown state “%(s)s”.") % {"s": state})
    with transaction.atomic():
        current = Restriction.objects.select_for_update().get(pk=restriction.pk)
        if not current.can_move_to(state):
            raise IllegalTransition(_("A restriction cannot move from “%(from)s” to “%(to)s”.")
                                    % {"from": current.state, "to": state})
        changes: dict[str, Any] = {"state": state}
        if state == Restriction.State.RAISED_WITH_JMC:
            changes["raised_with_jmc_on"] = on or timezone.localdate()
            changes["shared_with_jmc"] = True
        elif on is not None:
            raise Invalid(_("A day is given only when the restriction is raised with the JMC."))
        services.update(restriction, actor, changes, note=note, validate=False)
    return restriction


@dataclass
class PartyCount:
    """Restrictions imposed by one party (None: not attributed) in a period, in total and by kind."""

    party: Party | None
    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


def in_period(qs: QuerySet[Restriction], start: dt.date | None, end: dt.date | None) -> QuerySet[Restriction]:
    """Restrictions that occurred from ``start`` to ``end``, both days included (UTC days)."""
    if start is not None:
        qs = qs.filter(occurred_at__gte=dt.datetime.combine(start, dt.time.min, dt.UTC))
    if end is not None:
        qs = qs.filter(occurred_at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, dt.UTC))
    return qs


def counts_by_party(start: dt.date | None, end: dt.date | None, user: Any = None) -> list[PartyCount]:
    """Per party, how many restrictions it imposed from ``start`` to ``end`` (both included),
    and of which kind; the most first. With ``user``, only what they may see is counted."""
    if start is not None and end is not None and start > end:
        raise Invalid(_("The period starts after it ends."))
    qs = in_period(access.visible(Restriction.objects.all(), user), start, end)
    rows = qs.order_by().values_list("party", "kind").annotate(n=Count("pk"))
    counts: dict[int | None, PartyCount] = {}
    for party_id, kind, n in rows:
        row = counts.setdefault(party_id, PartyCount(None, 0, {k: 0 for k in Restriction.Kind.values}))
        row.total += n
        row.by_kind[kind] = row.by_kind.get(kind, 0) + n
    parties = Party.objects.in_bulk([pk for pk in counts if pk is not None])
    for pk, row in counts.items():
        row.party = parties.get(pk) if pk is not None else None
    return sorted(counts.values(), key=lambda r: (-r.total, r.party is None, r.party.key if r.party else ""))
