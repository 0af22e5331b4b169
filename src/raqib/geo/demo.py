"""The demo's phased zones: a readiness checklist for the profile's monitoring areas and the
coastal road, assessed by the chief during the synthetic month. No zone is handed over (the
national force took over nothing before the end of January 2021)."""

from __future__ import annotations

import datetime as dt

from raqib.actors.models import Party
from raqib.demo.modules import DemoContext
from raqib.geo.models import Zone
from raqib.geo.services import GENERAL_ITEMS, set_readiness, transition_zone

# zone key -> {item or "consent:<party>": (met, note)}; items left out stay unassessed.
CHECKLISTS: dict[str, dict[str, tuple[bool, str]]] = {
    "sirte-triangle": {
        "security": (True, "Both parties' forces pulled back from the three legs; no firing reported near Sirte."),
        "logistics": (True, "Accommodation and fuel at Sirte (Ghardabiya) arranged."),
        "medical": (True, "Level-2 medical support and casualty evacuation by air agreed."),
        "operational": (True, "Advance team deployed; communications tested."),
        "consent:gna": (True, "Confirmed by the GNA delegation at the JMC."),
        "consent:lna": (True, "Confirmed by the LNA delegation at the JMC."),
    },
    "coastal-road": {
        "security": (False, "Mine and ERW clearance of the road not finished."),
        "logistics": (True, "Checkpoints on both sides identified."),
        "medical": (True, "Casualty evacuation to Misrata and Sirte possible."),
        "operational": (True, "Patrol plan drafted with the JMC."),
        "consent:gna": (True, "Agreed at the JMC meeting in Sirte."),
        "consent:lna": (True, "Agreed at the JMC meeting in Sirte."),
    },
    "jufra-area": {
        "security": (True, "No clashes reported around Hun and Waddan."),
        "logistics": (True, "Al Jufra airbase usable for rotations."),
        "medical": (False, "No medical evacuation arrangement beyond Sirte yet."),
        "operational": (True, "Team assigned; route via Abu Grein reconnoitred."),
        "consent:gna": (True, "Given at the JMC."),
        "consent:lna": (False, "Pending: the LNA delegation asked for more time."),
    },
    "oil-crescent": {
        "security": (False, "Foreign forces reported at Ras Lanuf and Sidra."),
        "logistics": (True, "Brega airstrip available."),
        "consent:lna": (False, "Not yet discussed."),
    },
}


COUNTS = ("readiness_items", "zone_transitions")  # step() counts these


def step(ctx: DemoContext) -> dict[str, int]:
    chief = ctx.users["chief"]
    parties = {p.key: p for p in Party.objects.filter(kind=Party.Kind.SIGNATORY)}
    zones = {z.key: z for z in Zone.objects.filter(key__in=list(CHECKLISTS))}
    written = transitions = 0
    jufra = zones.get("jufra-area")
    if jufra is not None and jufra.status == Zone.Status.PLANNED:
        transition_zone(jufra, Zone.Status.ASSESSMENT, chief, note="Assessment of the Jufra area begins.")
        transitions += 1
    for key, checklist in CHECKLISTS.items():
        zone = zones.get(key)
        if zone is None or zone.status in ("handed_over", "closed"):
            continue
        for name, (met, note) in checklist.items():
            item, _sep, party_key = name.partition(":")
            party = parties.get(party_key) if party_key else None
            if item not in GENERAL_ITEMS and party is None:
                continue
            on = ctx.start + dt.timedelta(days=ctx.rng.randint(0, max(0, ctx.days - 1)))
            set_readiness(zone, item, met, chief, party=party, note=note, assessed_on=on)
            written += 1
    return {"readiness_items": written, "zone_transitions": transitions}
