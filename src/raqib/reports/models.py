from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from raqib.core.models import AuditedModel


class Report(AuditedModel):
    """A report of the mission for a period, in one language, and its way to publication.

    While it is a draft (or reviewed, approved) it is rendered afresh from the data each time;
    publishing renders it one last time, stores the PDF and HTML content-addressed with their
    SHA-256 and a signed manifest, and freezes it: it is never rendered or edited again.
    """

    class Kind(models.TextChoices):
        DAILY = "daily", _("daily report")
        PERIODIC = "periodic", _("periodic report")
        PUBLIC = "public", _("public summary")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEWED = "reviewed", _("reviewed")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")
        WITHHELD = "withheld", _("withheld")

    class Lang(models.TextChoices):
        AR = "ar", "العربية"
        EN = "en", "English"

    # The allowed moves, declared once; the service refuses any other. A reviewed or approved
    # report may be sent back to draft; a withheld one may be taken up again as a draft.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        "draft": ("reviewed", "withheld"),
        "reviewed": ("approved", "draft", "withheld"),
        "approved": ("published", "draft", "withheld"),
        "published": (),
        "withheld": ("draft",),
    }

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    lang = models.CharField(_("language"), max_length=2, choices=Lang.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("drafted by"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("reviewed by"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("approved by"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The frozen files of a published report, named by their SHA-256 in the report store.
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    pdf_size = models.PositiveBigIntegerField(null=True, blank=True)
    html_sha256 = models.CharField(max_length=64, blank=True)
    html_size = models.PositiveBigIntegerField(null=True, blank=True)
    manifest_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [models.Index(fields=["state", "kind"], name="report_state_kind_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="report_period_ordered"),
            models.CheckConstraint(condition=~models.Q(kind="daily") | models.Q(period_end=models.F("period_start")),
                                   name="report_daily_is_one_day"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"REP-{self.pk:05d}" if self.pk else "REP-new"

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS.get(self.state, ())

    @property
    def frozen(self) -> bool:
        return self.state == self.State.PUBLISHED

    def filename(self, fmt: str) -> str:
        if self.period_start == self.period_end:
            span = self.period_start.isoformat()
        else:
            span = f"{self.period_start.isoformat()}_{self.period_end.isoformat()}"
        return f"raqib-{self.kind}-{span}-{self.lang}.{fmt}"
