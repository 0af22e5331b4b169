"""Reading the answers of a built-in form's submission: texts, numbers, times, geopoints and
yes/no, each refused with a message that names the field (the phone shows it to the monitor).

Shared by the handlers of the patrol, movement-restriction, hazard and foreign-forces forms.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from raqib.core.errors import Invalid
from raqib.incidents import store
from raqib.incidents.models import Evidence, Incident
from raqib.incidents.services import store_evidence
from raqib.openrosa.builtin import link
from raqib.openrosa.models import Submission, SubmissionAttachment

ARABIC = re.compile(r"[\u0600-\u06FF]")
MAX_TEXT = 5_000


def group(data: dict[str, Any], name: str) -> dict[str, Any]:
    """The answers inside the group ``name`` (an empty dict when the group was not shown)."""
    value = data.get(name)
    return value if isinstance(value, dict) else {}


def text(data: dict[str, Any], name: str, limit: int = MAX_TEXT) -> str:
    value = data.get(name, "")
    value = value.strip() if isinstance(value, str) else ""
    if len(value) > limit:
        raise Invalid(_("“%(field)s” is longer than %(n)d characters.") % {"field": name, "n": limit})
    return value


def required(data: dict[str, Any], name: str, limit: int = MAX_TEXT) -> str:
    value = text(data, name, limit)
    if not value:
        raise Invalid(_("“%(field)s” is required.") % {"field": name})
    return value


def when(data: dict[str, Any], name: str) -> dt.datetime:
    value = parse_datetime(text(data, name, 100))
    if value is None or value.tzinfo is None:
        raise Invalid(_("“%(field)s” is not a date and time with a time zone.") % {"field": name})
    return value


def optional_when(data: dict[str, Any], name: str) -> dt.datetime | None:
    try:
        return when(data, name)
    except (Invalid, ValueError):
        return None


def day(data: dict[str, Any], name: str) -> dt.date:
    try:
        value = parse_date(text(data, name, 100))
    except ValueError:
        value = None
    if value is None:
        raise Invalid(_("“%(field)s” is not a date (YYYY-MM-DD).") % {"field": name})
    return value


def integer(data: dict[str, Any], name: str, default: int | None = None, *, low: int = 0,
            high: int = 1_000_000) -> int | None:
    value = text(data, name, 100)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise Invalid(_("“%(field)s” is not a whole number.") % {"field": name}) from None
    if not low <= number <= high:
        raise Invalid(_("“%(field)s” must be between %(low)d and %(high)d.") % {"field": name, "low": low, "high": high})
    return number


def yes(data: dict[str, Any], name: str) -> bool:
    value = text(data, name, 10)
    if value not in ("yes", "no"):
        raise Invalid(_("“%(field)s” must be yes or no.") % {"field": name})
    return value == "yes"


def point(data: dict[str, Any], name: str) -> tuple[float, float]:
    """Latitude and longitude of a geopoint answer ("lat lon altitude accuracy")."""
    parts = text(data, name, 200).split()
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except (IndexError, ValueError):
        raise Invalid(_("“%(field)s” is not a geopoint (latitude longitude altitude accuracy).")
                      % {"field": name}) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise Invalid(_("“%(field)s” is not a valid latitude and longitude.") % {"field": name})
    return lat, lon


def choice(data: dict[str, Any], name: str, allowed: Sequence[str]) -> str:
    value = text(data, name, 100)
    if value not in allowed:
        raise Invalid(_("“%(value)s” is not a valid answer for “%(field)s”.") % {"value": value, "field": name})
    return value


def choices(data: dict[str, Any], name: str, allowed: Sequence[str]) -> list[str]:
    """A select_multiple answer (space-separated names), each checked, in the order of ``allowed``."""
    given = text(data, name, 1000).split()
    unknown = [v for v in given if v not in allowed]
    if unknown:
        raise Invalid(_("“%(value)s” is not a valid answer for “%(field)s”.") % {"value": unknown[0], "field": name})
    return [v for v in allowed if v in given]


def language_of(value: str) -> str:
    return "ar" if ARABIC.search(value) else "en"


def descriptions(value: str) -> dict[str, str]:
    """The incident description fields for a text written in Arabic or English."""
    language = language_of(value)
    return {"original_language": language, "description_ar": value if language == "ar" else "",
            "description_en": value if language == "en" else ""}


def observer(user: Any) -> dict[str, Any]:
    """The monitor sending the form and their (first active) team, when the user is a monitor."""
    monitor = getattr(user, "monitor", None) if user is not None else None
    team = monitor.teams.filter(active=True).order_by("name").first() if monitor is not None else None
    return {"monitor": monitor, "team": team}


def photos_to_evidence(submission: Submission, incident: Incident, attachments: Sequence[SubmissionAttachment],
                       actor: Any, description: str) -> None:
    """Every file the form expects (its image answers) becomes evidence of ``incident`` once."""
    wanted = set(submission.attachments_expected)
    for attachment in attachments:
        if attachment.name not in wanted or Evidence.objects.filter(incident=incident, sha256=attachment.sha256).exists():
            continue
        with store.open_blob(attachment.sha256) as blob:
            evidence = store_evidence(incident, blob, name=attachment.name, media_type=attachment.content_type,
                                      actor=actor, description=description)
        link(submission, evidence, actor)
