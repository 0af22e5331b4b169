"""The patrol report form (``raqib_patrol_report``): each submission files the report of the patrol
whose number the monitor typed (the number on the patrol's page), as the patrol page does
(``raqib.mission.services.file_report``). "Nothing observed" is a finding of its own; otherwise the
form may carry one incident the patrol observed, which becomes an incident linked to the report
(its photo becomes the incident's evidence).

An edit on the phone (``meta/deprecatedID``) changes the same report and the same incident.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raqib.core import services
from raqib.core.errors import Forbidden, Invalid, RaqibError
from raqib.core.taxonomy import BY_KEY
from raqib.incidents.models import Evidence, Incident
from raqib.incidents.services import IncidentData, create_incident, update_incident
from raqib.mission.models import Patrol, PatrolReport
from raqib.mission.services import file_report, may_act
from raqib.openrosa.builtin import BuiltinForm, link, previous, records_of, register
from raqib.openrosa.handlers import fields
from raqib.openrosa.models import Submission, SubmissionAttachment

FORM_ID = "raqib_patrol_report"
MAX_SUMMARY = 20_000


def patrol_of(data: dict[str, Any]) -> Patrol:
    """The patrol named by its number; an unknown number is refused with the number in the message."""
    number = fields.integer(data, "patrol", None, low=1, high=2_147_483_647)
    if number is None:
        raise Invalid(_("Give the patrol number shown on the patrol's page."))
    patrol = Patrol.objects.select_related("team").filter(pk=number).first()
    if patrol is None:
        raise Invalid(_("There is no patrol number %(n)d: check the number on the patrol's page.") % {"n": number})
    return patrol


def incident_values(group: dict[str, Any]) -> dict[str, Any]:
    """The incident of the form's "incident observed" group."""
    category = fields.choice(group, "category", list(BY_KEY))
    subtype = fields.choice(group, "subtype", [s.key for s in BY_KEY[category].subtypes])
    lat, lon = fields.point(group, "location")
    return {"category": category, "subtype": subtype, "occurred_start": fields.when(group, "observed_start"),
            "occurred_end": fields.when(group, "observed_end"), "lat": lat, "lon": lon,
            "time_precision": "hour", "location_precision": "approximate",
            **fields.descriptions(fields.required(group, "description"))}


def _filed_at(data: dict[str, Any]) -> dt.datetime:
    """When the monitor finished the form on the phone (never later than now)."""
    now = timezone.now()
    end = fields.optional_when(data, "end")
    return end if end is not None and end <= now else now


def amend_report(report: PatrolReport, nothing: bool, summary: str, incidents: list[Incident], actor: Any) -> None:
    """Change a report filed from a phone, by the rules ``file_report`` applies to a new one."""
    if not may_act(actor, "patrol.report", report.patrol):
        raise Forbidden(_("Only the team or the chief may report on a patrol."))
    if nothing and incidents:
        raise Invalid(_("A report of “nothing observed” cannot link incidents."))
    if not nothing and not incidents and not summary:
        raise Invalid(_("Say what the patrol observed (a summary or incidents), or that it observed nothing."))
    services.update(report, actor, {"nothing_observed": nothing, "summary": summary}, m2m={"incidents": incidents},
                    note=_("edited on the phone"))


def received(submission: Submission, actor: Any) -> None:
    data = submission.data
    patrol = patrol_of(data)
    if not may_act(actor, "patrol.report", patrol):
        raise Forbidden(_("Only the team or the chief may report on patrol number %(n)d.") % {"n": patrol.pk})
    nothing = fields.yes(data, "nothing_observed")
    summary = fields.text(data, "summary", MAX_SUMMARY)
    group = fields.group(data, "incident")
    wants_incident = not nothing and group.get("report_incident") == "yes"
    values = incident_values(group) if wants_incident else None

    replaced = previous(submission)
    reports = records_of(replaced, PatrolReport) if replaced is not None else []
    earlier = records_of(replaced, Incident) if replaced is not None else []
    incident: Incident | None = None
    if values is not None:
        if earlier:
            incident = earlier[0]
            try:
                # As in the incident report: an incident past the monitor's editing stays as it was.
                with transaction.atomic():
                    update_incident(incident, values, actor, note=_("edited on the phone"))
            except RaqibError:
                pass
            for evidence in records_of(replaced, Evidence) if replaced is not None else []:
                link(submission, evidence, actor)
        else:
            incident = create_incident(IncidentData(**values), actor)
        link(submission, incident, actor)
    linked = [incident] if incident is not None else []

    if reports:
        report = reports[0]
        if report.patrol_id != patrol.pk:
            raise Invalid(_("An edit cannot move the report to another patrol (it is the report of patrol number "
                            "%(n)d).") % {"n": report.patrol_id})
        amend_report(report, nothing, summary, linked, actor)
    else:
        report = file_report(patrol, {"nothing_observed": nothing, "summary": summary, "filed_at": _filed_at(data)},
                             linked, actor)
    link(submission, report, actor)
    if incident is not None:
        fields.photos_to_evidence(submission, incident, list(submission.attachments.all()), actor,
                                  _("sent from a phone with the patrol report"))


def attachments_added(submission: Submission, attachments: Sequence[SubmissionAttachment], actor: Any) -> None:
    for incident in records_of(submission, Incident):
        fields.photos_to_evidence(submission, incident, attachments, actor, _("sent from a phone with the patrol report"))


FORM = register(BuiltinForm(FORM_ID, "patrol_report.csv", handler=received, on_attachments=attachments_added))
