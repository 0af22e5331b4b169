"""The foreign-forces ledger: who is in the country for whom, how many, and how they come and go."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from raqib.core.models import AuditedModel

# No contingent, estimate or movement counts more people than this: a typo, not a figure.
MAX_PERSONNEL = 1_000_000
PERSONNEL = [MaxValueValidator(MAX_PERSONNEL)]


class Contingent(AuditedModel):
    """A foreign force present in the country: a state's regular force, a private military
    company, a group of mercenaries or a training crew, sent by its sponsor."""

    class Kind(models.TextChoices):
        REGULAR_FORCE = "regular_force", _("regular force")
        PMC = "private_military_company", _("private military company")
        MERCENARIES = "mercenaries", _("mercenaries")
        TRAINING_CREW = "training_crew", _("training crew")

    key = models.SlugField(max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    sponsor = models.ForeignKey("actors.Party", on_delete=models.PROTECT, related_name="sponsored_contingents",
                                verbose_name=_("sponsor"),
                                help_text=_("The foreign state or company that sent the force."))
    actor = models.ForeignKey("actors.Party", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="contingents", verbose_name=_("the force as an actor"),
                              help_text=_("The force's own record among the parties and actors, if it has one."))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    supported_party = models.ForeignKey("actors.Party", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="supporting_contingents", verbose_name=_("supports"))
    bases = models.ManyToManyField("geo.Place", blank=True, related_name="contingents", verbose_name=_("bases"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("contingent")
        verbose_name_plural = _("contingents")

    def __str__(self) -> str:
        return self.name_en


class StrengthEstimate(AuditedModel):
    """A contingent's strength on a date, as a range, with its basis and source."""

    class Basis(models.TextChoices):
        ESTIMATE = "estimate", _("estimate")
        COUNT = "count", _("count")

    contingent = models.ForeignKey(Contingent, on_delete=models.CASCADE, related_name="estimates")
    as_of = models.DateField(_("as of"))
    minimum = models.PositiveIntegerField(_("minimum"), validators=PERSONNEL)
    maximum = models.PositiveIntegerField(_("maximum"), validators=PERSONNEL)
    basis = models.CharField(_("basis"), max_length=10, choices=Basis.choices, default=Basis.ESTIMATE)
    source = models.TextField(_("source"))
    incident = models.ForeignKey("incidents.Incident", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="strength_estimates", verbose_name=_("incident"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contingent", "-as_of", "-pk"]
        verbose_name = _("strength estimate")
        verbose_name_plural = _("strength estimates")
        constraints = [
            models.CheckConstraint(condition=models.Q(minimum__lte=models.F("maximum")),
                                   name="strength_estimate_range_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.contingent_id} {self.as_of}: {self.minimum}-{self.maximum}"


class ForceMovement(AuditedModel):
    """Personnel of a contingent arriving, leaving, moving between bases or gathering, with the
    mission's verification of the report."""

    class Kind(models.TextChoices):
        ARRIVAL = "arrival", _("arrival")
        DEPARTURE = "departure", _("departure")
        RELOCATION = "relocation", _("relocation")
        ASSEMBLY = "assembly", _("assembly")

    class State(models.TextChoices):
        REPORTED = "reported", _("reported")
        VERIFIED = "verified", _("verified")
        UNVERIFIED = "unverified", _("could not be verified")
        DISPUTED = "disputed", _("disputed")

    # The allowed moves, declared once; the service refuses any other. A verified movement can
    # still be disputed when new information comes; a disputed one is settled either way.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        "reported": ("verified", "unverified", "disputed"),
        "unverified": ("verified", "disputed"),
        "disputed": ("verified", "unverified"),
        "verified": ("disputed",),
    }

    contingent = models.ForeignKey(Contingent, on_delete=models.CASCADE, related_name="movements")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    occurred_on = models.DateField(_("date"))
    personnel_min = models.PositiveIntegerField(_("personnel (minimum)"), validators=PERSONNEL)
    personnel_max = models.PositiveIntegerField(_("personnel (maximum)"), validators=PERSONNEL)
    from_place = models.ForeignKey("geo.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("from"))
    to_place = models.ForeignKey("geo.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("to"))
    batch = models.PositiveIntegerField(_("batch number"), null=True, blank=True, validators=[MaxValueValidator(10_000)])
    state = models.CharField(_("verification"), max_length=20, choices=State.choices, default=State.REPORTED)
    source = models.TextField(_("source"), blank=True)
    incident = models.ForeignKey("incidents.Incident", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="force_movements", verbose_name=_("incident"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["contingent", "occurred_on", "pk"]
        verbose_name = _("force movement")
        verbose_name_plural = _("force movements")
        constraints = [
            models.CheckConstraint(condition=models.Q(personnel_min__lte=models.F("personnel_max")),
                                   name="force_movement_range_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.contingent_id} {self.occurred_on}"

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS.get(self.state, ())
