"""The mission modules' share of the demo: each module writes its own synthetic records after
the core month (monitors, teams, incidents, verification) exists.

A module step is a function ``step(ctx) -> dict[str, int]`` returning the counts it wrote by
kind; it writes through the module's services, as ``ctx.users`` (never with ``actor=None``
where a person would act), and marks nothing it does not own. ``STEPS`` runs in order, inside
the demo's transaction.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from raqib.accounts.models import User
from raqib.mission.models import Monitor, Team


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
]


def run(ctx: DemoContext) -> dict[str, int]:
    counts: dict[str, int] = {}
    for spec in STEPS:
        module, _sep, name = spec.partition(":")
        step: Step = getattr(import_module(module), name)
        for kind, n in step(ctx).items():
            counts[kind] = counts.get(kind, 0) + n
    return counts
