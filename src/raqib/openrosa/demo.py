"""The demo's field forms: the built-in forms published by the demo chief, so that a phone
pointed at the demo server finds them. No submissions: a phone makes real ones."""

from __future__ import annotations

from raqib.demo.modules import DemoContext
from raqib.openrosa.builtin import load

COUNTS = ("field_forms",)  # the kinds step() counts


def step(ctx: DemoContext) -> dict[str, int]:
    published = load(ctx.users["chief"])
    return {"field_forms": sum(1 for p in published if p.created)}
