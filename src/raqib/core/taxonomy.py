"""The one event taxonomy of Raqib: categories, subtypes and their ACLED mapping.

Every face (API, pages, field forms, the news pipeline, exports) takes its categories from here,
so an incident coded in the field and one found in the press land in the same buckets.
ACLED event and sub-event types follow the ACLED codebook; ``None`` where ACLED has no
equivalent (ACLED codes political violence, not ceasefire mechanics such as access denials).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.functional import Promise


@dataclass(frozen=True)
class Subtype:
    key: str
    label: Promise
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None


@dataclass(frozen=True)
class Category:
    key: str
    label: Promise
    subtypes: tuple[Subtype, ...]

    def subtype(self, key: str) -> Subtype | None:
        return next((s for s in self.subtypes if s.key == key), None)


BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
STRATEGIC = "Strategic developments"
PROTESTS = "Protests"

CATEGORIES: tuple[Category, ...] = (
    Category(
        "ceasefire_violation",
        _("Ceasefire violation"),
        (
            Subtype("armed_clash", _("Armed clash"), BATTLES, "Armed clash"),
            Subtype("territory_taken", _("Territory taken by force"), BATTLES, "Non-state actor overtakes territory"),
            Subtype("shelling", _("Shelling, artillery or missile fire"), REMOTE, "Shelling/artillery/missile attack"),
            Subtype("air_or_drone_strike", _("Air or drone strike"), REMOTE, "Air/drone strike"),
            Subtype("small_arms_fire", _("Small-arms fire"), BATTLES, "Armed clash"),
            Subtype("remote_explosive", _("Remote explosive, landmine or IED attack"), REMOTE, "Remote explosive/landmine/IED"),
            Subtype("grenade", _("Grenade attack"), REMOTE, "Grenade"),
            Subtype("attack_on_civilians", _("Attack on civilians"), VAC, "Attack"),
            Subtype("abduction", _("Abduction or forced disappearance"), VAC, "Abduction/forced disappearance"),
            Subtype("forward_deployment", _("Forward deployment or troop build-up"), STRATEGIC, "Change to group/activity"),
            Subtype("heavy_weapons", _("Heavy weapons not withdrawn or redeployed"), STRATEGIC, "Change to group/activity"),
            Subtype("fortification", _("New fortification or position"), STRATEGIC, "Headquarters or base established"),
            Subtype("uav_overflight", _("Military UAV or aircraft overflight"), STRATEGIC, "Other"),
        ),
    ),
    Category(
        "foreign_forces",
        _("Foreign forces and mercenaries"),
        (
            Subtype("arrival", _("Arrival of foreign forces or mercenaries"), STRATEGIC, "Change to group/activity"),
            Subtype("departure", _("Departure of foreign forces or mercenaries"), STRATEGIC, "Change to group/activity"),
            Subtype("relocation", _("Relocation within the country"), STRATEGIC, "Change to group/activity"),
            Subtype("assembly", _("Gathering at an assembly point"), STRATEGIC, "Change to group/activity"),
            Subtype("presence", _("Presence observed"), STRATEGIC, "Other"),
            Subtype("base_activity", _("Base established or expanded"), STRATEGIC, "Headquarters or base established"),
            Subtype("training", _("Foreign military training activity"), STRATEGIC, "Other"),
        ),
    ),
    Category(
        "explosive_hazard",
        _("Mines and explosive remnants"),
        (
            Subtype("mine_sighting", _("Mine sighting"), None, None),
            Subtype("uxo_sighting", _("Unexploded or abandoned ordnance sighting"), None, None),
            Subtype("ied_sighting", _("Improvised explosive device or booby-trap"), None, None),
            Subtype("eo_accident", _("Explosive-ordnance accident"), REMOTE, "Remote explosive/landmine/IED"),
            Subtype("new_laying", _("New mine laying"), STRATEGIC, "Other"),
            Subtype("clearance", _("Clearance or destruction of ordnance"), STRATEGIC, "Disrupted weapons use"),
        ),
    ),
    Category(
        "embargo_violation",
        _("Arms embargo"),
        (
            Subtype("sea_shipment", _("Arms shipment by sea"), STRATEGIC, "Other"),
            Subtype("air_shipment", _("Arms or military cargo flight"), STRATEGIC, "Other"),
            Subtype("land_shipment", _("Arms shipment by land"), STRATEGIC, "Other"),
            Subtype("materiel_sighting", _("Newly delivered materiel sighted"), STRATEGIC, "Other"),
            Subtype("interdiction", _("Inspection or interdiction"), STRATEGIC, "Disrupted weapons use"),
        ),
    ),
    Category(
        "movement_restriction",
        _("Restriction on the monitors' freedom of movement"),
        (
            Subtype("denial", _("Access denied"), None, None),
            Subtype("conditional_access", _("Conditional access"), None, None),
            Subtype("delay", _("Delay"), None, None),
            Subtype("threat_or_violence", _("Threat or violence against monitors"), VAC, "Attack"),
            Subtype("uav_interference", _("UAV jamming or fire"), None, None),
        ),
    ),
    Category(
        "political",
        _("Political and security developments"),
        (
            Subtype("agreement", _("Agreement or JMC decision"), STRATEGIC, "Agreement"),
            Subtype("arrest", _("Arrest on identity or affiliation"), STRATEGIC, "Arrests"),
            Subtype("detainee_exchange", _("Detainee exchange or release"), STRATEGIC, "Agreement"),
            Subtype("hate_speech", _("Media escalation or hate speech"), None, None),
            Subtype("route_reopening", _("Road or airspace reopened or closed"), STRATEGIC, "Non-violent transfer of territory"),
            Subtype("demonstration", _("Demonstration"), PROTESTS, "Peaceful protest"),
        ),
    ),
    Category("other", _("Other"), (Subtype("other", _("Other"), None, None),)),
)

BY_KEY: dict[str, Category] = {c.key: c for c in CATEGORIES}
CATEGORY_CHOICES: list[tuple[str, Promise]] = [(c.key, c.label) for c in CATEGORIES]
SUBTYPE_CHOICES: list[tuple[str, Promise]] = [(s.key, s.label) for c in CATEGORIES for s in c.subtypes]


def is_valid(category: str, subtype: str) -> bool:
    cat = BY_KEY.get(category)
    return cat is not None and cat.subtype(subtype) is not None


def acled_types(category: str, subtype: str) -> tuple[str | None, str | None]:
    cat = BY_KEY.get(category)
    sub = cat.subtype(subtype) if cat else None
    if sub is None:
        return (None, None)
    return (sub.acled_event_type, sub.acled_sub_event_type)
