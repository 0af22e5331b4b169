"""The mission modules' share of the demo: each module writes its own synthetic records after
the core month (monitors, teams, incidents, verification) exists.

A module step is a function ``step(ctx) -> dict[str, int]`` returning the counts it wrote by
kind (its module lists those kinds in ``COUNTS``); it writes through the module's services, as ``ctx.users`` (never with ``actor=None``
where a person would act), and marks nothing it does not own. ``STEPS`` runs in order, inside
the demo's transaction.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType

from django.utils.translation import gettext as _

from raqib.accounts.models import User
from raqib.mission.models import Monitor, Team
from raqib.profiles import Progress


@dataclass
class DemoContext:
    rng: random.Random
    users: dict[str, User]  # demo users by username: monitor, team_leader, verifier, chief, admin, ...
    start: dt.date  # first day of the synthetic period
    days: int
    teams: list[Team] = field(default_factory=list)
    monitors: list[Monitor] = field(default_factory=list)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=self.days - 1)


Step = Callable[[DemoContext], dict[str, int]]

# "module.path:function", run in this order. Each module adds its own line.
STEPS: list[str] = [
    "raqib.geo.demo:step",
    "raqib.movement.demo:step",
    "raqib.embargo.demo:step",
    "raqib.mission.demo:step",
    "raqib.hazards.demo:step",
    "raqib.forces.demo:step",
    "raqib.agreements.demo:step",
    "raqib.openrosa.demo:step",
]


def _load(spec: str) -> tuple[ModuleType, Step]:
    module_name, _sep, name = spec.partition(":")
    module = import_module(module_name)
    return module, getattr(module, name)


def count_keys() -> list[str]:
    """The kinds the steps count (each step module's ``COUNTS``), so a run that writes nothing
    still names them all."""
    return [kind for spec in STEPS for kind in getattr(_load(spec)[0], "COUNTS", ())]


def run(ctx: DemoContext, progress: Progress | None = None) -> dict[str, int]:
    counts = dict.fromkeys(count_keys(), 0)
    if progress is not None:
        progress(0, len(STEPS), _("Mission modules"))
    for spec in STEPS:
        _module, step = _load(spec)
        for kind, n in step(ctx).items():
            counts[kind] = counts.get(kind, 0) + n
        if progress is not None:
            progress(1, None, "")
    return counts
