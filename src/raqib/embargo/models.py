"""Arms-embargo events: deliveries by air, sea or land suspected, documented and referred to the
UN Panel of Experts; and the track files whose arrivals at watched bases flag suspected events."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from raqib.core.models import AuditedModel
from raqib.geo.models import LAT, LON

ICAO24 = re.compile(r"^[0-9a-f]{6}$")
MMSI = re.compile(r"^[0-9]{9}$")
IMO = re.compile(r"^[0-9]{7}$")


def imo_is_valid(number: str) -> bool:
    """An IMO ship number: seven digits, the last the check digit (the first six weighted 7..2,
    summed, modulo 10)."""
    if not IMO.match(number):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number[:6], range(7, 1, -1)))
    return total % 10 == int(number[6])


def validate_imo(value: str) -> None:
    if not imo_is_valid(value):
        raise ValidationError(_("An IMO number is seven digits whose last is the check digit (e.g. 9074729)."))


validate_icao24 = RegexValidator(ICAO24, _("An ICAO 24-bit address is six hexadecimal characters (e.g. 896450)."))
validate_mmsi = RegexValidator(MMSI, _("An MMSI is nine digits."))
validate_flag = RegexValidator(r"^[A-Z]{2}$", _("A flag is an ISO 3166-1 two-letter country code (e.g. LY, TR)."))


class TrackImport(AuditedModel):
    """One flight or vessel track file read: each file (by its SHA-256) is read once."""

    class Vector(models.TextChoices):
        AIR = "air", _("air")
        SEA = "sea", _("sea")

    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    vector = models.CharField(_("vector"), max_length=3, choices=Vector.choices)
    rows_read = models.PositiveIntegerField(_("rows read"))
    platforms = models.PositiveIntegerField(_("platforms"), default=0)
    arrivals_flagged = models.PositiveIntegerField(_("arrivals flagged"))
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("imported by"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("track import")
        verbose_name_plural = _("track imports")

    def __str__(self) -> str:
        return self.file_name


class EmbargoEvent(AuditedModel):
    """A suspected or documented transfer in breach of the arms embargo."""

    class Vector(models.TextChoices):
        AIR = "air", _("air")
        SEA = "sea", _("sea")
        LAND = "land", _("land")

    class State(models.TextChoices):
        SUSPECTED = "suspected", _("suspected")
        DOCUMENTED = "documented", _("documented")
        REFERRED_TO_PANEL = "referred_to_panel", _("referred to the Panel of Experts")
        PANEL_FINDING = "panel_finding", _("finding of the Panel of Experts")

    # Forward only: what the Panel has been sent or has found is not taken back. A suspicion that
    # comes to nothing stays "suspected" with the reason in its evidence.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        "suspected": ("documented",),
        "documented": ("referred_to_panel",),
        "referred_to_panel": ("panel_finding",),
        "panel_finding": (),
    }

    vector = models.CharField(_("vector"), max_length=4, choices=Vector.choices)
    track_identifier = models.CharField(_("track identifier"), max_length=40, blank=True,
                                        help_text=_("The identifier as written in the track file."))
    registration = models.CharField(_("aircraft registration"), max_length=12, blank=True)
    icao24 = models.CharField(_("ICAO 24-bit address"), max_length=6, blank=True, validators=[validate_icao24])
    callsign = models.CharField(_("call sign"), max_length=10, blank=True)
    imo = models.CharField(_("IMO number"), max_length=7, blank=True, validators=[validate_imo])
    mmsi = models.CharField(_("MMSI"), max_length=9, blank=True, validators=[validate_mmsi])
    vessel_name = models.CharField(_("vessel name"), max_length=200, blank=True)
    flag = models.CharField(_("flag"), max_length=2, blank=True, validators=[validate_flag])
    origin = models.CharField(_("origin"), max_length=300, blank=True)
    destination = models.ForeignKey("geo.Place", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="embargo_events", verbose_name=_("destination"))
    lat = models.FloatField(_("latitude"), null=True, blank=True, validators=LAT)
    lon = models.FloatField(_("longitude"), null=True, blank=True, validators=LON)
    cargo = models.TextField(_("cargo"), blank=True)
    supplier = models.ForeignKey("actors.Party", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="embargo_supplied", verbose_name=_("supplier"))
    recipient = models.ForeignKey("actors.Party", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="embargo_received", verbose_name=_("recipient"))
    evidence = models.TextField(_("evidence"), blank=True)
    occurred_at = models.DateTimeField(_("occurred at"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.SUSPECTED)
    track_import = models.ForeignKey(TrackImport, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="events", verbose_name=_("track import"))
    incident = models.ForeignKey("incidents.Incident", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="embargo_events", verbose_name=_("incident"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("arms-embargo event")
        verbose_name_plural = _("arms-embargo events")
        indexes = [models.Index(fields=["-occurred_at", "-id"], name="embargo_time_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(lat__isnull=True) & models.Q(lon__isnull=True))
                | (models.Q(lat__isnull=False) & models.Q(lon__isnull=False)),
                name="embargo_both_or_no_coordinates",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"EMB-{self.pk:06d}" if self.pk else "EMB-new"

    @property
    def platform(self) -> str:
        """The platform in a few words: its name, registration or first identifier known."""
        for value in (self.vessel_name, self.registration, self.callsign, self.imo and f"IMO {self.imo}",
                      self.mmsi and f"MMSI {self.mmsi}", self.icao24, self.track_identifier):
            if value:
                return str(value)
        return ""

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS.get(self.state, ())

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.vector != self.Vector.SEA:
            for name in ("imo", "mmsi", "vessel_name"):
                if getattr(self, name):
                    errors[name] = str(_("Only a delivery by sea names a vessel."))
        if self.vector != self.Vector.AIR:
            for name in ("icao24", "callsign", "registration"):
                if getattr(self, name):
                    errors[name] = str(_("Only a delivery by air names an aircraft."))
        if (self.lat is None) != (self.lon is None):
            errors["lon"] = str(_("Give both the latitude and the longitude, or neither."))
        if errors:
            raise ValidationError(errors)
