"""The mission's local time zone, named by its agreement: days in pages, reports and news dates
are the mission's local days."""

from __future__ import annotations

import threading
import time
import zoneinfo

_lock = threading.Lock()
_cached: tuple[float, zoneinfo.ZoneInfo | None] = (0.0, None)
# Re-read at most this often (seconds): another process may load a profile meanwhile.
TTL = 60.0


def mission_timezone() -> zoneinfo.ZoneInfo:
    """The time zone of the first agreement; UTC without one."""
    global _cached
    with _lock:
        loaded_at, zone = _cached
        if zone is None or time.monotonic() - loaded_at > TTL:
            from raqib.agreements.models import Agreement

            name = Agreement.objects.order_by("signed_on", "pk").values_list("timezone", flat=True).first()
            try:
                zone = zoneinfo.ZoneInfo(name or "UTC")
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                zone = zoneinfo.ZoneInfo("UTC")
            _cached = (time.monotonic(), zone)
        return zone


def forget_mission_timezone() -> None:
    global _cached
    with _lock:
        _cached = (0.0, None)
