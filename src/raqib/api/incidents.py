"""``/incidents``: file, read, correct and list incidents."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Query, Router

from raqib.api import idempotency
from raqib.api.auth import actor
from raqib.api.filters import filter_incidents
from raqib.api.lookups import Refs, get_visible, readable, require
from raqib.api.pagination import page
from raqib.api.schemas.incidents import (Created, IncidentBatch, IncidentFilters, IncidentIn, IncidentOut,
                                         IncidentPage, IncidentPatch, ROW_FIELDS, incident_out,
                                         incident_rows_out)
from raqib.core import access
from raqib.core.errors import Invalid
from raqib.incidents.models import Incident, IncidentParty
from raqib.incidents.services import IncidentData, create_incidents, update_incident

router = Router(tags=["incidents"])
ORDER = ("-occurred_start", "-id")


def incidents(user: Any) -> QuerySet[Incident]:
    """Incidents with everything their output needs, in a fixed number of queries."""
    roles = access.visible(IncidentParty.objects.select_related("party").order_by("pk"), user)
    return (Incident.objects.select_related("place", "zone", "verification__attributed_party")
            # A zone's geometry and texts are large and not part of an incident's output.
            .defer("zone__geometry", "zone__description_en", "zone__description_ar", "place__source")
            .prefetch_related(Prefetch("party_roles", queryset=roles), "provisions"))


def load(pk: int, user: Any) -> dict[str, Any]:
    return incident_out(get_visible(incidents(user), user, pk=pk))


@router.post("", response={201: IncidentOut}, summary="File an incident")
def create(request: HttpRequest, payload: IncidentIn) -> dict[str, Any]:
    user = actor(request)
    require(user, "incident.create", message=_("Your role may not create incidents."))
    return idempotency.once(request, user, 201,
                            lambda: load(create_incidents([to_data(payload, Refs(user))], user)[0].pk, user))


@router.post("/bulk", response={201: Created}, summary="File many incidents, all or none")
def create_many(request: HttpRequest, payload: Body[IncidentBatch]) -> dict[str, Any]:
    """A JSON list of incidents, or ``{"items": [...]}``, at most ``RAQIB_API_MAX_BULK`` of them
    (1000 unless configured). One refused incident refuses the whole batch, naming it by index.
    Send an ``Idempotency-Key`` header to make a retry safe: the same key gives the same ids."""
    user = actor(request)
    require(user, "incident.create", message=_("Your role may not create incidents."))
    refs = Refs(user)
    items = []
    for index, item in enumerate(payload):
        try:
            items.append(to_data(item, refs))
        except Invalid as exc:
            raise Invalid(_("Incident %(n)d: %(error)s") % {"n": index, "error": exc.message}) from None
    return idempotency.once(request, user, 201,
                            lambda: {"ids": [incident.pk for incident in create_incidents(items, user)]})


@router.get("", response=IncidentPage, summary="List incidents")
def list_incidents(request: HttpRequest, filters: Query[IncidentFilters]) -> dict[str, Any]:
    return list_page(actor(request), filters)


def list_page(user: Any, filters: IncidentFilters) -> dict[str, Any]:
    """One page of the incidents ``user`` may see, as the API answers it."""
    qs = filter_incidents(readable(Incident.objects.all(), user), filters, user)
    rows, after = page(qs.values(*ROW_FIELDS), ORDER, filters.cursor, filters.limit)
    ids = [row["id"] for row in rows]
    roles = access.visible(IncidentParty.objects.filter(incident_id__in=ids), user).order_by("pk")
    provisions = Incident.provisions.through.objects.filter(incident_id__in=ids).order_by("provision__number")
    return {"items": incident_rows_out(
        rows, list(roles.values_list("incident_id", "party__key", "role")),
        list(provisions.values_list("incident_id", "provision_id", "provision__number"))), "next": after}


@router.get("/{int:incident_id}", response=IncidentOut, summary="Read an incident")
def read(request: HttpRequest, incident_id: int) -> dict[str, Any]:
    return load(incident_id, actor(request))


@router.patch("/{int:incident_id}", response=IncidentOut, summary="Correct an incident")
def update(request: HttpRequest, incident_id: int, payload: IncidentPatch) -> dict[str, Any]:
    user = actor(request)
    incident = get_visible(Incident.objects.select_related("verification"), user, pk=incident_id)
    require(user, "incident.update", incident, _("You may not change this incident."))
    changes = payload.model_dump(exclude_unset=True, exclude={"note", "parties", "provisions", "place"})
    refs = Refs(user)
    if "place" in payload.model_fields_set:
        changes["place"] = refs.maybe("place", payload.place)
    if "parties" in payload.model_fields_set:
        changes["parties"] = [(refs.party(p.party), p.role) for p in payload.parties]
    if "provisions" in payload.model_fields_set:
        changes["provisions"] = [refs.provision(p) for p in payload.provisions]
    update_incident(incident, changes, user, note=payload.note)
    return load(incident.pk, user)


def to_data(payload: IncidentIn, refs: Refs) -> IncidentData:
    """The service's input, with every reference resolved (the service checks the incident's rules)."""
    values = payload.model_dump(exclude={"parties", "provisions", "place"})
    values["occurred_end"] = values["occurred_end"] or values["occurred_start"]
    for low, high in (("killed_min", "killed_max"), ("injured_min", "injured_max")):
        values[high] = values[low] if values[high] is None else values[high]
    data = IncidentData(
        **values,
        place=refs.maybe("place", payload.place),
        parties=[(refs.party(p.party), p.role) for p in payload.parties],
        provisions=[refs.provision(p) for p in payload.provisions],
    )
    return data
