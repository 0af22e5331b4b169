"""The demo's foreign-forces ledger: seven contingents whose estimates of 2 December 2020 add up
to about the 20,000 foreign fighters and personnel the UN named then, and their comings and
goings over January 2021 (batches of Syrian fighters flown out, rotations, a relocation, an
assembly), some verified, some not. The per-contingent figures are synthetic."""

from __future__ import annotations

import datetime as dt

from raqib.actors.models import Party
from raqib.demo.modules import DemoContext
from raqib.forces.models import ForceMovement
from raqib.forces.services import add_estimate, add_movement, transition_movement, upsert_contingent
from raqib.geo.models import Place

BASELINE_DAY = dt.date(2020, 12, 2)
SOURCE = "Synthetic demo figure, scaled to the UN's 2 Dec 2020 statement (about 20,000 in 10 bases)"

# key, English name, Arabic name, sponsor, the force's own actor record, kind, supports, bases, (min, max)
CONTINGENTS: list[tuple[str, str, str, str, str | None, str, str, list[str], tuple[int, int]]] = [
    ("wagner", "Wagner Group", "مجموعة فاغنر", "russia", "wagner", "private_military_company", "lna",
     ["al-jufra-airbase", "brak-al-shati-airbase", "al-khadim-airbase"], (2000, 3000)),
    ("syrian-fighters-gna", "Syrian fighters sent by Turkey", "المقاتلون السوريون الموالون لتركيا", "turkey",
     "syrian_fighters_gna", "mercenaries", "gna", ["al-watiya-airbase", "mitiga-airport"], (6500, 7000)),
    ("syrian-fighters-lna", "Syrian fighters recruited through Wagner", "المقاتلون السوريون الذين جندتهم فاغنر",
     "wagner", "syrian_fighters_lna", "mercenaries", "lna", ["al-jufra-airbase", "sirte"], (1500, 2000)),
    ("turkish-forces", "Turkish armed forces", "القوات المسلحة التركية", "turkey", None, "regular_force", "gna",
     ["al-watiya-airbase", "misrata-airport"], (1000, 1500)),
    ("turkish-training-crews", "Turkish military training crews", "أطقم التدريب العسكري التركية", "turkey", None,
     "training_crew", "gna", ["mitiga-airport", "khoms-port"], (300, 500)),
    ("sudanese-fighters", "Sudanese fighters (RSF)", "المقاتلون السودانيون (الدعم السريع)", "sudan",
     "sudanese_rsf", "mercenaries", "lna", ["al-jufra-airbase", "tamanhint-airbase"], (2500, 3500)),
    ("chadian-fighters", "Chadian fighters", "المقاتلون التشاديون", "chadian_rebels", "chadian_rebels",
     "mercenaries", "lna", ["tamanhint-airbase", "brak-al-shati-airbase"], (2000, 3000)),
]

# contingent, kind, day of January, (min, max), from, to, batch, final state
MOVEMENTS: list[tuple[str, str, int, tuple[int, int], str | None, str | None, int | None, str]] = [
    ("syrian-fighters-gna", "departure", 5, (250, 300), "mitiga-airport", None, 1, "verified"),
    ("syrian-fighters-gna", "arrival", 8, (150, 250), None, "al-watiya-airbase", None, "verified"),
    ("syrian-fighters-gna", "departure", 12, (200, 300), "mitiga-airport", None, 2, "verified"),
    ("syrian-fighters-gna", "departure", 19, (250, 350), "misrata-airport", None, 3, "unverified"),
    ("wagner", "relocation", 10, (200, 300), "sirte", "al-jufra-airbase", None, "verified"),
    ("wagner", "arrival", 14, (100, 200), None, "al-jufra-airbase", None, "disputed"),
    ("syrian-fighters-lna", "assembly", 16, (300, 500), "sirte", "al-jufra-airbase", None, "verified"),
    ("sudanese-fighters", "departure", 20, (300, 500), "tamanhint-airbase", None, None, "reported"),
    ("turkish-training-crews", "arrival", 22, (50, 100), None, "mitiga-airport", None, "verified"),
    ("turkish-training-crews", "departure", 22, (50, 100), "mitiga-airport", None, None, "verified"),
    ("chadian-fighters", "departure", 26, (100, 300), "brak-al-shati-airbase", None, None, "verified"),
]


COUNTS = ("contingents", "strength_estimates", "force_movements", "force_movement_transitions")  # step() counts these


def step(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng
    analyst, chief = ctx.users["verifier"], ctx.users["chief"]
    parties = {p.key: p for p in Party.objects.filter(
        key__in={c[3] for c in CONTINGENTS} | {c[4] for c in CONTINGENTS if c[4]} | {c[6] for c in CONTINGENTS})}
    places = {p.key: p for p in Place.objects.filter(key__in={b for c in CONTINGENTS for b in c[7]}
                                                     | {k for m in MOVEMENTS for k in (m[4], m[5]) if k})}
    counts = {"contingents": 0, "strength_estimates": 0, "force_movements": 0, "force_movement_transitions": 0}
    contingents = {}
    for key, name_en, name_ar, sponsor, actor, kind, supports, bases, (low, high) in CONTINGENTS:
        if sponsor not in parties:
            continue  # a profile without this party: leave the contingent out
        contingent, _changed = upsert_contingent(key, {
            "name_en": name_en, "name_ar": name_ar, "sponsor": parties[sponsor], "actor": parties.get(actor or ""),
            "kind": kind, "supported_party": parties.get(supports)}, [places[b] for b in bases if b in places], analyst)
        contingents[key] = contingent
        counts["contingents"] += 1
        add_estimate(contingent, {"as_of": BASELINE_DAY, "minimum": low, "maximum": high, "basis": "estimate",
                                  "source": SOURCE}, analyst)
        counts["strength_estimates"] += 1
    last = ctx.start + dt.timedelta(days=ctx.days - 1)
    for key, kind, day_of_month, (low, high), origin, destination, batch, state in MOVEMENTS:
        on = dt.date(ctx.start.year, ctx.start.month, day_of_month)
        if key not in contingents or on > last:
            continue
        spread = rng.randint(-20, 20)
        movement = add_movement(contingents[key], {
            "kind": kind, "occurred_on": on, "personnel_min": max(0, low + spread), "personnel_max": high + spread,
            "from_place": places.get(origin or ""), "to_place": places.get(destination or ""), "batch": batch,
            "source": "Synthetic demo report"}, analyst)
        counts["force_movements"] += 1
        if state != ForceMovement.State.REPORTED:
            transition_movement(movement, state, chief if state == "verified" else analyst,
                                note="Checked against flight tracking and the JMC's lists")
            counts["force_movement_transitions"] += 1
    # A fresh estimate near the end of the month for the largest contingent.
    if "syrian-fighters-gna" in contingents and ctx.days >= 28:
        add_estimate(contingents["syrian-fighters-gna"], {
            "as_of": ctx.start + dt.timedelta(days=27), "minimum": 5800 + rng.randint(0, 100),
            "maximum": 6600 + rng.randint(0, 100), "basis": "estimate",
            "source": "Synthetic demo figure: monitoring group's tally of flights and departures"}, analyst)
        counts["strength_estimates"] += 1
    return counts
