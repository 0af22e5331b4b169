"""Pages show times in the mission's local time zone (the agreement names it)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from raqib.agreements.timezone import forget_mission_timezone, mission_timezone

__all__ = ["MissionTimeZoneMiddleware", "forget_mission_timezone", "mission_timezone"]


class MissionTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timezone.activate(mission_timezone())
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
