from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from raqib.core import taxonomy
from raqib.core.models import AuditedModel
from raqib.geo.models import LAT, LON, Precision


# The longest time window an incident may have: "month" precision at most. Queries by period
# rely on it to bound their index ranges.
MAX_WINDOW = dt.timedelta(days=32)


class TimePrecision(models.TextChoices):
    EXACT = "exact", _("exact time")
    HOUR = "hour", _("within the hour")
    DAY = "day", _("day")
    WEEK = "week", _("week")
    MONTH = "month", _("month")


class Language(models.TextChoices):
    AR = "ar", "العربية"
    EN = "en", "English"


class Incident(AuditedModel):
    """What happened, as the mission establishes it. Groups observations, allegations and sources."""

    class Severity(models.IntegerChoices):
        LOW = 1, _("low")
        MODERATE = 2, _("moderate")
        HIGH = 3, _("high")
        CRITICAL = 4, _("critical")

    # Parties are audited as IncidentParty records of their own (with their role).
    audit_exclude = ("parties",)

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    category = models.CharField(_("category"), max_length=30, choices=taxonomy.CATEGORY_CHOICES)
    subtype = models.CharField(_("subtype"), max_length=40, choices=taxonomy.SUBTYPE_CHOICES)
    occurred_start = models.DateTimeField(_("occurred from"))
    occurred_end = models.DateTimeField(_("occurred until"))
    time_precision = models.CharField(_("time precision"), max_length=10, choices=TimePrecision.choices,
                                      default=TimePrecision.HOUR)
    lat = models.FloatField(_("latitude"), validators=LAT)
    lon = models.FloatField(_("longitude"), validators=LON)
    location_precision = models.CharField(_("location precision"), max_length=20, choices=Precision.choices,
                                          default=Precision.EXACT)
    place = models.ForeignKey("geo.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="incidents",
                              verbose_name=_("place"))
    zone = models.ForeignKey("geo.Zone", null=True, blank=True, on_delete=models.PROTECT, related_name="incidents",
                             verbose_name=_("zone"))
    parties: models.ManyToManyField = models.ManyToManyField("actors.Party", through="IncidentParty", related_name="incidents",
                                     verbose_name=_("parties"))
    provisions = models.ManyToManyField("agreements.Provision", blank=True, related_name="incidents",
                                        verbose_name=_("provisions concerned"))
    killed_min = models.PositiveIntegerField(_("killed (at least)"), default=0)
    killed_max = models.PositiveIntegerField(_("killed (at most)"), default=0)
    injured_min = models.PositiveIntegerField(_("injured (at least)"), default=0)
    injured_max = models.PositiveIntegerField(_("injured (at most)"), default=0)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=Severity.choices, default=Severity.LOW)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    original_language = models.CharField(_("written in"), max_length=2, choices=Language.choices, default=Language.EN)
    shared_with_jmc = models.BooleanField(_("shared with the Joint Military Commission"), default=False)
    synthetic = models.BooleanField(_("synthetic (demo data)"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_start", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [
            models.Index(fields=["-occurred_start", "-id"], name="incident_time_idx"),
            models.Index(fields=["category", "-occurred_start", "-id"], name="incident_cat_time_idx"),
            models.Index(fields=["zone", "-occurred_start", "-id"], name="incident_zone_time_idx"),
            models.Index(fields=["lon", "lat"], name="incident_lonlat_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(occurred_end__gte=models.F("occurred_start")),
                                   name="incident_window_ordered"),
            models.CheckConstraint(condition=models.Q(killed_max__gte=models.F("killed_min")),
                                   name="incident_killed_range"),
            models.CheckConstraint(condition=models.Q(injured_max__gte=models.F("injured_min")),
                                   name="incident_injured_range"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"INC-{self.pk:06d}" if self.pk else "INC-new"


class IncidentParty(AuditedModel):
    class Role(models.TextChoices):
        PERPETRATOR = "perpetrator", _("perpetrator")
        ALLEGED_PERPETRATOR = "alleged_perpetrator", _("alleged perpetrator")
        TARGET = "target", _("target")
        INVOLVED = "involved", _("involved")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="party_roles")
    party = models.ForeignKey("actors.Party", on_delete=models.PROTECT, related_name="incident_roles")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "party", "role"], name="incident_party_role_unique")]
        indexes = [models.Index(fields=["party", "incident"], name="incident_party_idx")]


