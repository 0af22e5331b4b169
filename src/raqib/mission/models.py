from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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


# --- Patrols and the monitors' safety ---------------------------------------------------

MAX_WAYPOINTS = 100


def validate_route(value: object) -> None:
    """A route is a list of at most MAX_WAYPOINTS waypoints ``{"lat", "lon", "name"?}``."""
    from django.core.exceptions import ValidationError

    if not isinstance(value, list):
        raise ValidationError(_("The route must be a list of waypoints."))
    if len(value) > MAX_WAYPOINTS:
        raise ValidationError(_("A route has at most %(n)d waypoints.") % {"n": MAX_WAYPOINTS})
    for number, point in enumerate(value, start=1):
        if not isinstance(point, dict) or not {"lat", "lon"} <= set(point) or not set(point) <= {"lat", "lon", "name"}:
            raise ValidationError(_("Waypoint %(n)d must have a latitude, a longitude and optionally a name.")
                                  % {"n": number})
        lat, lon, name = point["lat"], point["lon"], point.get("name", "")
        if (isinstance(lat, bool) or isinstance(lon, bool) or not isinstance(lat, (int, float))
                or not isinstance(lon, (int, float)) or not -90 <= lat <= 90 or not -180 <= lon <= 180):
            raise ValidationError(_("Waypoint %(n)d is not a valid latitude and longitude.") % {"n": number})
        if not isinstance(name, str) or len(name) > 100:
            raise ValidationError(_("The name of waypoint %(n)d must be text of at most 100 characters.")
                                  % {"n": number})


class Patrol(AuditedModel):
    """A team's planned trip out of base: where, by which route, back by when, and how often it
    checks in. A patrol under way that misses a check-in or its return is overdue."""

    class State(models.TextChoices):
        PLANNED = "planned", _("planned")
        UNDER_WAY = "under_way", _("under way")
        RETURNED = "returned", _("returned")
        CANCELLED = "cancelled", _("cancelled")

    TRANSITIONS: dict[str, tuple[str, ...]] = {
        "planned": ("under_way", "cancelled"),
        "under_way": ("returned",),
        "returned": (),
        "cancelled": (),
    }

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="patrols", verbose_name=_("team"))
    zone = models.ForeignKey("geo.Zone", null=True, blank=True, on_delete=models.PROTECT, related_name="patrols",
                             verbose_name=_("zone"))
    purpose = models.CharField(_("purpose"), max_length=500)
    route = models.JSONField(_("route"), default=list, blank=True, validators=[validate_route],
                             help_text=_("Waypoints: latitude, longitude and an optional name."))
    planned_start = models.DateTimeField(_("planned start"))
    expected_return = models.DateTimeField(_("expected return"))
    check_in_interval_minutes = models.PositiveIntegerField(
        _("check-in interval (minutes)"), default=60,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)])
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PLANNED)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("planned by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-planned_start", "-pk"]
        verbose_name = _("patrol")
        verbose_name_plural = _("patrols")
        indexes = [models.Index(fields=["state", "expected_return"], name="patrol_state_return_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(expected_return__gt=models.F("planned_start")),
                                   name="patrol_returns_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.team} · {self.planned_start:%Y-%m-%d %H:%M}"

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS.get(self.state, ())


class CheckIn(AuditedModel):
    """A patrol's sign of life: where it is and whether all is well."""

    class Status(models.TextChoices):
        OK = "ok", _("all well")
        DELAYED = "delayed", _("delayed")
        ASSISTANCE_NEEDED = "assistance_needed", _("assistance needed")

    patrol = models.ForeignKey(Patrol, on_delete=models.CASCADE, related_name="check_ins", verbose_name=_("patrol"))
    at = models.DateTimeField(_("at"))
    lat = models.FloatField(_("latitude"), null=True, blank=True,
                            validators=[MinValueValidator(-90), MaxValueValidator(90)])
    lon = models.FloatField(_("longitude"), null=True, blank=True,
                            validators=[MinValueValidator(-180), MaxValueValidator(180)])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OK)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+", verbose_name=_("by"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.CheckConstraint(condition=models.Q(lat__isnull=True, lon__isnull=True)
                                   | models.Q(lat__isnull=False, lon__isnull=False), name="checkin_lat_lon_together"),
        ]

    def __str__(self) -> str:
        return f"{self.patrol} · {self.at:%H:%M} · {self.status}"


class PatrolReport(AuditedModel):
    """What a patrol saw: incidents it links to, or explicitly nothing (which is a finding too)."""

    patrol = models.OneToOneField(Patrol, on_delete=models.CASCADE, related_name="report", verbose_name=_("patrol"))
    nothing_observed = models.BooleanField(_("nothing observed"), default=False)
    summary = models.TextField(_("summary"), max_length=20_000, blank=True)
    incidents = models.ManyToManyField("incidents.Incident", blank=True, related_name="patrol_reports",
                                       verbose_name=_("incidents"))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("filed by"))
    filed_at = models.DateTimeField(_("filed at"))

    class Meta:
        ordering = ["-filed_at", "-pk"]
        verbose_name = _("patrol report")
        verbose_name_plural = _("patrol reports")

    def __str__(self) -> str:
        return f"{self.patrol} · {_('report')}"


class OverdueAlert(AuditedModel):
    """One overdue, raised once: a missed check-in or a missed return, with the moment it fell
    due. A later check-in moves the next due moment, so a second miss is a second alert."""

    class Reason(models.TextChoices):
        MISSED_CHECK_IN = "missed_check_in", _("missed check-in")
        MISSED_RETURN = "missed_return", _("missed return")

    patrol = models.ForeignKey(Patrol, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("patrol"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    due_at = models.DateTimeField(_("due at"))
    raised_at = models.DateTimeField(_("raised at"))
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("acknowledged by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    notified_by_email = models.BooleanField(_("notified by email"), default=False)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        verbose_name = _("overdue alert")
        verbose_name_plural = _("overdue alerts")
        constraints = [
            models.UniqueConstraint(fields=["patrol", "reason", "due_at"], name="overdue_alert_once"),
        ]

    def __str__(self) -> str:
        return f"{self.patrol} · {self.reason}"
