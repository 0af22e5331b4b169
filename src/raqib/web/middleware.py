"""Pages show times in the mission's local time zone (the agreement names it)."""

from __future__ import annotations

import threading
import time
import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

_lock = threading.Lock()
_cached: tuple[float, zoneinfo.ZoneInfo | None] = (0.0, None)
TTL = 60.0


def mission_timezone() -> zoneinfo.ZoneInfo:
    """The time zone of the first agreement, re-read at most once a minute; UTC without one."""
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


class MissionTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timezone.activate(mission_timezone())
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
