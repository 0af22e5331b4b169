"""The synthetic mission: demo users and a generated month of activity around Sirte.

Both need the "libya-2020" profile loaded first (``raqib.profiles.load("libya-2020")``). The
functions import the models only when called, so importing this package needs no app registry.
"""

from __future__ import annotations

from raqib.profiles import Progress


def ensure_users() -> list[tuple[str, str, str]]:
    """One demo user per role; returns (username, role, password) rows, the same on every run."""
    from raqib.demo.users import ensure_users as ensure

    return ensure()


def generate(progress: Progress | None = None, days: int = 30, seed: int = 2021) -> dict[str, int]:
    """A deterministic synthetic month of mission activity (see :mod:`raqib.demo.generator`);
    returns counts by kind, all zero when synthetic data already exists."""
    from raqib.demo.generator import generate as run

    return run(progress=progress, days=days, seed=seed)
