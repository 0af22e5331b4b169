"""Mission-local days turned into UTC bounds for queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the active (mission) time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def start(self) -> dt.datetime:
        return day_start(self.first)

    @property
    def end(self) -> dt.datetime:
        """Exclusive: midnight after the last day."""
        return day_start(self.last + dt.timedelta(days=1))

    def previous(self) -> "Period":
        return Period(self.first - dt.timedelta(days=self.days), self.first - dt.timedelta(days=1))
