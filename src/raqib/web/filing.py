"""What the forms hand to the domain services. Every write goes through those services; this
module only turns cleaned form data into their arguments and groups one page's writes in one
transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from raqib.incidents.models import Allegation, Evidence, Incident, Observation
from raqib.incidents.services import (IncidentData, create_allegation, create_incident, create_observation,
                                      store_evidence)

Photos = Sequence[tuple[UploadedFile, str]]
OBSERVATION_FIELDS = ("method", "event_class", "observed_start", "observed_end", "count", "bearing",
                      "assessed_weapon", "notes")


def _observer(user: Any) -> dict[str, Any]:
    """The monitor record of the user filing, and their team, when the mission has them."""
    monitor = getattr(user, "monitor", None)
    team = monitor.teams.filter(active=True).order_by("name").first() if monitor is not None else None
    return {"monitor": monitor, "team": team}


def observation_values(data: dict[str, Any], user: Any, incident: Incident | None) -> dict[str, Any]:
    values = {k: data[k] for k in OBSERVATION_FIELDS if data.get(k) is not None}
    values["distance"] = data.get("distance") or ""
    if data.get("lat") is not None and data.get("lon") is not None:
        values.update(lat=data["lat"], lon=data["lon"])
    return {**values, **_observer(user), "incident": incident}


def attach_photos(incident: Incident, photos: Photos, user: Any, description: str = "") -> list[Evidence]:
    return [store_evidence(incident, upload, name=upload.name or "photo", media_type=media_type, actor=user,
                           description=description, collected_at=timezone.now())
            for upload, media_type in photos]


def file_report(data: dict[str, Any], user: Any) -> Incident:
    """A new incident, the observation it comes from and its photos: all recorded or none."""
    notes = data.get("notes", "")
    lang = data["language"]
    incident_data = IncidentData(
        category=data["category"], subtype=data["subtype"],
        occurred_start=data["observed_start"], occurred_end=data["observed_end"],
        lat=data["lat"], lon=data["lon"], time_precision=data["time_precision"],
        location_precision=data["location_precision"], place=data.get("place"), severity=data["severity"],
        original_language=lang, description_ar=notes if lang == "ar" else "",
        description_en=notes if lang != "ar" else "",
    )
    with transaction.atomic():
        incident = create_incident(incident_data, user)
        create_observation(observation_values(data, user, incident), user)
        attach_photos(incident, data.get("photos") or [], user)
    return incident


def add_observation(incident: Incident, data: dict[str, Any], user: Any) -> Observation:
    return create_observation(observation_values(data, user, incident), user)


def file_allegation(data: dict[str, Any], filer: dict[str, Any], user: Any) -> Allegation:
    values = {k: data.get(k) for k in ("category", "claimed_start", "claimed_end", "place", "lat", "lon",
                                       "claimed_actor", "provision", "summary", "language")}
    values.update(filer)
    values["received_at"] = timezone.now()
    return create_allegation(values, user)
