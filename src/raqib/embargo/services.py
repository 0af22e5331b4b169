"""Recording arms-embargo events, moving them through their states, and importing track files."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from raqib.core import access, services
from raqib.core.errors import Conflict, Forbidden, IllegalTransition, Invalid
from raqib.embargo import tracks
from raqib.embargo.models import ICAO24, MMSI, EmbargoEvent, TrackImport, imo_is_valid
from raqib.geo.models import Place

# Which watched places each kind of track can arrive at.
BASE_KINDS = {"air": ("airbase", "airport"), "sea": ("port", "oil_terminal")}
EDITABLE = ("vector", "registration", "icao24", "callsign", "imo", "mmsi", "vessel_name", "flag", "origin",
            "destination", "lat", "lon", "cargo", "supplier", "recipient", "evidence", "occurred_at", "incident",
            "track_identifier")
IMO_PREFIX = re.compile(r"^IMO\s*", re.I)


def _normalised(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for name in ("registration", "callsign", "imo", "mmsi", "vessel_name", "origin", "track_identifier"):
        if isinstance(out.get(name), str):
            out[name] = out[name].strip()
    if isinstance(out.get("icao24"), str):
        out["icao24"] = out["icao24"].strip().lower()
    if isinstance(out.get("flag"), str):
        out["flag"] = out["flag"].strip().upper()
    if isinstance(out.get("registration"), str):
        out["registration"] = out["registration"].upper()
    if isinstance(out.get("callsign"), str):
        out["callsign"] = out["callsign"].upper()
    if isinstance(out.get("imo"), str):
        out["imo"] = IMO_PREFIX.sub("", out["imo"])
    return out


def create_event(values: dict[str, Any], actor: Any) -> EmbargoEvent:
    """Record an event. It starts "suspected" unless ``values`` names another state (an event
    learnt from a Panel of Experts report is recorded as it stands)."""
    if not access.can(actor, "embargo.create"):
        raise Forbidden(_("Only analysts and the chief may record arms-embargo events."))
    unknown = set(values) - set(EDITABLE) - {"state"}
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    values = _normalised(values)
    if values.get("state", "suspected") not in EmbargoEvent.State.values:
        raise Invalid(_("Unknown state “%(s)s”.") % {"s": values["state"]})
    incident = values.get("incident")
    if incident is not None and actor is not None and not access.can_see(actor, incident):
        raise Invalid(_("Unknown incident."))
    return services.create(EmbargoEvent(**values, created_by=actor), actor)


def update_event(event: EmbargoEvent, changes: dict[str, Any], actor: Any, note: str = "") -> EmbargoEvent:
    if not access.can(actor, "embargo.create", event):
        raise Forbidden(_("Only analysts and the chief may change arms-embargo events."))
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    services.update(event, actor, _normalised(changes), note=note)
    return event


def transition_event(event: EmbargoEvent, state: str, actor: Any, note: str = "") -> EmbargoEvent:
    if not access.can(actor, "embargo.transition", event):
        raise Forbidden(_("Only analysts and the chief may move arms-embargo events."))
    if state not in EmbargoEvent.State.values:
        raise Invalid(_("Unknown state “%(s)s”.") % {"s": state})
    with transaction.atomic():
        current = EmbargoEvent.objects.select_for_update().get(pk=event.pk)
        if not current.can_move_to(state):
            raise IllegalTransition(_("An arms-embargo event cannot move from “%(from)s” to “%(to)s”.")
                                    % {"from": current.state, "to": state})
        services.update(event, actor, {"state": state}, note=note, validate=False)
    return event


def watched_bases(vector: str) -> QuerySet[Place]:
    """The places of the profile a track of ``vector`` can arrive at (with coordinates)."""
    from raqib.agreements.parameters import embargo_bases

    return embargo_bases().filter(kind__in=BASE_KINDS[vector], lat__isnull=False, lon__isnull=False)


def import_tracks(data: bytes, file_name: str, actor: Any, vector: str | None = None) -> TrackImport:
    """Read a track file and record one suspected event per arrival at a watched base, all or
    nothing. The same file (by SHA-256) is read once: a second import is refused."""
    if not access.can(actor, "embargo.import"):
        raise Forbidden(_("Only analysts and the chief may import track files."))
    file_name = (file_name or "tracks.csv").strip()[:255] or "tracks.csv"
    digest = hashlib.sha256(data).hexdigest()
    if TrackImport.objects.filter(sha256=digest).exists():
        raise Conflict(_("This file was already imported (SHA-256 %(d)s…); nothing was changed.") % {"d": digest[:12]})
    track = tracks.parse(data, vector)
    places = {p.pk: p for p in watched_bases(track.vector)}
    bases = [tracks.Base(p.pk, p.name_en, float(p.lat or 0), float(p.lon or 0)) for p in places.values()]
    found = tracks.arrivals(track, bases)
    with transaction.atomic():
        record = services.create(TrackImport(file_name=file_name, sha256=digest, vector=track.vector,
                                             rows_read=len(track.points), platforms=track.platforms,
                                             arrivals_flagged=len(found), imported_by=actor), actor)
        for arrival in found:
            services.create(EmbargoEvent(**_event_values(arrival, track.vector), destination=places[arrival.base.id],
                                         track_import=record, created_by=actor), actor,
                            note=_("flagged by track import %(name)s") % {"name": file_name}, validate=False)
    return record


def _event_values(arrival: tracks.Arrival, vector: str) -> dict[str, Any]:
    identifier, point = arrival.identifier, arrival.point
    values: dict[str, Any] = {"vector": vector, "track_identifier": identifier, "occurred_at": point.time,
                              "lat": point.lat, "lon": point.lon, "state": EmbargoEvent.State.SUSPECTED}
    reading = (_("altitude %(v)g ft") if vector == "air" else _("speed %(v)g kn")) % {"v": point.value}
    values["evidence"] = (_("Track %(id)s arrived within %(km).1f km of %(base)s (%(reading)s) at %(time)s, "
                            "line %(line)d of the track file.")
                          % {"id": identifier, "km": arrival.distance_km, "base": arrival.base.name,
                             "reading": reading, "time": point.time.isoformat(), "line": point.line})
    plain = IMO_PREFIX.sub("", identifier)
    if vector == "air" and ICAO24.match(identifier.lower()):
        values["icao24"] = identifier.lower()
    elif vector == "sea" and MMSI.match(identifier):
        values["mmsi"] = identifier
    elif vector == "sea" and imo_is_valid(plain):
        values["imo"] = plain
    return values
