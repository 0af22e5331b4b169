"""Arms embargo: events for the staff to read; analysts move them and import track files."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from raqib.core import access
from raqib.core.errors import RaqibError
from raqib.embargo import tracks
from raqib.embargo.models import EmbargoEvent, TrackImport
from raqib.embargo.services import import_tracks, transition_event, update_event
from raqib.geo.models import Place
from raqib.web.decorators import STAFF, action, roles, signed_in
from raqib.web.forms.embargo import EventEditForm, EventTransitionForm, TrackImportForm
from raqib.web.queries import history
from raqib.web.views.common import done, save_changes


def visible_events(user: Any) -> QuerySet[EmbargoEvent]:
    return access.visible(EmbargoEvent.objects.all(), user)


@roles(STAFF)
def event_list(request: HttpRequest) -> HttpResponse:
    qs = visible_events(request.user).select_related("destination", "supplier", "recipient")
    filters: dict[str, Any] = {}
    for name, values in (("state", EmbargoEvent.State.values), ("vector", EmbargoEvent.Vector.values)):
        value = request.GET.get(name, "")
        if value in values:
            filters[name] = value
    track_import = request.GET.get("import", "")
    if track_import.isascii() and track_import.isdigit() and len(track_import) < 18:
        filters["track_import_id"] = int(track_import)
    page = Paginator(qs.filter(**filters).order_by("-occurred_at", "-id"), 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    imports = access.visible(TrackImport.objects.all(), request.user).order_by("-imported_at", "-id")[:10]
    return render(request, "web/embargo/list.html", {
        "page": page, "query": query, "imports": imports, "states": EmbargoEvent.State.choices,
        "vectors": EmbargoEvent.Vector.choices, "chosen": request.GET,
        "may_import": access.can(request.user, "embargo.import"),
    })


@roles(STAFF)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(visible_events(request.user).select_related(
        "destination", "supplier", "recipient", "track_import", "incident"), pk=pk)
    return render(request, "web/embargo/detail.html", _context(request, event, None))


def _context(request: HttpRequest, event: EmbargoEvent, form: EventTransitionForm | None) -> dict[str, Any]:
    may_move = access.can(request.user, "embargo.transition", event) and bool(EmbargoEvent.TRANSITIONS.get(event.state))
    incident = event.incident if event.incident is not None and access.can_see(request.user, event.incident) else None
    return {
        "event": event, "incident": incident, "moves": history.moves(event, "state"),
        "state_labels": dict(EmbargoEvent.State.choices),
        "show_actors": access.can(request.user, "audit.read"),
        "form": form or (EventTransitionForm(event=event) if may_move else None),
        "may_edit": access.can(request.user, "embargo.create", event),
    }


@require_POST
@roles(STAFF)
def event_transition(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(visible_events(request.user), pk=pk)
    if not access.can(request.user, "embargo.transition", event):
        raise PermissionDenied
    form = EventTransitionForm(request.POST, event=event)
    if form.is_valid():
        try:
            transition_event(event, form.cleaned_data["state"], request.user, form.cleaned_data["note"])
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("The event is now “%(state)s”.") % {"state": event.get_state_display()},
                        reverse("web:embargo_event", args=[pk]))
    return render(request, "web/embargo/detail.html", _context(request, event, form), status=400)


@signed_in
def edit_event(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an event's description with ``update_event`` (the roles of "embargo.create": verifiers,
    the chief, administrators): 404 if the user may not see the event, 403 if they may see but not
    change it."""
    event = get_object_or_404(visible_events(request.user).select_related("destination", "supplier", "recipient"),
                              pk=pk)
    if not access.can(request.user, "embargo.create", event):
        raise PermissionDenied
    places = access.visible(Place.objects.filter(Q(lat__isnull=False) | Q(pk=event.destination_id)), request.user)
    form = EventEditForm(request.POST or None, event=event, places=places.order_by("name_en"))
    if request.method == "POST" and form.is_valid():
        saved = save_changes(request, form, lambda changes, note: update_event(
            event, changes, request.user, note=note), reverse("web:embargo_event", args=[pk]))
        if saved is not None:
            return saved
    return render(request, "web/embargo/edit.html", {"form": form, "event": event},
                  status=400 if form.errors else 200)


@action("embargo.import")
def track_import(request: HttpRequest) -> HttpResponse:
    form = TrackImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size is not None and upload.size > tracks.MAX_BYTES:
                form.add_error("file", _("The track file is larger than %(n)d MB.")
                               % {"n": tracks.MAX_BYTES // (1024 * 1024)})
            else:
                record = import_tracks(upload.read(tracks.MAX_BYTES + 1), upload.name or "tracks.csv", request.user,
                                       vector=form.cleaned_data["vector"] or None)
                text = _("%(rows)d rows read; %(events)d arrivals flagged as suspected events.") % {
                    "rows": record.rows_read, "events": record.arrivals_flagged}
                return done(request, text, reverse("web:embargo") + f"?import={record.pk}")
        except RaqibError as exc:
            form.add_error("file", exc.message)
    status = 400 if form.errors else 200
    return render(request, "web/embargo/import.html", {"form": form, "radius": tracks.RADIUS_KM,
                                                        "ground_ft": tracks.ON_GROUND_FT,
                                                        "stopped_kn": tracks.STOPPED_KN}, status=status)
