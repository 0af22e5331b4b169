"""The sections of each kind of report, declared in one registry.

A section is a small function from the report's :class:`ReportSpec` to a context dict, and the
template that shows it. Built-in sections register here the way a mission module (or a third
party) would add its own: ``register(Section(...))``. A section that needs a module app is shown
as "no data" when the app is not installed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils.functional import Promise

from raqib.reports.spec import ReportSpec

Build = Callable[[ReportSpec], dict[str, Any]]


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise | str
    template: str
    build: Build
    kinds: tuple[str, ...]
    # The app whose records the section reads ("raqib.movement"); None for the core sections.
    needs: str | None = None
    order: int = 100

    def available(self) -> bool:
        return self.needs is None or apps.is_installed(self.needs)

    def context(self, spec: ReportSpec) -> dict[str, Any]:
        if not self.available():
            return {"available": False}
        return {"available": True, **self.build(spec)}


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> Section:
    _SECTIONS[section.key] = section
    return section


def sections_for(kind: str) -> list[Section]:
    _load_builtins()
    return sorted((s for s in _SECTIONS.values() if kind in s.kinds), key=lambda s: (s.order, s.key))


def _load_builtins() -> None:
    # Imported for their register() calls.
    from raqib.reports.sections import core, modules  # noqa: F401
