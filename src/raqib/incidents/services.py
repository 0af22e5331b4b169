"""Writing incidents, observations, allegations, sources and evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raqib.actors.models import Party
from raqib.agreements.models import Provision
from raqib.core import access, audit, bulk, services, taxonomy
from raqib.core.errors import Forbidden, Invalid, NotFound
from raqib.core.models import AuditEntry
from raqib.geo.models import Place, Precision
from raqib.geo.services import zone_for_point
from raqib.incidents.models import (MAX_WINDOW, Allegation, CustodyEntry, Evidence, Incident, IncidentParty,
                                    Observation, Source, TimePrecision)
from raqib.incidents import store
from raqib.verification.models import Verification


@dataclass
class IncidentData:
    """What a face hands the service to create an incident (already parsed, not yet checked)."""

    category: str
    subtype: str
    occurred_start: dt.datetime
    occurred_end: dt.datetime
    lat: float
    lon: float
    time_precision: str = "hour"
    location_precision: str = "exact"
    place: Place | None = None
    parties: list[tuple[Party, str]] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    killed_min: int = 0
    killed_max: int = 0
    injured_min: int = 0
    injured_max: int = 0
    severity: int = 1
    description_en: str = ""
    description_ar: str = ""
    original_language: str = "en"
    shared_with_jmc: bool = False
    synthetic: bool = False

    def fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("parties", "provisions")}


def check_incident_fields(values: dict[str, Any]) -> None:
    """The invariants of an incident, with a message a user can act on."""
    category, subtype = values.get("category"), values.get("subtype")
    if not taxonomy.is_valid(str(category), str(subtype)):
        if category not in taxonomy.BY_KEY:
            raise Invalid(_("Unknown category “%(c)s”.") % {"c": category})
        raise Invalid(_("“%(s)s” is not a subtype of “%(c)s”.") % {"s": subtype, "c": category})
    start, end = values.get("occurred_start"), values.get("occurred_end")
    if start is None or end is None or start.tzinfo is None or end.tzinfo is None:
        raise Invalid(_("The time window needs a start and an end with a time zone."))
    if end < start:
        raise Invalid(_("The time window ends before it starts."))
    if end - start > MAX_WINDOW:
        raise Invalid(_("The time window is longer than %(days)d days: an incident happens within a month at most.")
                      % {"days": MAX_WINDOW.days})
    lat, lon = values.get("lat"), values.get("lon")
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise Invalid(_("The location must be a latitude between -90 and 90 and a longitude between -180 and 180."))
    for low, high in (("killed_min", "killed_max"), ("injured_min", "injured_max")):
        lo, hi = values.get(low, 0), values.get(high, 0)
        if lo < 0 or hi < lo:
            what = _("killed") if low == "killed_min" else _("injured")
            raise Invalid(_("The range of %(what)s must be 0 ≤ minimum ≤ maximum.") % {"what": what})
    if values.get("time_precision") not in _TIME_PRECISIONS:
        raise Invalid(_("Unknown time precision."))
    if values.get("location_precision") not in _LOCATION_PRECISIONS:
        raise Invalid(_("Unknown location precision."))
    if values.get("severity") not in _SEVERITIES:
        raise Invalid(_("Severity must be 1 (low) to 4 (critical)."))


# The choices, as sets: a bulk of a thousand incidents asks them a thousand times.
_TIME_PRECISIONS = frozenset(TimePrecision.values)
_LOCATION_PRECISIONS = frozenset(Precision.values)
_SEVERITIES = frozenset(Incident.Severity.values)
_ROLES = frozenset(IncidentParty.Role.values)


def _check_party_roles(parties: Sequence[tuple[Party, str]]) -> None:
    for _party, role in parties:
        if role not in _ROLES:
            raise Invalid(_("Unknown party role “%(r)s”.") % {"r": role})


def create_incidents(items: Sequence[IncidentData], actor: Any) -> list[Incident]:
    """Create incidents (all or none) with their party roles and verification record, in one
    transaction, and record them in the audit chain.

    The fast path of bulk ingest: the primary keys are allocated up front, each table gets one
    compiled INSERT (:mod:`raqib.core.bulk`), and the audited state is taken from the checked
    values rather than read back; the entries are the same as a record-by-record write gives.
    """
    if not access.can(actor, "incident.create"):
        raise Forbidden(_("Your role may not create incidents."))
    now = timezone.now()
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    rows = []
    for index, data in enumerate(items):
        values = data.fields()
        try:
            check_incident_fields(values)
            _check_party_roles(data.parties)
        except Invalid as exc:
            if len(items) == 1:
                raise
            raise Invalid(_("Incident %(n)d: %(error)s") % {"n": index, "error": exc.message}) from None
        place = values.pop("place")
        values.update(place_id=place.pk if place is not None else None, zone_id=zone_for_point(data.lat, data.lon),
                      created_by_id=actor_id, created_at=now, updated_at=now)
        rows.append(values)
    incidents = bulk.build(Incident, rows)
    for incident, data in zip(incidents, items):
        if data.place is not None:
            incident._state.fields_cache["place"] = data.place
    with transaction.atomic():
        for incident, pk in zip(incidents, bulk.allocate_ids(Incident, len(incidents))):
            incident.pk = pk
        roles = bulk.build(IncidentParty, ({"incident_id": inc.pk, "party_id": p.pk, "role": r}
                                           for inc, data in zip(incidents, items) for p, r in dict.fromkeys(data.parties)))
        for role, pk in zip(roles, bulk.allocate_ids(IncidentParty, len(roles))):
            role.pk = pk
        verifications = bulk.build(Verification, ({"id": pk, "incident_id": inc.pk, "updated_at": now} for inc, pk in
                                                  zip(incidents, bulk.allocate_ids(Verification, len(incidents)))))
        provisions = {inc.pk: [p.pk for p in dict.fromkeys(data.provisions)] for inc, data in zip(incidents, items)}
        states = (bulk.stored_states(incidents, {"provisions": provisions}) + bulk.stored_states(roles)
                  + bulk.stored_states(verifications))
        bulk.insert(incidents, with_pk=True)
        bulk.insert(roles, with_pk=True)
        through = Incident.provisions.through
        bulk.insert(bulk.build(through, ({"incident_id": pk, "provision_id": p} for pk, ps in provisions.items()
                                         for p in ps)))
        bulk.insert(verifications, with_pk=True)
        # One append for the three kinds of record: the chain head is locked and moved once.
        create = AuditEntry.Action.CREATE
        audit.append([audit.Change(create, audit.label(obj), str(obj.pk), None, state)
                      for obj, state in zip([*incidents, *roles, *verifications], states)], actor)
    return incidents


def create_incident(data: IncidentData, actor: Any) -> Incident:
    return create_incidents([data], actor)[0]


def update_incident(incident: Incident, changes: dict[str, Any], actor: Any, note: str = "") -> Incident:
    """Change an incident. ``changes`` may hold model fields, ``parties`` and ``provisions``."""
    if not access.can(actor, "incident.update", incident):
        raise Forbidden(_("You may not change this incident."))
    changes = dict(changes)
    parties = changes.pop("parties", None)
    provisions = changes.pop("provisions", None)
    unknown = set(changes) - {f.name for f in Incident._meta.concrete_fields} | ({"id", "uid", "created_by",
                                                                                   "created_at"} & set(changes))
    if unknown:
        raise Invalid(_("These fields cannot be changed: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    values = {f.name: getattr(incident, f.name) for f in Incident._meta.concrete_fields}
    values.update(changes)
    check_incident_fields(values)
    if "lat" in changes or "lon" in changes:
        changes["zone_id"] = zone_for_point(values["lat"], values["lon"])
    with transaction.atomic():
        services.update(incident, actor, changes, m2m={"provisions": provisions} if provisions is not None else None,
                        note=note, validate=False)
        if parties is not None:
            _check_party_roles(parties)
            set_parties(incident, parties, actor)
    return incident


def set_parties(incident: Incident, parties: Iterable[tuple[Party, str]], actor: Any) -> None:
    wanted = set((p.pk, r) for p, r in parties)
    existing = {(ip.party_id, ip.role): ip for ip in incident.party_roles.all()}
    for party_id, role in sorted(wanted - set(existing)):
        services.create(IncidentParty(incident=incident, party_id=party_id, role=role), actor, validate=False)
    for pair in set(existing) - wanted:
        services.delete(existing[pair], actor)


def create_observation(values: dict[str, Any], actor: Any) -> Observation:
    if not access.can(actor, "observation.create"):
        raise Forbidden(_("Your role may not record observations."))
    incident = values.get("incident")
    if incident is not None and actor is not None and not access.can_see(actor, incident):
        raise NotFound(_("No such incident."))
    obs = Observation(**values, created_by=actor)
    return services.create(obs, actor)


def create_allegation(values: dict[str, Any], actor: Any) -> Allegation:
    """File an allegation. A liaison officer files for their own party, always."""
    if not access.can(actor, "allegation.create"):
        raise Forbidden(_("Your role may not file allegations."))
    values = dict(values)
    if actor is not None and access.role_of(actor) == access.LIAISON:
        values["filer_kind"] = Allegation.FiledBy.PARTY
        values["filing_party"] = actor.party
        values.pop("incident", None)
    if values.get("category") not in taxonomy.BY_KEY:
        raise Invalid(_("Unknown category “%(c)s”.") % {"c": values.get("category")})
    allegation = Allegation(**values, filed_by=actor)
    return services.create(allegation, actor)


def update_allegation(allegation: Allegation, changes: dict[str, Any], actor: Any) -> Allegation:
    """Link an allegation to an incident or record the other party's response."""
    if not access.can(actor, "allegation.update", allegation):
        raise Forbidden(_("You may not change this allegation."))
    allowed = {"incident", "response", "response_at", "provision", "claimed_actor"}
    unknown = set(changes) - allowed
    if unknown:
        raise Invalid(_("These fields cannot be changed: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    services.update(allegation, actor, changes)
    return allegation


def add_source(incident: Incident, values: dict[str, Any], actor: Any) -> Source:
    if not access.can(actor, "source.create", incident):
        raise Forbidden(_("You may not add sources to this incident."))
    return services.create(Source(incident=incident, **values), actor)


def store_evidence(incident: Incident, stream: Any, *, name: str, media_type: str, actor: Any,
                   source: Source | None = None, description: str = "",
                   collected_at: dt.datetime | None = None) -> Evidence:
    """Put a file in the content-addressed store and record it, with its first custody entry."""
    if not access.can(actor, "evidence.create", incident):
        raise Forbidden(_("You may not add evidence to this incident."))
    digest, size = store.put(stream, max_bytes=settings.DATA_UPLOAD_MAX_MEMORY_SIZE * 10)
    with transaction.atomic():
        evidence = services.create(
            Evidence(incident=incident, source=source, sha256=digest, size=size, media_type=media_type[:100],
                     original_name=name[:255], description=description, collected_at=collected_at), actor)
        holder = actor.get_username() if actor is not None else audit.SYSTEM
        add_custody(evidence, {"action": CustodyEntry.Action.RECEIVED, "holder": holder,
                               "note": _("stored in the evidence store")}, actor)
    return evidence


def add_custody(evidence: Evidence, values: dict[str, Any], actor: Any) -> CustodyEntry:
    if not access.can(actor, "evidence.create", evidence.incident):
        raise Forbidden(_("You may not record custody of this evidence."))
    from django.utils import timezone

    entry = CustodyEntry(evidence=evidence, recorded_by=actor, **{"at": timezone.now(), **values})
    return services.create(entry, actor)
