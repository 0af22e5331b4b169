"""``/embargo``: arms-embargo events and the import of flight and vessel track files.

Panel of Experts matters: mission staff read them, analysts and the chief write them; liaison
officers and the public get 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from raqib.api.auth import actor
from raqib.api.lookups import Refs, get_visible, readable, require
from raqib.api.pagination import page
from raqib.api.parsing import parse_moment
from raqib.api.schemas.common import Short
from raqib.api.schemas.embargo import (EventFilters, EventIn, EventOut, EventPage, TrackImportList, TrackImportOut,
                                       TransitionIn, event_out, track_import_out)
from raqib.api.transitions import transitioned
from raqib.core.errors import Invalid
from raqib.embargo import services, tracks
from raqib.embargo.models import EmbargoEvent, TrackImport

router = Router(tags=["embargo"])
ORDER = ("-occurred_at", "-id")


def events() -> QuerySet[EmbargoEvent]:
    return EmbargoEvent.objects.select_related("destination", "supplier", "recipient")


@router.get("/events", response=EventPage, summary="List arms-embargo events")
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> dict[str, Any]:
    qs = readable(events(), actor(request))
    if filters.state:
        if filters.state not in EmbargoEvent.State.values:
            raise Invalid(_("Unknown state “%(s)s”.") % {"s": filters.state})
        qs = qs.filter(state=filters.state)
    if filters.vector:
        if filters.vector not in EmbargoEvent.Vector.values:
            raise Invalid(_("Unknown vector “%(v)s”.") % {"v": filters.vector})
        qs = qs.filter(vector=filters.vector)
    if filters.since:
        qs = qs.filter(occurred_at__gte=parse_moment(filters.since, "since"))
    if filters.until:
        qs = qs.filter(occurred_at__lte=parse_moment(filters.until, "until", end_of_day=True))
    if filters.track_import is not None:
        qs = qs.filter(track_import_id=filters.track_import)
    rows, after = page(qs, ORDER, filters.cursor, filters.limit)
    return {"items": [event_out(e) for e in rows], "next": after}


@router.get("/events/{int:event_id}", response=EventOut, summary="Read an arms-embargo event")
def read_event(request: HttpRequest, event_id: int) -> dict[str, Any]:
    return event_out(get_visible(events(), actor(request), pk=event_id))


@router.post("/events", response={201: EventOut}, summary="Record an arms-embargo event")
def create_event(request: HttpRequest, payload: EventIn) -> dict[str, Any]:
    user = actor(request)
    require(user, "embargo.create", message=_("Only analysts and the chief may record arms-embargo events."))
    refs = Refs(user)
    values = payload.model_dump(exclude={"destination", "supplier", "recipient", "incident"})
    values.update(destination=refs.maybe("place", payload.destination), supplier=refs.maybe("party", payload.supplier),
                  recipient=refs.maybe("party", payload.recipient), incident=refs.maybe("incident", payload.incident))
    event = services.create_event(values, user)
    return event_out(get_visible(events(), user, pk=event.pk))


@router.post("/events/{int:event_id}/transition", response=EventOut, summary="Move an arms-embargo event")
def transition(request: HttpRequest, event_id: int, payload: TransitionIn) -> dict[str, Any]:
    return event_out(transitioned(
        request, events(), "embargo.transition", _("Only analysts and the chief may move arms-embargo events."),
        lambda event, user: services.transition_event(event, payload.state, user, note=payload.note), pk=event_id))


@router.get("/tracks", response=TrackImportList, summary="List track imports")
def list_imports(request: HttpRequest) -> dict[str, Any]:
    qs = readable(TrackImport.objects.prefetch_related("events"), actor(request))
    return {"items": [track_import_out(t) for t in qs.order_by("-imported_at", "-id")[:500]]}


@router.post("/tracks", response={201: TrackImportOut}, summary="Import a flight or vessel track file")
def import_tracks(request: HttpRequest, vector: Short | None = None, name: Short | None = None
                  ) -> dict[str, Any]:
    """The CSV file as ``multipart/form-data`` (field ``file``) or as the request body
    (``Content-Type: text/csv``). The header is ``identifier,time,lat,lon,altitude_ft`` (aircraft)
    or ``identifier,time,lat,lon,speed_kn`` (vessels); each arrival at a watched base becomes
    one suspected event. All or nothing; the same file twice is refused (409)."""
    user = actor(request)
    require(user, "embargo.import", message=_("Only analysts and the chief may import track files."))
    data, file_name = _upload(request)
    record = services.import_tracks(data, name or file_name, user, vector=vector)
    return track_import_out(record)


def _upload(request: HttpRequest) -> tuple[bytes, str]:
    content_type = request.content_type or ""
    if content_type.startswith("multipart/form-data"):
        upload = request.FILES.get("file")
        if upload is None:
            raise Invalid(_("Send the track file in the form field “file”."))
        if upload.size is not None and upload.size > tracks.MAX_BYTES:
            raise Invalid(_("The track file is larger than %(n)d MB.") % {"n": tracks.MAX_BYTES // (1024 * 1024)})
        return upload.read(tracks.MAX_BYTES + 1), upload.name or "tracks.csv"
    if content_type not in ("text/csv", "text/plain", "application/octet-stream"):
        raise Invalid(_("Send the track file as multipart/form-data (field “file”) or as a text/csv body."))
    return request.body, "tracks.csv"
