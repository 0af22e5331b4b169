"""The demo's restrictions on the monitors' movement in January 2021, around Sirte and al-Jufra:
checkpoints of both parties, Wagner around the Jufra airbase, a jammed UAV; some raised with the
JMC, some resolved, some recurring."""

from __future__ import annotations

import datetime as dt

from raqib.actors.models import Party
from raqib.demo.modules import DemoContext
from raqib.geo.models import Place
from raqib.movement.models import Restriction
from raqib.movement.services import create_restriction, transition_restriction

# (kind, party key, place key, who imposed it, reason given, task affected, minutes or None)
SCENARIOS: list[tuple[str, str, str, str, str, str, int | None]] = [
    ("denial", "lna", "sirte", "Checkpoint at the eastern gate of Sirte",
     "No written authorisation from the General Command", "Patrol to the Sirte eastern gate", 90),
    ("denial", "wagner", "al-jufra-airbase", "Armed foreign personnel at the airbase perimeter",
     "Area closed, no reason given", "Verification of reported aircraft at al-Jufra airbase", None),
    ("conditional_access", "lna", "waddan", "LNA 128th Brigade checkpoint",
     "Access allowed only with an LNA escort", "Patrol to Waddan", 45),
    ("delay", "gna", "abu-grein", "GNA checkpoint on the Abu Grein road",
     "Vehicles searched, orders awaited from the operations room", "Patrol from Misrata to the Sirte line", 120),
    ("delay", "lna", "qasr-abu-hadi", "Checkpoint south of Sirte", "Commander absent", "Visit to Qasr Abu Hadi", 60),
    ("threat_or_violence", "wagner", "hun", "Unidentified armed men in a pick-up near Hun",
     "Warning shots fired in the air", "Patrol to Hun", 15),
    ("uav_interference", "wagner", "al-jufra-airbase", "Jamming from the airbase area",
     "None", "UAV flight over the Jufra road", 30),
    ("uav_interference", "gna", "al-wishka", "Small-arms fire at the mission UAV", "Taken for a hostile drone",
     "UAV flight over the al-Wishka front", 10),
    ("conditional_access", "gna", "wadi-jarif", "GNA forward position",
     "Only two vehicles allowed forward", "Patrol along Wadi Jarif", 30),
    ("denial", "lna", "al-qardabiya-airbase", "Guards at the Ghardabiya airbase gate",
     "Military installation closed to visitors", "Visit to al-Qardabiya airbase", None),
    ("delay", "gna", "sirte-jufra-line", "Checkpoint on the Sirte-Jufra road",
     "Identity documents checked one by one", "Patrol along the Sirte-Jufra road", 75),
    ("threat_or_violence", "lna", "sokna", "Soldiers at the Sokna checkpoint",
     "Monitors threatened with arrest", "Interview with local elders in Sokna", 40),
]
PLACES_NEAR = {  # where a place has no point in the gazetteer
    "sirte-jufra-line": (30.2, 16.3),
}


COUNTS = ("movement_restrictions", "restriction_transitions")  # the kinds step() counts


def step(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng
    parties = {p.key: p for p in Party.objects.filter(key__in={s[1] for s in SCENARIOS})}
    places = {p.key: p for p in Place.objects.filter(key__in={s[2] for s in SCENARIOS})}
    reporters = [ctx.users[name] for name in ("team_leader", "monitor") if name in ctx.users]
    chief = ctx.users["chief"]
    made: list[Restriction] = []
    # Two passes over the scenarios, the second one fewer (some restrictions recur): 12 + 12.
    plan = SCENARIOS + rng.sample(SCENARIOS, len(SCENARIOS))
    for index, (kind, party_key, place_key, who, reason, task, minutes) in enumerate(plan):
        place = places.get(place_key)
        lat, lon = (place.lat, place.lon) if place is not None and place.lat is not None else PLACES_NEAR.get(
            place_key, (None, None))
        if lat is not None and lon is not None:
            # Where the team stood, a few hundred metres from the named place.
            lat, lon = round(lat + rng.uniform(-0.01, 0.01), 5), round(lon + rng.uniform(-0.01, 0.01), 5)
        day = ctx.start + dt.timedelta(days=rng.randint(0, ctx.days - 1))
        moment = dt.datetime.combine(day, dt.time(rng.randint(6, 15), rng.choice((0, 15, 30, 45))), dt.UTC)
        values = {
            "kind": kind, "party": parties.get(party_key), "actor_description": who, "place": place,
            "lat": lat, "lon": lon, "occurred_at": moment,
            "duration_minutes": None if minutes is None else max(5, minutes + rng.randint(-10, 30)),
            "reason_given": reason, "task_affected": task,
            "team": rng.choice(ctx.teams) if ctx.teams else None,
            "description": f"{task}: {who.lower()}. {reason}.",
        }
        if values["party"] is None:
            continue
        made.append(create_restriction(values, reporters[index % len(reporters)] if reporters else chief))
    moves = 0
    for restriction in made:
        roll = rng.random()
        raised_on = min(ctx.end, restriction.occurred_at.date() + dt.timedelta(days=rng.randint(1, 4)))
        if roll < 0.35:
            transition_restriction(restriction, "raised_with_jmc", chief, on=raised_on,
                                   note="Raised at the weekly JMC meeting.")
            moves += 1
            if rng.random() < 0.5:
                transition_restriction(restriction, "resolved", chief, note="Access granted after the JMC meeting.")
                moves += 1
        elif roll < 0.55:
            transition_restriction(restriction, "recurring", chief, note="The same checkpoint refused again.")
            moves += 1
        elif roll < 0.7:
            transition_restriction(restriction, "resolved", chief, note="Settled on the spot by the team leader.")
            moves += 1
    return {"movement_restrictions": len(made), "restriction_transitions": moves}
