from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from raqib.core.models import AuditedModel

LAT = [MinValueValidator(-90), MaxValueValidator(90)]
LON = [MinValueValidator(-180), MaxValueValidator(180)]


class Precision(models.TextChoices):
    EXACT = "exact", _("exact")
    NEAR = "near", _("near a place (within a few km)")
    TOWN = "town", _("town")
    APPROXIMATE = "approximate", _("approximate")
    DISTRICT = "district", _("district")
    REGION = "region", _("region")


class Place(AuditedModel):
    """A gazetteer entry: a named place with its Arabic and English names and variants."""

    class Kind(models.TextChoices):
        CITY = "city", _("city")
        TOWN = "town", _("town")
        VILLAGE = "village", _("village")
        DISTRICT = "district", _("district")
        AIRBASE = "airbase", _("airbase")
        AIRPORT = "airport", _("airport")
        PORT = "port", _("port")
        OIL_TERMINAL = "oil_terminal", _("oil terminal")
        REGION = "region", _("region")

    key = models.SlugField(max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    lat = models.FloatField(_("latitude"), null=True, blank=True, validators=LAT)
    lon = models.FloatField(_("longitude"), null=True, blank=True, validators=LON)
    precision = models.CharField(_("precision"), max_length=20, choices=Precision.choices, default=Precision.TOWN)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    admin_area = models.CharField(_("administrative area"), max_length=100, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(lat__isnull=True) & models.Q(lon__isnull=True))
                | (models.Q(lat__isnull=False) & models.Q(lon__isnull=False)),
                name="place_both_or_no_coordinates",
            )
        ]

    def __str__(self) -> str:
        return self.name_en


class PlaceName(AuditedModel):
    """Every name a place is searched by: its two names and each variant spelling, normalised."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["place", "name"], name="place_name_unique")]


class Zone(AuditedModel):
    """An area or line the mission works in, opened phase by phase."""

    class Kind(models.TextChoices):
        MONITORING_AREA = "monitoring_area", _("monitoring area")
        CONTACT_LINE = "contact_line", _("contact line")
        CORRIDOR = "corridor", _("corridor")
        ASSEMBLY_POINT = "assembly_point", _("assembly point")
        BASE = "base", _("base")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ASSESSMENT = "assessment", _("under assessment")
        ACTIVE = "active", _("active")
        SUSPENDED = "suspended", _("suspended")
        HANDED_OVER = "handed_over", _("handed over")
        CLOSED = "closed", _("closed")

    # The allowed moves, declared once; services refuse any other.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        "planned": ("assessment", "closed"),
        "assessment": ("active", "planned", "closed"),
        "active": ("suspended", "handed_over"),
        "suspended": ("active", "handed_over", "closed"),
        "handed_over": ("closed",),
        "closed": (),
    }

    key = models.SlugField(max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    geometry = models.JSONField(_("geometry (GeoJSON)"))
    # Bounding box of the geometry, kept with it by the service, for a cheap prefilter.
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    controlling_party = models.ForeignKey("actors.Party", null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="controlled_zones", verbose_name=_("controlling party"))
    phase = models.PositiveSmallIntegerField(_("phase"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)

    class Meta:
        ordering = ["phase", "key"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")

    def __str__(self) -> str:
        return self.name_en

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, ())


def validate_geometry(geometry: Any) -> Any:
    """A shapely geometry from GeoJSON, or ValidationError with a reason."""
    from shapely.geometry import shape

    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon", "LineString",
                                                                        "MultiLineString", "Point"):
        raise ValidationError(_("The geometry must be a GeoJSON Polygon, MultiPolygon, LineString, MultiLineString or Point."))
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError):
        raise ValidationError(_("The geometry is not valid GeoJSON.")) from None
    if geom.is_empty or not geom.is_valid:
        raise ValidationError(_("The geometry is empty or invalid (self-intersecting or unclosed)."))
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    if min_lon < -180 or max_lon > 180 or min_lat < -90 or max_lat > 90:
        raise ValidationError(_("The geometry's coordinates must be longitude, latitude in degrees."))
    return geom


class ZoneReadiness(AuditedModel):
    """One item of a zone's readiness checklist, as last assessed.

    There is one current row per (zone, item) and, for consent, per (zone, item, party): the
    service updates it in place and the audit chain keeps every earlier assessment.
    """

    class Item(models.TextChoices):
        SECURITY = "security", _("security")
        LOGISTICS = "logistics", _("logistics")
        MEDICAL = "medical", _("medical")
        OPERATIONAL = "operational", _("operational")
        CONSENT = "consent", _("consent of the party")

    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="readiness", verbose_name=_("zone"))
    item = models.CharField(_("item"), max_length=20, choices=Item.choices)
    # Only for consent: the signatory party whose consent this is.
    party = models.ForeignKey("actors.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("party"))
    met = models.BooleanField(_("met"), default=False)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("assessed by"))

    class Meta:
        ordering = ["zone", "item", "party"]
        verbose_name = _("readiness item")
        verbose_name_plural = _("readiness items")
        constraints = [
            models.UniqueConstraint(fields=["zone", "item"], condition=models.Q(party__isnull=True),
                                    name="zone_readiness_one_per_item"),
            models.UniqueConstraint(fields=["zone", "item", "party"], condition=models.Q(party__isnull=False),
                                    name="zone_readiness_one_per_party"),
            models.CheckConstraint(
                condition=(models.Q(item="consent") & models.Q(party__isnull=False))
                | (~models.Q(item="consent") & models.Q(party__isnull=True)),
                name="zone_readiness_party_only_for_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zone} · {self.label()}"

    def label(self) -> str:
        if self.party_id is not None and self.party is not None:
            return f"{self.get_item_display()} ({self.party.name_en})"
        return str(self.get_item_display())


class Handover(AuditedModel):
    """The handover of a zone to the national force: when, and to whom."""

    zone = models.OneToOneField(Zone, on_delete=models.PROTECT, related_name="handover", verbose_name=_("zone"))
    handed_over_on = models.DateField(_("handed over on"))
    receiving_authority_en = models.CharField(_("receiving authority (English)"), max_length=200)
    receiving_authority_ar = models.CharField(_("receiving authority (Arabic)"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")

    def __str__(self) -> str:
        return f"{self.zone} → {self.receiving_authority_en} ({self.handed_over_on.isoformat()})"
