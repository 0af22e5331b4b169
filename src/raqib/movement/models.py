"""Freedom of movement: restrictions on the monitors (denials, conditions, delays, threats, UAV
interference), who imposed them, and how they were taken up with the Joint Military Commission."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from raqib.core.models import AuditedModel
from raqib.geo.models import LAT, LON

MAX_DURATION_MINUTES = 60 * 24 * 366


class Restriction(AuditedModel):
    class Kind(models.TextChoices):
        DENIAL = "denial", _("denial of access")
        CONDITIONAL_ACCESS = "conditional_access", _("conditional access")
        DELAY = "delay", _("delay")
        THREAT_OR_VIOLENCE = "threat_or_violence", _("threat or violence")
        UAV_INTERFERENCE = "uav_interference", _("UAV jamming or fire")

    class State(models.TextChoices):
        REPORTED = "reported", _("reported")
        RAISED_WITH_JMC = "raised_with_jmc", _("raised with the JMC")
        RESOLVED = "resolved", _("resolved")
        RECURRING = "recurring", _("recurring")

    # A resolved restriction that happens again becomes recurring and can be raised again.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        "reported": ("raised_with_jmc", "resolved", "recurring"),
        "raised_with_jmc": ("resolved", "recurring"),
        "recurring": ("raised_with_jmc", "resolved"),
        "resolved": ("recurring",),
    }

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    party = models.ForeignKey("actors.Party", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="restrictions", verbose_name=_("party responsible"))
    actor_description = models.CharField(_("who imposed it"), max_length=300, blank=True,
                                         help_text=_("The unit, checkpoint or people, as the team saw them."))
    place = models.ForeignKey("geo.Place", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="restrictions", verbose_name=_("place"))
    lat = models.FloatField(_("latitude"), null=True, blank=True, validators=LAT)
    lon = models.FloatField(_("longitude"), null=True, blank=True, validators=LON)
    zone = models.ForeignKey("geo.Zone", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="restrictions", verbose_name=_("zone"))
    occurred_at = models.DateTimeField(_("occurred at"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    reason_given = models.TextField(_("reason given"), blank=True)
    task_affected = models.TextField(_("task affected"), blank=True)
    description = models.TextField(_("what happened"), blank=True)
    team = models.ForeignKey("mission.Team", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="restrictions", verbose_name=_("team"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.REPORTED)
    raised_with_jmc_on = models.DateField(_("raised with the JMC on"), null=True, blank=True)
    shared_with_jmc = models.BooleanField(_("shared with the Joint Military Commission"), default=False)
    incident = models.ForeignKey("incidents.Incident", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="restrictions", verbose_name=_("incident"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("movement restriction")
        verbose_name_plural = _("movement restrictions")
        indexes = [models.Index(fields=["-occurred_at", "-id"], name="restriction_time_idx"),
                   models.Index(fields=["party", "occurred_at"], name="restriction_party_time_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(lat__isnull=True) & models.Q(lon__isnull=True))
                | (models.Q(lat__isnull=False) & models.Q(lon__isnull=False)),
                name="restriction_both_or_no_coordinates",
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__isnull=True) | models.Q(duration_minutes__lte=MAX_DURATION_MINUTES),
                name="restriction_duration_bounded",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"FOM-{self.pk:06d}" if self.pk else "FOM-new"

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS.get(self.state, ())

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if (self.lat is None) != (self.lon is None):
            errors["lon"] = str(_("Give both the latitude and the longitude, or neither."))
        if self.duration_minutes is not None and self.duration_minutes > MAX_DURATION_MINUTES:
            errors["duration_minutes"] = str(_("A restriction lasts at most a year (%(n)d minutes).")
                                             % {"n": MAX_DURATION_MINUTES})
        if self.party_id is None and not self.actor_description.strip():
            errors["actor_description"] = str(_("Name the party responsible or describe who imposed it."))
        if errors:
            raise ValidationError(errors)
