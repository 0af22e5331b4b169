"""The taxonomy's category and subtype keys, without Django.

:mod:`raqib.core.taxonomy` imports Django's translation machinery for its labels, and the
extractor must run without Django, so the keys are repeated here; a test checks that they stay
equal to the taxonomy's.
"""

from __future__ import annotations

SUBTYPES: dict[str, tuple[str, ...]] = {
    "ceasefire_violation": (
        "armed_clash", "territory_taken", "shelling", "air_or_drone_strike", "small_arms_fire",
        "remote_explosive", "grenade", "attack_on_civilians", "abduction", "forward_deployment",
        "heavy_weapons", "fortification", "uav_overflight",
    ),
    "foreign_forces": ("arrival", "departure", "relocation", "assembly", "presence", "base_activity", "training"),
    "explosive_hazard": ("mine_sighting", "uxo_sighting", "ied_sighting", "eo_accident", "new_laying", "clearance"),
    "embargo_violation": ("sea_shipment", "air_shipment", "land_shipment", "materiel_sighting", "interdiction"),
    "movement_restriction": ("denial", "conditional_access", "delay", "threat_or_violence", "uav_interference"),
    "political": ("agreement", "arrest", "detainee_exchange", "hate_speech", "route_reopening", "demonstration"),
    "other": ("other",),
}
CATEGORIES: tuple[str, ...] = tuple(SUBTYPES)

# The subtype given when a sentence names the category but none of its subtypes.
DEFAULT_SUBTYPE: dict[str, str] = {
    "ceasefire_violation": "armed_clash",
    "foreign_forces": "presence",
    "explosive_hazard": "mine_sighting",
    "embargo_violation": "materiel_sighting",
    "movement_restriction": "denial",
    "political": "agreement",
    "other": "other",
}
