"""Explosive hazards in IMAS terms (IMAS 04.10 glossary, IMAS 08.10 land release).

A hazardous area is *suspected* (SHA: indirect evidence of explosive ordnance) or *confirmed*
(CHA: direct evidence). Land is released from it by non-technical survey (cancelled), technical
survey (reduced) or clearance (cleared). Accidents and their victims are recorded separately;
victims are personal data, for mission staff only.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from raqib.core.models import AuditedModel
from raqib.geo.models import LAT, LON

# Hazard codes such as LBY-SRT-0001: country, area, serial (IMSMA style).
CODE_RE = r"^[A-Z0-9]{2,8}(-[A-Z0-9]{1,8}){1,4}$"
MAX_AREA_M2 = 10_000_000_000  # 10,000 km²: larger than any hazard area a survey records
MAX_ITEMS = 1_000_000


class OrdnanceType(models.TextChoices):
    """Explosive ordnance (EO) as IMAS 04.10 names it."""

    AP_MINE = "ap_mine", _("anti-personnel mine")
    AT_MINE = "at_mine", _("anti-tank (anti-vehicle) mine")
    UXO = "uxo", _("unexploded ordnance (UXO)")
    AXO = "axo", _("abandoned explosive ordnance (AXO)")
    CLUSTER = "cluster_munition", _("cluster munition / submunitions")
    IED = "ied", _("improvised explosive device (IED)")
    BOOBY_TRAP = "booby_trap", _("booby-trap")


class HazardArea(AuditedModel):
    """A suspected (SHA) or confirmed (CHA) hazardous area and where its release stands."""

    class Status(models.TextChoices):
        SUSPECTED = "suspected", _("suspected hazardous area (SHA)")
        CONFIRMED = "confirmed", _("confirmed hazardous area (CHA)")

    class State(models.TextChoices):
        ACTIVE = "active", _("active")
        WORKED_ON = "worked_on", _("worked on")
        CLOSED = "closed", _("closed")

    # The allowed moves of the hazard's state, declared once; the service refuses any other.
    # Closed hazards reopen (to active) when new evidence of contamination turns up.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        "active": ("worked_on", "closed"),
        "worked_on": ("active", "closed"),
        "closed": ("active",),
    }
    # An SHA becomes a CHA when direct evidence is found; a CHA is never downgraded (its land
    # is released instead).
    STATUS_TRANSITIONS: dict[str, tuple[str, ...]] = {"suspected": ("confirmed",), "confirmed": ()}

    code = models.CharField(_("code"), max_length=40, unique=True,
                            validators=[RegexValidator(CODE_RE, _("A code such as LBY-SRT-0001: capitals, digits "
                                                                  "and hyphens."))])
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUSPECTED)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.ACTIVE)
    geometry = models.JSONField(_("geometry (GeoJSON polygon)"))
    # Bounding box of the geometry, kept with it by the service, for a cheap prefilter.
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    area_m2 = models.PositiveBigIntegerField(_("area (m²)"), validators=[MaxValueValidator(MAX_AREA_M2)],
                                             help_text=_("Computed from the polygon unless the survey gives it."))
    zone = models.ForeignKey("geo.Zone", null=True, blank=True, on_delete=models.SET_NULL, related_name="hazards",
                             verbose_name=_("zone"))
    ordnance_types = models.JSONField(_("explosive-ordnance types"), default=list, blank=True)
    contamination_evidence = models.TextField(_("evidence of contamination"), blank=True)
    reported_on = models.DateField(_("reported on"))
    incident = models.ForeignKey("incidents.Incident", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="hazards", verbose_name=_("incident"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("hazardous area")
        verbose_name_plural = _("hazardous areas")
        indexes = [models.Index(fields=["status", "state"], name="hazard_status_state_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS.get(self.state, ())


class LandRelease(AuditedModel):
    """One completed land-release task on a hazard (IMAS 08.10): the land it released, how, by whom."""

    class Method(models.TextChoices):
        NON_TECHNICAL_SURVEY = "non_technical_survey", _("non-technical survey")
        TECHNICAL_SURVEY = "technical_survey", _("technical survey")
        CLEARANCE = "clearance", _("clearance")

    class Outcome(models.TextChoices):
        CANCELLED = "cancelled", _("cancelled")
        REDUCED = "reduced", _("reduced")
        CLEARED = "cleared", _("cleared")

    # Each method releases land in one way only.
    OUTCOME_OF_METHOD: dict[str, str] = {
        "non_technical_survey": "cancelled",
        "technical_survey": "reduced",
        "clearance": "cleared",
    }

    hazard = models.ForeignKey(HazardArea, on_delete=models.PROTECT, related_name="releases",
                               verbose_name=_("hazardous area"))
    method = models.CharField(_("method"), max_length=30, choices=Method.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    area_m2 = models.PositiveBigIntegerField(_("area released (m²)"),
                                             validators=[MinValueValidator(1), MaxValueValidator(MAX_AREA_M2)])
    items_found = models.PositiveIntegerField(_("items found"), default=0, validators=[MaxValueValidator(MAX_ITEMS)])
    items_destroyed = models.PositiveIntegerField(_("items destroyed"), default=0,
                                                  validators=[MaxValueValidator(MAX_ITEMS)])
    operator = models.CharField(_("operator"), max_length=200)
    started_on = models.DateField(_("started on"))
    finished_on = models.DateField(_("finished on"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["finished_on", "pk"]
        verbose_name = _("land release")
        verbose_name_plural = _("land releases")
        constraints = [
            models.CheckConstraint(condition=models.Q(finished_on__gte=models.F("started_on")),
                                   name="landrelease_period_ordered"),
            models.CheckConstraint(condition=models.Q(items_destroyed__lte=models.F("items_found")),
                                   name="landrelease_destroyed_le_found"),
            models.CheckConstraint(
                condition=models.Q(method="non_technical_survey", outcome="cancelled")
                | models.Q(method="technical_survey", outcome="reduced")
                | models.Q(method="clearance", outcome="cleared"),
                name="landrelease_outcome_matches_method"),
        ]

    def __str__(self) -> str:
        return f"{self.hazard.code}: {self.area_m2} m² {self.outcome}"


class Activity(models.TextChoices):
    """What the victims were doing when the accident happened."""

    DEMINING = "demining", _("demining")
    TRAVELLING = "travelling", _("travelling")
    FARMING = "farming_or_herding", _("farming or herding")
    COLLECTING = "collecting", _("collecting wood, water or scrap")
    PLAYING = "playing", _("playing")
    HANDLING = "handling", _("handling or tampering with ordnance")
    MILITARY = "military", _("military activity")
    RETURNING_HOME = "returning_home", _("returning home")
    OTHER = "other", _("other")
    UNKNOWN = "unknown", _("unknown")


class EOAccident(AuditedModel):
    """An explosive-ordnance accident: an undesired event involving EO that caused harm."""

    occurred_at = models.DateTimeField(_("occurred at"))
    place = models.ForeignKey("geo.Place", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="eo_accidents", verbose_name=_("place"))
    lat = models.FloatField(_("latitude"), null=True, blank=True, validators=LAT)
    lon = models.FloatField(_("longitude"), null=True, blank=True, validators=LON)
    hazard = models.ForeignKey(HazardArea, null=True, blank=True, on_delete=models.PROTECT, related_name="accidents",
                               verbose_name=_("hazardous area"))
    ordnance_type = models.CharField(_("explosive-ordnance type"), max_length=30, choices=OrdnanceType.choices,
                                     blank=True)
    activity = models.CharField(_("activity at the time"), max_length=30, choices=Activity.choices,
                                default=Activity.UNKNOWN)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("explosive-ordnance accident")
        verbose_name_plural = _("explosive-ordnance accidents")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(lat__isnull=True) & models.Q(lon__isnull=True))
                | (models.Q(lat__isnull=False) & models.Q(lon__isnull=False)),
                name="eoaccident_both_or_no_coordinates",
            )
        ]

    def __str__(self) -> str:
        return f"EOA-{self.pk:05d}" if self.pk else "EOA"

    @property
    def reference(self) -> str:
        return f"EOA-{self.pk:05d}"


class EOVictim(AuditedModel):
    """A person killed or injured in an EO accident. Personal data: mission staff only."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        UNKNOWN = "unknown", _("unknown")

    class AgeGroup(models.TextChoices):
        CHILD = "child", _("child (under 18)")
        ADULT = "adult", _("adult")
        UNKNOWN = "unknown", _("unknown")

    class Category(models.TextChoices):
        CIVILIAN = "civilian", _("civilian")
        COMBATANT = "combatant", _("combatant")
        DEMINER = "deminer", _("deminer")

    class Outcome(models.TextChoices):
        KILLED = "killed", _("killed")
        INJURED = "injured", _("injured")

    accident = models.ForeignKey(EOAccident, on_delete=models.CASCADE, related_name="victims",
                                 verbose_name=_("accident"))
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices, default=AgeGroup.UNKNOWN)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)

    class Meta:
        ordering = ["accident", "pk"]
        verbose_name = _("explosive-ordnance victim")
        verbose_name_plural = _("explosive-ordnance victims")

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.get_outcome_display()}"
