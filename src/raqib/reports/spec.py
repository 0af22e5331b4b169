"""What a report covers: its kind, its days (the mission's local days) and its language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from raqib.agreements.timezone import mission_timezone
from raqib.core.errors import Invalid

KINDS = ("daily", "periodic", "public")
LANGS = ("ar", "en")
# The longest period a periodic report or public summary covers.
MAX_DAYS = 366


@dataclass(frozen=True)
class ReportSpec:
    kind: str
    start: dt.date
    end: dt.date
    lang: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise Invalid(_("Unknown kind of report “%(k)s”.") % {"k": self.kind})
        if self.lang not in LANGS:
            raise Invalid(_("Reports are written in Arabic (ar) or English (en)."))
        if self.end < self.start:
            raise Invalid(_("The period ends before it starts."))
        if self.kind == "daily" and self.end != self.start:
            raise Invalid(_("A daily report covers one day."))
        if self.days > MAX_DAYS:
            raise Invalid(_("A report covers at most %(n)d days.") % {"n": MAX_DAYS})

    @property
    def public(self) -> bool:
        """The public summary: redacted by rule (see docs/modules/reports.md)."""
        return self.kind == "public"

    @property
    def daily(self) -> bool:
        return self.kind == "daily"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def direction(self) -> str:
        return "rtl" if self.lang == "ar" else "ltr"

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The period as [start, end) in aware datetimes: midnight to midnight, mission time."""
        return day_bounds(self.start, self.end)

    def previous(self) -> ReportSpec:
        """The period of the same length just before this one."""
        length = dt.timedelta(days=self.days)
        return replace(self, start=self.start - length, end=self.end - length)


def day_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    zone = mission_timezone()
    lo = dt.datetime.combine(first, dt.time.min, tzinfo=zone)
    hi = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return lo, hi
