"""Writing the foreign-forces ledger, and reading the best current estimate from it.

The best current estimate of a contingent on a date D:

1. Start from its latest strength estimate dated on or before D. Of several on that date, a
   count beats an estimate (and of two of the same basis, the one recorded last wins).
2. Apply, in date order, the contingent's VERIFIED movements dated after that estimate and on or
   before D: an arrival of [a, b] people turns [lo, hi] into [lo + a, hi + b]; a departure of
   [a, b] turns it into [lo - b, hi - a] (the range stays honest: at least as few as the most
   that may have left), each bound clamped at 0 after every step. Relocations and assemblies
   move people without changing the strength. Reported, unverified and disputed movements count
   for nothing until verified.
3. A contingent without any estimate on or before D has no estimate (None) and adds nothing to
   the total. The total is the sum of the contingents' minimums and of their maximums.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from raqib.core import access, services
from raqib.core.errors import Forbidden, IllegalTransition, Invalid
from raqib.forces.models import Contingent, ForceMovement, StrengthEstimate
from raqib.geo.models import Place

Range = tuple[int, int]
MAX_SERIES_POINTS = 1000


def _require(actor: Any, action: str, obj: Any = None) -> None:
    if not access.can(actor, action, obj):
        raise Forbidden(_("Only analysts and the chief may edit the foreign-forces ledger."))


# --- writing -----------------------------------------------------------------------------------

def upsert_contingent(key: str, values: dict[str, Any], bases: Iterable[Place], actor: Any) -> tuple[Contingent, bool]:
    _require(actor, "forces.edit")
    return services.upsert(Contingent, {"key": key}, values, actor, m2m={"bases": list(bases)})


def add_estimate(contingent: Contingent, values: dict[str, Any], actor: Any, note: str = "") -> StrengthEstimate:
    _require(actor, "forces.edit", contingent)
    return services.create(StrengthEstimate(contingent=contingent, **values), actor, note=note)


def add_movement(contingent: Contingent, values: dict[str, Any], actor: Any, note: str = "") -> ForceMovement:
    """Record a movement; it starts as reported whatever ``values`` says (it moves by transition).
    Any staff member may report one (a monitor's sighting); only a verified one counts."""
    _require(actor, "forces.report", contingent)
    values = {k: v for k, v in values.items() if k != "state"}
    return services.create(ForceMovement(contingent=contingent, **values), actor, note=note)


def transition_movement(movement: ForceMovement, state: str, actor: Any, note: str = "") -> ForceMovement:
    if not access.can(actor, "forces.verify", movement):
        raise Forbidden(_("Only analysts and the chief may verify a movement."))
    if state not in ForceMovement.State.values:
        raise Invalid(_("Unknown verification state “%(state)s”.") % {"state": state})
    with transaction.atomic():
        current = ForceMovement.objects.select_for_update().get(pk=movement.pk)
        if not current.can_move_to(state):
            raise IllegalTransition(_("A movement cannot move from “%(from)s” to “%(to)s”.")
                                    % {"from": current.state, "to": state})
        services.update(movement, actor, {"state": state}, note=note)
    return movement


# --- reading -----------------------------------------------------------------------------------

@dataclass
class Ledger:
    """Every estimate and verified movement, loaded once, to answer for many dates."""

    estimates: dict[int, list[StrengthEstimate]]
    movements: dict[int, list[ForceMovement]]

    @classmethod
    def load(cls, contingents: Iterable[Contingent] | None = None, until: dt.date | None = None) -> Ledger:
        est = StrengthEstimate.objects.order_by("as_of", "pk")
        mov = ForceMovement.objects.filter(state=ForceMovement.State.VERIFIED).order_by("occurred_on", "pk")
        if contingents is not None:
            ids = [c.pk for c in contingents]
            est, mov = est.filter(contingent_id__in=ids), mov.filter(contingent_id__in=ids)
        if until is not None:
            est, mov = est.filter(as_of__lte=until), mov.filter(occurred_on__lte=until)
        estimates: dict[int, list[StrengthEstimate]] = defaultdict(list)
        movements: dict[int, list[ForceMovement]] = defaultdict(list)
        for e in est:
            estimates[e.contingent_id].append(e)
        for m in mov:
            movements[m.contingent_id].append(m)
        return cls(estimates, movements)

    def base_estimate(self, contingent_id: int, on: dt.date) -> StrengthEstimate | None:
        """The estimate the best current estimate starts from (rule 1 of the module docstring)."""
        candidates = [e for e in self.estimates.get(contingent_id, ()) if e.as_of <= on]
        if not candidates:
            return None
        return max(candidates, key=lambda e: (e.as_of, e.basis == StrengthEstimate.Basis.COUNT, e.pk))

    def estimate(self, contingent_id: int, on: dt.date) -> Range | None:
        base = self.base_estimate(contingent_id, on)
        if base is None:
            return None
        low, high = base.minimum, base.maximum
        for m in self.movements.get(contingent_id, ()):
            if not base.as_of < m.occurred_on <= on:
                continue
            if m.kind == ForceMovement.Kind.ARRIVAL:
                low, high = low + m.personnel_min, high + m.personnel_max
            elif m.kind == ForceMovement.Kind.DEPARTURE:
                low, high = max(0, low - m.personnel_max), max(0, high - m.personnel_min)
        return low, high

    def total(self, on: dt.date) -> Range:
        low = high = 0
        for contingent_id in self.estimates:
            found = self.estimate(contingent_id, on)
            if found is not None:
                low, high = low + found[0], high + found[1]
        return low, high

    def has_any(self, on: dt.date) -> bool:
        return any(self.base_estimate(cid, on) is not None for cid in self.estimates)


def current_estimate(contingent: Contingent, on: dt.date) -> Range | None:
    """The contingent's best estimate on ``on`` as (minimum, maximum), or None if it has no
    estimate dated on or before that day. See the module docstring for the rule."""
    return Ledger.load([contingent], until=on).estimate(contingent.pk, on)


def total_estimate(on: dt.date) -> Range:
    """The sum of every contingent's best estimate on ``on``: (minimum, maximum)."""
    return Ledger.load(until=on).total(on)


def series_dates(start: dt.date, end: dt.date, step_days: int) -> list[dt.date]:
    if step_days < 1:
        raise Invalid(_("The step must be at least one day."))
    if end < start:
        raise Invalid(_("The end of the series is before its start."))
    if (end - start).days // step_days + 2 > MAX_SERIES_POINTS:
        raise Invalid(_("A series has at most %(n)d points: choose a longer step.") % {"n": MAX_SERIES_POINTS})
    dates = [start + dt.timedelta(days=i) for i in range(0, (end - start).days + 1, step_days)]
    if dates[-1] != end:
        dates.append(end)
    return dates


def series(start: dt.date, end: dt.date, step_days: int) -> list[dict[str, Any]]:
    """The total estimate from ``start`` every ``step_days`` days, and on ``end`` (always the
    last point): a list of {"date", "minimum", "maximum"}."""
    dates = series_dates(start, end, step_days)
    ledger = Ledger.load(until=end)
    out = []
    for day in dates:
        low, high = ledger.total(day)
        out.append({"date": day, "minimum": low, "maximum": high})
    return out


def bases_in_use(on: dt.date) -> int:
    """How many distinct places serve as bases of contingents whose best estimate is above zero."""
    ledger = Ledger.load(until=on)
    present = [cid for cid in ledger.estimates if (ledger.estimate(cid, on) or (0, 0))[1] > 0]
    return Place.objects.filter(contingents__in=present).distinct().count()
