from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from raqib.core.models import AuditedModel


class Party(AuditedModel):
    """A party to the conflict or an actor named in the mission's records."""

    class Kind(models.TextChoices):
        SIGNATORY = "signatory_party", _("Signatory party")
        CEASEFIRE_BODY = "ceasefire_body", _("Ceasefire body")
        UN_BODY = "un_body", _("United Nations body")
        INTERNATIONAL_OPERATION = "international_operation", _("International operation")
        FOREIGN_STATE = "foreign_state", _("Foreign state")
        PMC = "pmc_or_mercenaries", _("Private military company or mercenary group")
        ARMED_GROUP = "armed_group", _("Armed group")
        TERRORIST = "terrorist_group", _("UN-designated terrorist group (excluded from the ceasefire)")

    class Inter(models.IntegerChoices):
        STATE = 1, _("State forces")
        REBELS = 2, _("Rebel groups")
        POLITICAL_MILITIA = 3, _("Political militias")
        IDENTITY_MILITIA = 4, _("Identity militias")
        RIOTERS = 5, _("Rioters")
        PROTESTERS = 6, _("Protesters")
        CIVILIANS = 7, _("Civilians")
        EXTERNAL = 8, _("External or other forces")

    key = models.SlugField(max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    acled_inter = models.PositiveSmallIntegerField(_("ACLED inter code"), choices=Inter.choices, null=True, blank=True)
    sponsors = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="sponsored",
                                      verbose_name=_("sponsors"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("parent"))
    notes = models.TextField(_("notes"), blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("party or actor")
        verbose_name_plural = _("parties and actors")

    def __str__(self) -> str:
        return self.name_en

    @property
    def is_signatory(self) -> bool:
        return self.kind == self.Kind.SIGNATORY


class Alias(AuditedModel):
    """Another name a party goes by, as the press or the parties write it."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=200)
    lang = models.CharField(_("language"), max_length=2, choices=[("ar", "العربية"), ("en", "English")])
    normalized = models.CharField(max_length=200, db_index=True)

    class Meta:
        ordering = ["party", "lang", "name"]
        constraints = [models.UniqueConstraint(fields=["party", "name"], name="alias_unique_per_party")]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self) -> str:
        return self.name
