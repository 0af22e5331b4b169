"""The demo's compliance history: the rules' readings recorded weekly over January 2021 (the
withdrawal lapses after 23 January), and the chief's own assessment of a few provisions."""

from __future__ import annotations

import datetime as dt

from raqib.agreements.compliance import record_rule_statuses, set_status
from raqib.agreements.parameters import current_agreement
from raqib.demo.modules import DemoContext

# provision number, day of January, status, justification
CHIEF: list[tuple[str, int, str, str]] = [
    ("8", 6, "in_progress", "The JMC agreed the sequence for reopening the coastal road; clearance has begun."),
    ("7", 12, "in_progress", "Fewer inflammatory broadcasts on both sides' channels since the agreement."),
    ("10", 15, "in_progress", "A first exchange of detainees took place under the JMC's supervision."),
    ("7", 27, "breached", "A televised call to resume fighting on the Sirte front, aired twice."),
]


COUNTS = ("compliance_assessments",)  # the kinds step() counts


def step(ctx: DemoContext) -> dict[str, int]:
    agreement = current_agreement()
    if agreement is None:
        return {"compliance_assessments": 0}
    chief = ctx.users["chief"]
    written = 0
    by_number = {p.number: p for p in agreement.provisions.all()}
    days = sorted({*range(0, ctx.days, 7), ctx.days - 1})
    chief_days = {c[1] - 1: c for c in CHIEF}
    for offset in range(ctx.days):
        on = ctx.start + dt.timedelta(days=offset)
        if offset in days:
            written += len(record_rule_statuses(on, chief, agreement))
        entry = chief_days.get(offset)
        if entry is not None and entry[0] in by_number:
            set_status(by_number[entry[0]], entry[2], entry[3], chief, on=on)
            written += 1
    return {"compliance_assessments": written}
