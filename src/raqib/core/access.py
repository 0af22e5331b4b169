"""Who may see and do what: the one place every face (API, pages, OpenRosa, exports,
reports, CLI) asks.

``visible(queryset, user)`` narrows a queryset to what the user may see; ``can(user, action,
obj)`` answers whether they may do something. ``actor=None`` is the system itself (the command
line run by an operator with access to the data dir) and may do anything.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q, QuerySet

MONITOR, TEAM_LEADER, VERIFIER, CHIEF, LIAISON, PUBLIC, ADMIN = (
    "monitor", "team_leader", "verifier", "chief", "liaison", "public", "admin",
)
STAFF = frozenset({MONITOR, TEAM_LEADER, VERIFIER, CHIEF, ADMIN})
ANALYSTS = frozenset({VERIFIER, CHIEF, ADMIN})
LEADERS = frozenset({CHIEF, ADMIN})
FIELD = frozenset({MONITOR, TEAM_LEADER})

# Reference data every signed-in user may read, the public included.
REFERENCE = frozenset({
    "actors.party", "actors.alias", "geo.place", "geo.placename", "geo.zone",
    "agreements.agreement", "agreements.provision",
})
STAFF_ONLY = frozenset({"incidents.observation", "incidents.source", "incidents.evidence",
                        "incidents.custodyentry", "mission.monitor", "mission.team",
                        "mission.patrol", "mission.checkin", "mission.patrolreport", "mission.overduealert"})
# The foreign-forces ledger: the mission's staff read it; liaison officers and the public do not.
STAFF_ONLY |= frozenset({"forces.contingent", "forces.strengthestimate", "forces.forcemovement"})
# News intake: the articles read and the candidate events found in them, for analysts only.
ANALYSTS_ONLY = frozenset({"osint.candidate", "osint.candidatesource", "osint.article", "osint.newssource"})
# A zone's readiness checklist and handover: the staff and the parties' liaison officers (the
# parties' consent is on the checklist), not the public.
STAFF_AND_LIAISON = frozenset({"geo.zonereadiness", "geo.handover"})
# Where each provision of the agreement stands: the parties are bound by it, the public is not told.
STAFF_AND_LIAISON |= frozenset({"agreements.complianceassessment"})
# Explosive hazards and their land release are safety information shared with both parties;
# accidents and their victims (personal data) stay with the staff.
STAFF_AND_LIAISON |= frozenset({"hazards.hazardarea", "hazards.landrelease"})
STAFF_ONLY |= frozenset({"hazards.eoaccident", "hazards.eovictim"})
# Arms-embargo events are Panel of Experts matters: the staff read them, analysts write them;
# liaison officers and the public see nothing of them.
STAFF_ONLY |= frozenset({"embargo.embargoevent", "embargo.trackimport"})
# Field forms (OpenRosa) and what phones sent: the staff's working material.
STAFF_ONLY |= frozenset({"openrosa.xform", "openrosa.mediafile", "openrosa.submission",
                         "openrosa.submissionattachment", "openrosa.submissionrecord"})

# action -> roles allowed, before any per-object rule below.
ACTIONS: dict[str, frozenset[str]] = {
    "incident.create": STAFF,
    "incident.update": STAFF,
    "observation.create": STAFF,
    "source.create": STAFF,
    "evidence.create": STAFF,
    "allegation.create": frozenset({LIAISON}) | ANALYSTS,
    "allegation.update": ANALYSTS,
    "verification.assign": ANALYSTS,
    "verification.transition": ANALYSTS,
    "verification.review": LEADERS,
    "source.read_protected": ANALYSTS,
    "verification.read_internal": STAFF,
    "audit.read": ANALYSTS,
    "zone.transition": LEADERS,
    "zone.edit": LEADERS,
    "zone.readiness": LEADERS,
    "zone.handover": LEADERS,
    "zone.indicators": STAFF,
    "mission.edit": LEADERS,
    "reference.edit": frozenset({ADMIN}),
    "user.manage": frozenset({ADMIN}),
    "candidate.decide": ANALYSTS,
    # Field forms on phones (OpenRosa): the staff list and send them; the chief publishes them.
    "openrosa.submit": STAFF,
    "xform.manage": LEADERS,
    # Exports hold only what visible() lets the user see; the public role gets none.
    "export.incidents": STAFF | frozenset({LIAISON}),
    # Patrols: monitors and team leaders act on their own team's (raqib.mission.services.may_act).
    "patrol.plan": frozenset({TEAM_LEADER}) | LEADERS,
    "patrol.move": FIELD | LEADERS,
    "patrol.cancel": frozenset({TEAM_LEADER}) | LEADERS,
    "patrol.check_in": FIELD | LEADERS,
    "patrol.report": FIELD | LEADERS,
    "patrol.acknowledge": LEADERS,
    "forces.edit": ANALYSTS,
    # Any staff member may report a movement seen in the field; it counts once an analyst verifies it.
    "forces.report": STAFF,
    "forces.verify": ANALYSTS,
    "compliance.set": LEADERS,
    "hazard.edit": STAFF,
    "hazard.transition": ANALYSTS,
    "eo_accident.edit": STAFF,
    "embargo.create": ANALYSTS,
    "embargo.transition": ANALYSTS,
    "embargo.import": ANALYSTS,
    "restriction.create": STAFF,
    "restriction.transition": ANALYSTS,
    # Reports: verifiers or the chief draft and review (not their own draft); the chief approves,
    # publishes and withholds (raqib.reports.services).
    "report.draft": ANALYSTS,
    "report.review": ANALYSTS,
    "report.approve": LEADERS,
    "report.publish": LEADERS,
    "report.withhold": LEADERS,
}

# Incident states in which the monitor who filed an incident may still correct it.
FIELD_EDITABLE_STATES = ("received", "triaged")


def role_of(user: Any) -> str | None:
    if user is None:
        return None
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return user.role


def is_system(user: Any) -> bool:
    return user is None


def visible(qs: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """The part of ``qs`` that ``user`` may see."""
    if is_system(user):
        return qs
    role = role_of(user)
    label = qs.model._meta.label_lower
    if role is None:
        return qs.none()
    if label in REFERENCE:
        return qs
    if label in STAFF_ONLY:
        return qs if role in STAFF else qs.none()
    if label in ANALYSTS_ONLY:
        return qs if role in ANALYSTS else qs.none()
    if label in STAFF_AND_LIAISON:
        return qs if role in STAFF or role == LIAISON else qs.none()
    if label == "incidents.incident":
        if role in STAFF:
            return qs
        if role == LIAISON:
            return qs.filter(_liaison_incidents(user))
        return qs.none()
    if label == "incidents.allegation":
        if role in STAFF:
            return qs
        if role == LIAISON:
            return qs.filter(filing_party_id=user.party_id)
        return qs.none()
    if label in ("verification.verification", "incidents.incidentparty"):
        # Which parties an incident involves and how it was judged go with the incident.
        if role in STAFF:
            return qs
        if role == LIAISON:
            from raqib.incidents.models import Incident

            return qs.filter(incident__in=Incident.objects.filter(_liaison_incidents(user)).values("pk"))
        return qs.none()
    if label == "movement.restriction":
        # A liaison officer sees the restrictions their own party imposed and those shared with the JMC.
        if role in STAFF:
            return qs
        if role == LIAISON:
            return qs.filter(Q(party_id=user.party_id) | Q(shared_with_jmc=True))
        return qs.none()
    if label == "reports.report":
        # The staff see every report; everyone else, the published public summaries only.
        return qs if role in STAFF else qs.filter(state="published", kind="public")
    if label == "accounts.user":
        return qs if role == ADMIN else qs.filter(pk=user.pk)
    if label == "core.auditentry":
        return qs if role in ANALYSTS else qs.none()
    return qs.none()


def _liaison_incidents(user: Any) -> Q:
    from raqib.incidents.models import Allegation

    own = Allegation.objects.filter(filing_party_id=user.party_id, incident__isnull=False).values("incident_id")
    return Q(shared_with_jmc=True) | Q(pk__in=own)


def can_see(user: Any, obj: Model) -> bool:
    return visible(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


def can(user: Any, action: str, obj: Model | None = None) -> bool:
    """Whether ``user`` may do ``action`` (on ``obj`` when given)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if is_system(user):
        return True
    role = role_of(user)
    if role is None or role not in ACTIONS[action]:
        return False
    if obj is not None and not can_see(user, obj):
        return False
    if action == "incident.update" and role in FIELD and obj is not None:
        state = getattr(getattr(obj, "verification", None), "state", "received")
        return getattr(obj, "created_by_id", None) == user.pk and state in FIELD_EDITABLE_STATES
    return True


def can_read_protected(user: Any) -> bool:
    """Witness and source identities, monitors' personal data."""
    return can(user, "source.read_protected")
