"""News intake: where articles come from, the articles (each stored once), and the candidate
events found in them, waiting in the verification queue for an analyst to accept or reject."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from raqib.core import taxonomy
from raqib.core.models import AuditedModel
from raqib.geo.models import LAT, LON
from raqib.incidents.models import Language, Source


class NewsSource(AuditedModel):
    """A channel articles arrive through: a feed fetched on a schedule, or files imported."""

    class Kind(models.TextChoices):
        FEED = "feed", _("RSS or Atom feed")
        HTML = "html", _("HTML article pages")
        JSON = "json", _("JSON or JSONL dump")
        TELEGRAM = "telegram", _("Telegram channel export")
        TEXT = "text", _("plain text")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True,
                                help_text=_("Empty: told from each article's script."))
    active = models.BooleanField(_("active"), default=True)
    reliability = models.CharField(_("reliability"), max_length=1, choices=Source.Reliability.choices, default="F")
    last_fetched = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("news source")
        verbose_name_plural = _("news sources")

    def __str__(self) -> str:
        return self.name


class Article(AuditedModel):
    """One article, stored once: its address is unique when it has one, its normalised text
    hash always, and ``lsh_0`` .. ``lsh_7`` (MinHash band keys, see :mod:`raqib.osint.dedupe`)
    find a near-duplicate text already stored."""

    # Whether extraction has run is bookkeeping, not a mission record.
    audit_exclude = ("processed",)

    source = models.ForeignKey(NewsSource, on_delete=models.PROTECT, related_name="articles",
                               verbose_name=_("source"))
    url = models.URLField(_("address"), max_length=1000, blank=True)
    text_hash = models.CharField(max_length=64, unique=True)
    lsh_0 = models.BigIntegerField(db_index=True)
    lsh_1 = models.BigIntegerField(db_index=True)
    lsh_2 = models.BigIntegerField(db_index=True)
    lsh_3 = models.BigIntegerField(db_index=True)
    lsh_4 = models.BigIntegerField(db_index=True)
    lsh_5 = models.BigIntegerField(db_index=True)
    lsh_6 = models.BigIntegerField(db_index=True)
    lsh_7 = models.BigIntegerField(db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    lang = models.CharField(_("language"), max_length=2, choices=Language.choices)
    title = models.CharField(_("title"), max_length=500, blank=True)
    text = models.TextField(_("text"))
    fetched_at = models.DateTimeField(_("stored"), default=timezone.now)
    processed = models.BooleanField(_("processed"), default=False)

    class Meta:
        ordering = ["-fetched_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~models.Q(url=""), name="article_url_unique"),
        ]
        indexes = [models.Index(fields=["processed", "id"], name="article_processed_idx")]

    def __str__(self) -> str:
        return self.title or self.url or f"article {self.pk}"


class Candidate(AuditedModel):
    """An event found in one or more articles, waiting for an analyst. Nothing is verified
    automatically: accepting a candidate creates an incident in the ``received`` state."""

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    TRANSITIONS: dict[str, tuple[str, ...]] = {
        "pending": ("accepted", "rejected"),
        "accepted": (),
        "rejected": (),
    }

    category = models.CharField(_("category"), max_length=30, choices=taxonomy.CATEGORY_CHOICES)
    subtype = models.CharField(_("subtype"), max_length=40, choices=taxonomy.SUBTYPE_CHOICES)
    place = models.ForeignKey("geo.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("place"))
    place_text = models.CharField(_("place (as written)"), max_length=200, blank=True)
    place_name_en = models.CharField(_("place (English)"), max_length=200, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True, validators=LAT)
    lon = models.FloatField(_("longitude"), null=True, blank=True, validators=LON)
    # The date the articles tell, else their publication date (flagged), else unknown (None).
    date = models.DateField(_("date"), null=True, blank=True)
    date_from_publication = models.BooleanField(_("date is the publication date"), default=False)
    actors = models.JSONField(_("actors"), default=list, blank=True)
    killed = models.PositiveIntegerField(_("killed"), null=True, blank=True)
    injured = models.PositiveIntegerField(_("injured"), null=True, blank=True)
    evidence = models.TextField(_("evidence"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    confidence = models.FloatField(_("confidence"), validators=[MinValueValidator(0), MaxValueValidator(1)])
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    reason = models.TextField(_("reason for rejection"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    incident = models.ForeignKey("incidents.Incident", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="news_candidates", verbose_name=_("incident"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("candidate event")
        verbose_name_plural = _("candidate events")
        indexes = [
            models.Index(fields=["state", "-date", "-id"], name="candidate_state_idx"),
            models.Index(fields=["category", "date"], name="candidate_match_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(state="rejected") | ~models.Q(reason=""),
                                   name="candidate_rejection_has_reason"),
            models.CheckConstraint(condition=(models.Q(lat__isnull=True) & models.Q(lon__isnull=True))
                                   | (models.Q(lat__isnull=False) & models.Q(lon__isnull=False)),
                                   name="candidate_both_or_no_coordinates"),
        ]

    def __str__(self) -> str:
        return f"{self.category}/{self.subtype} {self.place_name_en or self.place_text or '?'} {self.date}"

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS.get(self.state, ())


class CandidateSource(AuditedModel):
    """One article telling of a candidate event, with the sentence that says so."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="sources")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="candidate_sources")
    evidence = models.TextField(_("evidence"))
    confidence = models.FloatField(_("confidence"), validators=[MinValueValidator(0), MaxValueValidator(1)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["candidate", "id"]
        constraints = [models.UniqueConstraint(fields=["candidate", "article"], name="candidate_article_unique")]
