from __future__ import annotations

import calendar
import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from raqib.core.models import AuditedModel

RELATIVE_DEADLINE = re.compile(r"^\+(\d{1,4}) (day|week|month|year)s?$")


def validate_relative_deadline(value: str) -> None:
    if value and not RELATIVE_DEADLINE.match(value):
        raise ValidationError(_("A relative deadline looks like “+3 months”, “+90 days”, “+2 weeks” or “+1 year”."))


def add_relative(start: dt.date, relative: str) -> dt.date:
    """``start`` moved by a relative deadline such as "+3 months" (end of month clamped)."""
    match = RELATIVE_DEADLINE.match(relative)
    if not match:
        raise ValueError(f"not a relative deadline: {relative!r}")
    n, unit = int(match.group(1)), match.group(2)
    if unit == "day":
        return start + dt.timedelta(days=n)
    if unit == "week":
        return start + dt.timedelta(weeks=n)
    months = n * (12 if unit == "year" else 1)
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    month = month0 + 1

    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


COMPLIANCE_RULE_CHOICES = [
    ("manual", _("none: set by the chief")),
    ("foreign_forces_withdrawn", _("foreign forces withdrawn by the deadline")),
    ("no_verified_violations", _("no verified violation")),
]


class Agreement(AuditedModel):
    key = models.SlugField(max_length=80, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ar = models.CharField(_("title (Arabic)"), max_length=300)
    signed_on = models.DateField(_("signed on"))
    signed_at_en = models.CharField(_("signed at (English)"), max_length=200, blank=True)
    signed_at_ar = models.CharField(_("signed at (Arabic)"), max_length=200, blank=True)
    timezone = models.CharField(_("mission time zone"), max_length=64, default="UTC")
    source_url = models.URLField(_("source"), blank=True)
    # The mechanism's figures the profile sets: the monitor ceiling per phase, the foreign-forces
    # baseline, the places watched for the arms embargo. Read through raqib.agreements.parameters.
    parameters = models.JSONField(_("mission parameters"), default=dict, blank=True)

    class Meta:
        ordering = ["signed_on"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title_en


class Provision(AuditedModel):
    """A numbered item of an agreement; later decisions hang under the item they implement."""

    class Category(models.TextChoices):
        CEASEFIRE = "ceasefire", _("Ceasefire")
        WITHDRAWAL = "withdrawal", _("Withdrawal of forces")
        FOREIGN_TRAINING = "foreign_training", _("Foreign military training")
        JOINT_FORCE = "joint_force", _("Joint military force")
        SECURITY = "security", _("Security arrangements")
        ARMED_GROUPS = "armed_groups", _("Armed groups")
        MEDIA = "media", _("Media and hate speech")
        ROUTES = "routes", _("Roads and routes")
        OIL_FACILITIES = "oil_facilities", _("Oil facilities")
        DETAINEES = "detainees", _("Detainees")
        EXCLUSIONS = "exclusions", _("Exclusions")
        MONITORING = "monitoring", _("Monitoring and verification")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="provisions")
    number = models.CharField(_("number"), max_length=20)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=300, blank=True)
    text_en = models.TextField(_("text (English)"))
    text_ar = models.TextField(_("text (Arabic)"))
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    obligated_parties = models.ManyToManyField("actors.Party", blank=True, related_name="obligations",
                                               verbose_name=_("obligated parties"))
    deadline_on = models.DateField(_("deadline"), null=True, blank=True)
    deadline_relative = models.CharField(_("deadline relative to signature"), max_length=20, blank=True,
                                         validators=[validate_relative_deadline])
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True)
    # Which rule of raqib.agreements.compliance derives the provision's status; blank: the
    # default for its category; "manual": none, the chief sets it.
    compliance_rule = models.CharField(_("compliance rule"), max_length=40, blank=True,
                                       choices=COMPLIANCE_RULE_CHOICES)

    class Meta:
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="provision_number_unique"),
            models.CheckConstraint(
                condition=models.Q(deadline_on__isnull=True) | models.Q(deadline_relative=""),
                name="provision_one_kind_of_deadline",
            ),
        ]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")

    def __str__(self) -> str:
        return f"{self.number}. {self.title_en or self.text_en[:60]}"

    def deadline(self) -> dt.date | None:
        """The deadline as a date: absolute, or counted from the agreement's signature."""
        if self.deadline_on:
            return self.deadline_on
        if self.deadline_relative:
            return add_relative(self.agreement.signed_on, self.deadline_relative)
        return None


class ComplianceAssessment(AuditedModel):
    """One reading of where a provision stands, kept for ever: a status derived by a rule, or
    set by the chief with a justification. A newer reading supersedes the older one."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        MET = "met", _("met")
        BREACHED = "breached", _("breached")
        LAPSED = "lapsed", _("lapsed")

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="assessments")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    assessed_on = models.DateField(_("assessed on"))
    justification = models.TextField(_("justification"), blank=True)
    # The rule that derived the status; blank when the chief set it.
    rule = models.CharField(_("rule"), max_length=40, blank=True)
    # When the chief overrides a rule: what the rule said then. The override holds while the rule
    # keeps saying so; new facts that change the rule's reading end it.
    rule_status = models.CharField(_("status the rule gave"), max_length=20, choices=Status.choices, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("set by"))
    superseded_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                      verbose_name=_("superseded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["provision", "-assessed_on", "-pk"]
        verbose_name = _("compliance assessment")
        verbose_name_plural = _("compliance assessments")
        constraints = [
            models.CheckConstraint(condition=~models.Q(rule="") | ~models.Q(justification=""),
                                   name="compliance_manual_is_justified"),
        ]

    def __str__(self) -> str:
        return f"{self.provision_id} {self.assessed_on}: {self.status}"