class Observation(AuditedModel):
    """One atomic observation, as a monitor, a camera or a UAV saw or heard it."""

    class Method(models.TextChoices):
        SEEN = "seen", _("seen")
        HEARD = "heard", _("heard")
        CAMERA = "camera", _("fixed camera")
        UAV = "uav", _("UAV")
        IMAGERY = "imagery", _("imagery")

    class EventClass(models.TextChoices):
        EXPLOSION_IMPACT = "explosion_impact", _("explosion (impact)")
        EXPLOSION_OUTGOING = "explosion_outgoing", _("explosion (outgoing)")
        AIRBURST = "airburst", _("airburst")
        EXPLOSION_UNDETERMINED = "explosion_undetermined", _("explosion (undetermined)")
        PROJECTILE = "projectile", _("projectile in flight")
        FLARE = "flare", _("flare")
        MUZZLE_FLASH = "muzzle_flash", _("muzzle flash")
        SHOTS = "shots", _("burst or shots")
        MOVEMENT = "movement", _("movement")
        WEAPON_SIGHTING = "weapon_sighting", _("weapon sighting")
        EO_SIGHTING = "eo_sighting", _("explosive-ordnance sighting")
        NOTHING_OBSERVED = "nothing_observed", _("nothing observed")

    class Distance(models.TextChoices):
        UNDER_1 = "lt1", _("under 1 km")
        D1_3 = "1-3", _("1 to 3 km")
        D3_5 = "3-5", _("3 to 5 km")
        D5_10 = "5-10", _("5 to 10 km")
        OVER_10 = "gt10", _("over 10 km")

    uid = models.UUIDField(default=uuid.uuid4, unique=True)
    incident = models.ForeignKey(Incident, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="observations")
    team = models.ForeignKey("mission.Team", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="observations")
    monitor = models.ForeignKey("mission.Monitor", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="observations")
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    event_class = models.CharField(_("event"), max_length=30, choices=EventClass.choices)
    observed_start = models.DateTimeField(_("observed from"))
    observed_end = models.DateTimeField(_("observed until"))
    observer_lat = models.FloatField(_("observer latitude"), null=True, blank=True, validators=LAT)
    observer_lon = models.FloatField(_("observer longitude"), null=True, blank=True, validators=LON)
    count = models.PositiveIntegerField(_("count"), default=1)
    assessed_weapon = models.CharField(_("assessed weapon"), max_length=100, blank=True)
    bearing = models.PositiveSmallIntegerField(_("bearing (degrees)"), null=True, blank=True,
                                               validators=[MaxValueValidator(359)])
    distance = models.CharField(_("distance"), max_length=5, choices=Distance.choices, blank=True)
    lat = models.FloatField(_("event latitude"), null=True, blank=True, validators=LAT)
    lon = models.FloatField(_("event longitude"), null=True, blank=True, validators=LON)
    notes = models.TextField(_("notes"), blank=True)
    synthetic = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-observed_start", "-id"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.CheckConstraint(condition=models.Q(observed_end__gte=models.F("observed_start")),
                                   name="observation_window_ordered"),
        ]


