"""Where each provision stands: not started, in progress, met, breached or lapsed.

A provision's status comes from a rule when one governs it, otherwise from the chief.

Rules (``RULES``, one registry; a module adds a rule with :func:`rule`):

- ``foreign_forces_withdrawn``: from the foreign-forces ledger. Met when the best total estimate
  is zero (its maximum too); lapsed when it is above zero after the provision's deadline (or the
  baseline's deadline when the provision has none); in progress otherwise; not started while no
  contingent has an estimate yet.
- ``no_verified_violations``: breached as soon as an incident linked to the provision, dated on
  or before the day, has a verification reviewed or closed with the outcome "verified"; in
  progress otherwise.

Which rule governs a provision: its ``compliance_rule`` field; blank means the default for its
category (``DEFAULT_RULES``: withdrawal -> foreign_forces_withdrawn, ceasefire ->
no_verified_violations); "manual" means none.

Before the agreement is signed every provision is "not started".

The chief's word: on a provision without a rule the chief sets the status with a justification.
On a rule-governed provision the chief may override the rule only by saying so (``override``)
and justifying it; the override records what the rule said that day and holds while the rule
keeps saying it. When the facts change the rule's reading, the rule speaks again (the chief may
override again). Every assessment is kept; each new one supersedes the last.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from raqib.agreements.models import Agreement, ComplianceAssessment, Provision
from raqib.core import access, services
from raqib.core.errors import Forbidden, Invalid

Status = ComplianceAssessment.Status
MAX_JUSTIFICATION = 5000


@dataclass
class Reading:
    """What a rule says of a provision on a day: a status, a reason a person reads, and the
    figures behind it (shown only to those who may read the records they come from)."""

    status: str
    reason: str
    figures: dict[str, Any] = field(default_factory=dict)


Rule = Callable[[Provision, dt.date], Reading]
RULES: dict[str, Rule] = {}
DEFAULT_RULES: dict[str, str] = {
    Provision.Category.WITHDRAWAL: "foreign_forces_withdrawn",
    Provision.Category.CEASEFIRE: "no_verified_violations",
}


def rule(key: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        RULES[key] = func
        return func

    return register


def rule_of(provision: Provision) -> str | None:
    """The key of the rule governing ``provision``, or None when the chief sets its status."""
    key = provision.compliance_rule or DEFAULT_RULES.get(provision.category, "manual")
    return key if key in RULES else None


@rule("foreign_forces_withdrawn")
def foreign_forces_withdrawn(provision: Provision, on: dt.date) -> Reading:
    from raqib.agreements.parameters import foreign_forces_baseline
    from raqib.forces.services import Ledger

    ledger = Ledger.load(until=on)
    if not ledger.has_any(on):
        return Reading(Status.NOT_STARTED, _("No foreign-forces estimate is recorded yet."))
    low, high = ledger.total(on)
    deadline = provision.deadline()
    if deadline is None:
        baseline = foreign_forces_baseline()
        deadline = baseline.deadline if baseline is not None else None
    figures: dict[str, Any] = {"minimum": low, "maximum": high, "deadline": deadline}
    if high == 0:
        return Reading(Status.MET, _("No foreign forces remain by the best estimate."), figures)
    if deadline is not None and on > deadline:
        return Reading(Status.LAPSED, _("Foreign forces remain after the deadline of %(day)s.")
                       % {"day": deadline.isoformat()}, figures)
    return Reading(Status.IN_PROGRESS, _("Foreign forces remain; the deadline has not passed."), figures)


@rule("no_verified_violations")
def no_verified_violations(provision: Provision, on: dt.date) -> Reading:
    from raqib.incidents.models import Incident

    end = dt.datetime.combine(on + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    verified = (Incident.objects.filter(provisions=provision, occurred_start__lt=end,
                                        verification__outcome="verified",
                                        verification__state__in=("reviewed", "closed"))
                .order_by("occurred_start", "pk"))
    count = verified.count()
    if count:
        first = verified.first()
        assert first is not None
        return Reading(Status.BREACHED, _("%(n)d verified violation(s) linked to the provision, the first on "
                                          "%(day)s.") % {"n": count, "day": first.occurred_start.date().isoformat()},
                       {"verified_incidents": [i.pk for i in verified[:50]]})
    return Reading(Status.IN_PROGRESS, _("No verified violation is linked to the provision."))


@dataclass
class ProvisionCompliance:
    provision: Provision
    status: str
    reason: str
    rule: str | None
    source: str  # "rule", "chief" or "none"
    assessment: ComplianceAssessment | None = None
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)


def _latest(provision: Provision, on: dt.date, *, manual_only: bool = False) -> ComplianceAssessment | None:
    qs = provision.assessments.filter(assessed_on__lte=on)
    if manual_only:
        qs = qs.filter(rule="")
    return qs.order_by("-assessed_on", "-pk").first()


def status_of(provision: Provision, on: dt.date) -> ProvisionCompliance:
    """Where ``provision`` stands on ``on``, and why."""
    key = rule_of(provision)
    if on < provision.agreement.signed_on:
        return ProvisionCompliance(provision, Status.NOT_STARTED, _("The agreement was not signed yet."), key, "rule")
    chief = _latest(provision, on, manual_only=True)
    if key is None:
        if chief is None:
            return ProvisionCompliance(provision, Status.NOT_STARTED, _("Not assessed yet."), None, "none")
        return ProvisionCompliance(provision, chief.status, chief.justification, None, "chief", chief)
    reading = RULES[key](provision, on)
    if chief is not None and chief.rule_status == reading.status:
        return ProvisionCompliance(provision, chief.status, chief.justification, key, "chief", chief, reading.figures)
    return ProvisionCompliance(provision, reading.status, reading.reason, key, "rule", None, reading.figures)


def provision_statuses(on: dt.date, agreement: Agreement | None = None) -> list[ProvisionCompliance]:
    """Each provision of ``agreement`` (default: the one signed last) with its status on ``on``."""
    if agreement is None:
        agreement = Agreement.objects.order_by("-signed_on", "-pk").first()
        if agreement is None:
            return []
    provisions = agreement.provisions.select_related("agreement").order_by("pk")
    return [status_of(p, on) for p in provisions]


def history(provision: Provision) -> list[ComplianceAssessment]:
    """Every assessment of the provision, newest first."""
    return list(provision.assessments.select_related("set_by").order_by("-assessed_on", "-pk"))


def _record(provision: Provision, values: dict[str, Any], actor: Any) -> ComplianceAssessment:
    with transaction.atomic():
        Provision.objects.select_for_update().filter(pk=provision.pk).first()  # one writer per provision
        previous = provision.assessments.order_by("-assessed_on", "-pk").first()
        assessment = services.create(ComplianceAssessment(provision=provision, **values), actor)
        if previous is not None and previous.assessed_on <= assessment.assessed_on:
            services.update(previous, actor, {"superseded_by": assessment})
    return assessment


def set_status(provision: Provision, status: str, justification: str, actor: Any, *,
               on: dt.date | None = None, override: bool = False) -> ComplianceAssessment:
    """The chief's assessment of ``provision`` on ``on`` (default today), with its justification.

    Refused on a rule-governed provision unless ``override`` is given: the override then holds
    while the rule's reading stays what it was that day (see the module docstring).
    """
    from django.utils import timezone

    if not access.can(actor, "compliance.set", provision):
        raise Forbidden(_("Only the chief may set a provision's status."))
    if status not in Status.values:
        raise Invalid(_("Unknown status “%(status)s”.") % {"status": status})
    justification = (justification or "").strip()
    if not justification:
        raise Invalid(_("Say why: a justification is required."))
    if len(justification) > MAX_JUSTIFICATION:
        raise Invalid(_("The justification is longer than %(n)d characters.") % {"n": MAX_JUSTIFICATION})
    on = on or timezone.localdate()
    if on < provision.agreement.signed_on:
        raise Invalid(_("The agreement was not signed on that day."))
    key = rule_of(provision)
    rule_status = ""
    if key is not None:
        if not override:
            raise Invalid(_("A rule sets this provision's status (%(rule)s); override it explicitly, with a "
                            "justification, to set it yourself.") % {"rule": key})
        rule_status = RULES[key](provision, on).status
    return _record(provision, {"status": status, "justification": justification, "assessed_on": on,
                               "rule": "", "rule_status": rule_status,
                               "set_by": actor if getattr(actor, "pk", None) else None}, actor)


def record_rule_statuses(on: dt.date, actor: Any, agreement: Agreement | None = None) -> list[ComplianceAssessment]:
    """Keep the history of what the rules say: for each rule-governed provision whose rule now
    reads differently from its last recorded reading, record the new reading. Returns those
    recorded (none the second time on the same facts)."""
    if not access.can(actor, "compliance.set"):
        raise Forbidden(_("Only the chief may record the provisions' statuses."))
    recorded = []
    for current in provision_statuses(on, agreement):
        if current.rule is None or current.source != "rule":
            continue
        last = current.provision.assessments.exclude(rule="").filter(assessed_on__lte=on).order_by(
            "-assessed_on", "-pk").first()
        if last is not None and last.status == current.status:
            continue
        recorded.append(_record(current.provision, {
            "status": current.status, "justification": current.reason, "assessed_on": on, "rule": current.rule,
            "rule_status": current.status, "set_by": actor if getattr(actor, "pk", None) else None}, actor))
    return recorded
