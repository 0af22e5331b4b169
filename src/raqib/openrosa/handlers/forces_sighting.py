"""The foreign-forces sighting form (``raqib_forces_sighting``): each submission becomes an incident
of the category ``foreign_forces`` (subtype as the monitor chose it), the observation it comes from
(with the number counted) and the photo as evidence.

The contingent is matched by the key the monitor typed (or, failing that, by the free text
being a contingent's key or name); an unknown one is written into the incident's description.
When the sighting is an arrival, departure, relocation or assembly of a known contingent, a
movement is recorded in the state "reported" (any staff member may report one:
``forces.report``) with the number counted as its minimum and the estimate as its maximum
(``raqib.forces.services.add_movement``); it counts for nothing until an analyst verifies it.

An edit on the phone changes the same incident (and the same movement while it is still
"reported").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from raqib.core import access, services
from raqib.core.errors import Invalid, RaqibError
from raqib.core.taxonomy import BY_KEY
from raqib.forces.models import MAX_PERSONNEL, Contingent, ForceMovement
from raqib.forces.services import add_movement
from raqib.incidents.models import Evidence, Incident
from raqib.incidents.services import IncidentData, create_incident, create_observation, update_incident
from raqib.openrosa.builtin import BuiltinForm, link, previous, records_of, register
from raqib.openrosa.handlers import fields
from raqib.openrosa.models import Submission, SubmissionAttachment

FORM_ID = "raqib_forces_sighting"
CATEGORY = "foreign_forces"
MAX_COUNT = 100_000
SUBTYPES = [s.key for s in BY_KEY[CATEGORY].subtypes]


def contingent_of(key: str, described: str) -> Contingent | None:
    if key:
        return Contingent.objects.filter(key=key.lower()).first()
    if described:
        return (Contingent.objects.filter(Q(key__iexact=described) | Q(name_en__iexact=described)
                                          | Q(name_ar=described)).order_by("key").first())
    return None


def _description(notes: str, count: int, estimate: int, described: str, key: str, known: bool) -> str:
    """The monitor's notes, then what the form asked, in the notes' language."""
    arabic = fields.language_of(notes or described) == "ar"
    lines = [notes] if notes else []
    if arabic:
        lines.append(f"العدد المعدود: {count}" + (f" (التقدير حتى {estimate})" if estimate > count else "") + ".")
        if described:
            lines.append(f"من هم حسب المراقب: {described}")
        if key and not known:
            lines.append(f"مفتاح الوحدة «{key}» غير معروف.")
    else:
        lines.append(f"Counted: {count}" + (f" (estimated up to {estimate})" if estimate > count else "") + ".")
        if described:
            lines.append(f"Who they were, as the monitor saw them: {described}")
        if key and not known:
            lines.append(f"The contingent key “{key}” is not known.")
    return "\n".join(lines)


def sighting(data: dict[str, Any]) -> dict[str, Any]:
    """Everything the form says, checked."""
    subtype = fields.choice(data, "subtype", SUBTYPES)
    count = fields.integer(data, "count", None, low=1, high=MAX_COUNT)
    if count is None:
        raise Invalid(_("“count” is required."))
    estimate = fields.integer(data, "estimate_max", None, low=count, high=MAX_PERSONNEL) or count
    described = fields.text(data, "contingent", 300)
    key = fields.text(data, "contingent_key", 80)
    contingent = contingent_of(key, described)
    notes = fields.text(data, "notes")
    lat, lon = fields.point(data, "location")
    start, end = fields.when(data, "observed_start"), fields.when(data, "observed_end")
    parties = [(contingent.actor, "involved")] if contingent is not None and contingent.actor is not None else []
    incident = {"category": CATEGORY, "subtype": subtype, "occurred_start": start, "occurred_end": end,
                "lat": lat, "lon": lon, "time_precision": "hour", "location_precision": "approximate",
                **fields.descriptions(_description(notes, count, estimate, described, key, contingent is not None))}
    return {"incident": incident, "parties": parties, "contingent": contingent, "count": count,
            "estimate": estimate, "notes": notes}


def movement_values(seen: dict[str, Any], incident: Incident) -> dict[str, Any]:
    start = seen["incident"]["occurred_start"]
    return {"kind": seen["incident"]["subtype"], "occurred_on": timezone.localtime(start).date(),
            "personnel_min": seen["count"], "personnel_max": seen["estimate"],
            "source": _("Field sighting %(ref)s") % {"ref": incident.reference}, "incident": incident,
            "notes": seen["notes"]}


def _wants_movement(seen: dict[str, Any], actor: Any) -> bool:
    return (seen["contingent"] is not None and seen["incident"]["subtype"] in ForceMovement.Kind.values
            and access.can(actor, "forces.report", seen["contingent"]))


def _amend(submission: Submission, replaced: Submission, incident: Incident, seen: dict[str, Any], actor: Any) -> None:
    try:
        # As in the incident report: an incident past the monitor's editing stays as it was.
        with transaction.atomic():
            update_incident(incident, {**seen["incident"], "parties": seen["parties"]}, actor,
                            note=_("edited on the phone"))
    except RaqibError:
        pass
    for record in (*records_of(replaced, Evidence), *records_of(replaced, ForceMovement)):
        link(submission, record, actor)
    movements = records_of(replaced, ForceMovement)
    if not _wants_movement(seen, actor):
        return
    if not movements:
        link(submission, add_movement(seen["contingent"], movement_values(seen, incident), actor), actor)
        return
    movement = movements[0]
    if movement.state == ForceMovement.State.REPORTED and access.can(actor, "forces.report", movement):
        values = movement_values(seen, incident)
        services.update(movement, actor, {**values, "contingent": seen["contingent"]}, note=_("edited on the phone"))


def received(submission: Submission, actor: Any) -> None:
    seen = sighting(submission.data)
    replaced = previous(submission)
    earlier = records_of(replaced, Incident) if replaced is not None else []
    if replaced is not None and earlier:
        incident = earlier[0]
        link(submission, incident, actor)
        _amend(submission, replaced, incident, seen, actor)
    else:
        incident = create_incident(IncidentData(**seen["incident"], parties=seen["parties"]), actor)
        link(submission, incident, actor)
        values = seen["incident"]
        observation = create_observation({
            "incident": incident, "method": "seen", "event_class": "movement",
            "observed_start": values["occurred_start"], "observed_end": values["occurred_end"],
            "count": seen["count"], "lat": values["lat"], "lon": values["lon"], "notes": seen["notes"],
            **fields.observer(actor)}, actor)
        link(submission, observation, actor)
        if _wants_movement(seen, actor):
            link(submission, add_movement(seen["contingent"], movement_values(seen, incident), actor), actor)
    fields.photos_to_evidence(submission, incident, list(submission.attachments.all()), actor,
                              _("sent from a phone with the foreign-forces sighting"))


def attachments_added(submission: Submission, attachments: Sequence[SubmissionAttachment], actor: Any) -> None:
    for incident in records_of(submission, Incident):
        fields.photos_to_evidence(submission, incident, attachments, actor,
                                  _("sent from a phone with the foreign-forces sighting"))


FORM = register(BuiltinForm(FORM_ID, "forces_sighting.csv", handler=received, on_attachments=attachments_added))