class Allegation(AuditedModel):
    """A complaint filed by a party's liaison officer, the public, a third party or the media."""

    class FiledBy(models.TextChoices):
        PARTY = "party", _("a party")
        PUBLIC = "public", _("the public")
        THIRD_PARTY = "third_party", _("a third party")
        MEDIA = "media", _("the media")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    filer_kind = models.CharField(_("filed by"), max_length=20, choices=FiledBy.choices)
    filing_party = models.ForeignKey("actors.Party", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="allegations_filed", verbose_name=_("filing party"))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    received_at = models.DateTimeField(_("received"))
    claimed_actor = models.ForeignKey("actors.Party", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="allegations_against", verbose_name=_("claimed actor"))
    claimed_start = models.DateTimeField(_("claimed from"))
    claimed_end = models.DateTimeField(_("claimed until"))
    place = models.ForeignKey("geo.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("place"))
    lat = models.FloatField(null=True, blank=True, validators=LAT)
    lon = models.FloatField(null=True, blank=True, validators=LON)
    provision = models.ForeignKey("agreements.Provision", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="allegations", verbose_name=_("provision"))
    category = models.CharField(_("category"), max_length=30, choices=taxonomy.CATEGORY_CHOICES)
    summary = models.TextField(_("summary"))
    language = models.CharField(_("written in"), max_length=2, choices=Language.choices)
    response = models.TextField(_("the other party's response"), blank=True)
    response_at = models.DateTimeField(_("response received"), null=True, blank=True)
    incident = models.ForeignKey(Incident, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="allegations", verbose_name=_("incident"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("allegation")
        verbose_name_plural = _("allegations")
        indexes = [models.Index(fields=["filing_party", "-received_at"], name="allegation_party_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(filer_kind="party", filing_party__isnull=False) | ~models.Q(filer_kind="party"),
                name="allegation_party_filer_named",
                violation_error_message=_("An allegation filed by a party names the party."),
            ),
            models.CheckConstraint(condition=models.Q(claimed_end__gte=models.F("claimed_start")),
                                   name="allegation_window_ordered"),
        ]

    @property
    def reference(self) -> str:
        return f"ALG-{self.pk:06d}" if self.pk else "ALG-new"


class Source(AuditedModel):
    """Where a piece of information came from. ``identity`` and ``contact`` name a person
    (a witness, an informant): only verifiers and chiefs read them."""

    class Kind(models.TextChoices):
        OBSERVATION = "monitor_observation", _("monitor observation")
        ALLEGATION = "party_allegation", _("party allegation")
        NEWS = "news_article", _("news article")
        SENSOR = "sensor", _("sensor")
        IMAGERY = "imagery", _("imagery")
        TESTIMONY = "testimony", _("testimony")

    class Reliability(models.TextChoices):
        A = "A", _("A: completely reliable")
        B = "B", _("B: usually reliable")
        C = "C", _("C: fairly reliable")
        D = "D", _("D: not usually reliable")
        E = "E", _("E: unreliable")
        F = "F", _("F: reliability cannot be judged")

    PROTECTED_FIELDS = ("identity", "contact")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    reliability = models.CharField(_("reliability"), max_length=1, choices=Reliability.choices, default="F")
    title = models.CharField(_("title"), max_length=300, blank=True)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    identity = models.CharField(_("identity (protected)"), max_length=200, blank=True)
    contact = models.CharField(_("contact (protected)"), max_length=200, blank=True)
    observation = models.ForeignKey(Observation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    allegation = models.ForeignKey(Allegation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["incident", "id"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")


class Evidence(AuditedModel):
    """A file stored content-addressed (SHA-256) in the evidence store; never overwritten."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="evidence")
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence")
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()
    media_type = models.CharField(max_length=100)
    original_name = models.CharField(max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    collected_at = models.DateTimeField(_("collected"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["incident", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")


class CustodyEntry(AuditedModel):
    """One step in an evidence item's chain of custody."""

    class Action(models.TextChoices):
        COLLECTED = "collected", _("collected")
        RECEIVED = "received", _("received")
        TRANSFERRED = "transferred", _("transferred")
        ANALYSED = "analysed", _("analysed")
        SEALED = "sealed", _("sealed")

    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="custody")
    at = models.DateTimeField()
    action = models.CharField(max_length=20, choices=Action.choices)
    holder = models.CharField(_("held by"), max_length=200)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["evidence", "at", "id"]
        verbose_name = _("custody entry")
        verbose_name_plural = _("custody entries")


class MapCell(models.Model):
    """The incidents of one grid cell of the map at one level, per category and verification
    state: a summary kept by the database itself (triggers on incidents and verifications,
    migration ``0004``), so that a map of a million incidents at a low zoom reads a few thousand
    of these rows instead of every incident (``raqib.incidents.mapcells``). Derived data: not
    backed up, counted afresh after a restore.
    """

    derived = True

    level = models.PositiveSmallIntegerField()
    cx = models.BigIntegerField()
    cy = models.BigIntegerField()
    category = models.CharField(max_length=30)
    state = models.CharField(max_length=30)
    n = models.IntegerField(default=0)
    lat_sum = models.FloatField(default=0.0)
    lon_sum = models.FloatField(default=0.0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["level", "cx", "cy", "category", "state"], name="mapcell_key")]

    def __str__(self) -> str:
        return f"{self.level}/{self.cx}/{self.cy} {self.category} {self.state}: {self.n}"
