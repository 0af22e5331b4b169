"""The observation / incident report form (``raqib_incident_report``): each submission becomes an
incident, the observation it comes from and the photo as evidence, as the web report page makes
them (``raqib.web.filing.file_report``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from raqib.core.errors import Invalid, RaqibError
from raqib.incidents import store
from raqib.incidents.models import Evidence, Incident
from raqib.incidents.services import (IncidentData, create_incident, create_observation, store_evidence,
                                      update_incident)
from raqib.openrosa.builtin import BuiltinForm, link, previous, records_of, register
from raqib.openrosa.models import Submission, SubmissionAttachment

FORM_ID = "raqib_incident_report"
CATEGORY = "ceasefire_violation"
ARABIC = re.compile(r"[\u0600-\u06FF]")


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def _when(data: dict[str, Any], name: str) -> dt.datetime:
    value = parse_datetime(_text(data, name))
    if value is None or value.tzinfo is None:
        raise Invalid(_("“%(field)s” is not a date and time with a time zone.") % {"field": name})
    return value


def _int(data: dict[str, Any], name: str, default: int | None) -> int | None:
    text = _text(data, name)
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise Invalid(_("“%(field)s” is not a whole number.") % {"field": name}) from None


def _point(data: dict[str, Any]) -> tuple[float, float]:
    parts = _text(data, "location").split()
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except (IndexError, ValueError):
        raise Invalid(_("“location” is not a geopoint (latitude longitude altitude accuracy).")) from None
    return lat, lon


def incident_values(data: dict[str, Any]) -> dict[str, Any]:
    lat, lon = _point(data)
    notes = _text(data, "notes")
    language = "ar" if ARABIC.search(notes) else "en"
    return {
        "category": CATEGORY, "subtype": _text(data, "subtype"),
        "occurred_start": _when(data, "observed_start"), "occurred_end": _when(data, "observed_end"),
        "lat": lat, "lon": lon, "time_precision": _text(data, "time_precision") or "hour",
        "location_precision": _text(data, "location_precision") or "approximate",
        "original_language": language,
        "description_ar": notes if language == "ar" else "", "description_en": notes if language == "en" else "",
    }


def _observer(user: Any) -> dict[str, Any]:
    monitor = getattr(user, "monitor", None) if user is not None else None
    team = monitor.teams.filter(active=True).order_by("name").first() if monitor is not None else None
    return {"monitor": monitor, "team": team}


def observation_values(data: dict[str, Any], incident: Incident, actor: Any) -> dict[str, Any]:
    values = incident_values(data)
    return {
        "incident": incident, "method": _text(data, "method") or "seen", "event_class": _text(data, "event_class"),
        "observed_start": values["occurred_start"], "observed_end": values["occurred_end"],
        "count": _int(data, "count", 1), "assessed_weapon": _text(data, "assessed_weapon")[:100],
        "bearing": _int(data, "bearing", None), "distance": _text(data, "distance"),
        "lat": values["lat"], "lon": values["lon"], "notes": _text(data, "notes"), **_observer(actor),
    }


def _photos(submission: Submission, incident: Incident, attachments: Sequence[SubmissionAttachment],
            actor: Any) -> None:
    wanted = set(submission.attachments_expected)
    for attachment in attachments:
        if attachment.name not in wanted or Evidence.objects.filter(incident=incident, sha256=attachment.sha256).exists():
            continue
        with store.open_blob(attachment.sha256) as blob:
            evidence = store_evidence(incident, blob, name=attachment.name, media_type=attachment.content_type,
                                      actor=actor, description=_("sent from a phone with the incident report"))
        link(submission, evidence, actor)


def received(submission: Submission, actor: Any) -> None:
    data = submission.data
    replaced = previous(submission)
    incidents = records_of(replaced, Incident) if replaced is not None else []
    if incidents:
        incident = incidents[0]
        try:
            # Savepoint: a refused change (the incident is past the monitor's editing) leaves the
            # stored edit as the record of what the monitor sent, and the incident as it was.
            with transaction.atomic():
                update_incident(incident, incident_values(data), actor, note=_("edited on the phone"))
        except RaqibError:
            pass
        link(submission, incident, actor)
        for evidence in records_of(replaced, Evidence) if replaced is not None else []:
            link(submission, evidence, actor)
    else:
        values = incident_values(data)
        incident = create_incident(IncidentData(**values), actor)
        link(submission, incident, actor)
        observation = create_observation(observation_values(data, incident, actor), actor)
        link(submission, observation, actor)
    _photos(submission, incident, list(submission.attachments.all()), actor)


def attachments_added(submission: Submission, attachments: Sequence[SubmissionAttachment], actor: Any) -> None:
    for incident in records_of(submission, Incident):
        _photos(submission, incident, attachments, actor)


FORM = register(BuiltinForm(FORM_ID, "incident_report.csv", handler=received, on_attachments=attachments_added))
