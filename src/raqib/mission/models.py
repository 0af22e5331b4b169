from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from raqib.core.models import AuditedModel


class Monitor(AuditedModel):
    """A member of the monitoring mechanism. Name and contact are personal data: liaison
    officers and the public never see them."""

    class Organisation(models.TextChoices):
        AU = "au", _("African Union")
        EU = "eu", _("European Union")
        LAS = "las", _("League of Arab States")
        UN = "un", _("United Nations")
        JMC = "jmc", _("Joint Military Commission")

    class Background(models.TextChoices):
        CIVILIAN = "civilian", _("civilian")
        RETIRED_MILITARY = "retired_military", _("retired military")
        SERVING = "serving", _("serving officer")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="monitor")
    name = models.CharField(_("name"), max_length=200)
    callsign = models.CharField(_("call sign"), max_length=40, blank=True)
    organisation = models.CharField(_("organisation"), max_length=10, choices=Organisation.choices)
    jmc_side = models.ForeignKey("actors.Party", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="jmc_monitors", verbose_name=_("JMC side"))
    background = models.CharField(_("background"), max_length=20, choices=Background.choices)
    languages = models.JSONField(_("languages"), default=list, help_text=_("ISO 639-1 codes, e.g. ar, en, fr"))
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    active_from = models.DateField(_("active from"))
    active_until = models.DateField(_("active until"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("monitor")
        verbose_name_plural = _("monitors")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation="jmc", jmc_side__isnull=False) | ~models.Q(organisation="jmc"),
                name="monitor_jmc_has_side",
            ),
            models.CheckConstraint(
                condition=models.Q(active_until__isnull=True) | models.Q(active_until__gte=models.F("active_from")),
                name="monitor_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.callsign or self.name


class Team(AuditedModel):
    name = models.CharField(_("name"), max_length=100, unique=True)
    zone = models.ForeignKey("geo.Zone", null=True, blank=True, on_delete=models.PROTECT, related_name="teams",
                             verbose_name=_("zone"))
    leader = models.ForeignKey(Monitor, null=True, blank=True, on_delete=models.PROTECT, related_name="led_teams",
                               verbose_name=_("team leader"))
    members = models.ManyToManyField(Monitor, blank=True, related_name="teams", verbose_name=_("members"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name
