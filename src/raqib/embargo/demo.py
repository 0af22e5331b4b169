"""The demo's arms-embargo month: a synthetic flight-track file whose landings at watched airbases
are flagged as suspected events (one of them then documented and referred to the Panel), and a
cargo vessel recorded by hand. Every platform here is invented."""

from __future__ import annotations

import datetime as dt

from raqib.actors.models import Party
from raqib.demo.modules import DemoContext
from raqib.embargo.models import EmbargoEvent
from raqib.embargo.services import create_event, import_tracks, transition_event
from raqib.geo.models import Place

# (identifier, base key or None for an overflight, hour of arrival)
FLIGHTS: list[tuple[str, str | None, int]] = [
    ("1512a4", "al-khadim-airbase", 3),
    ("1512a4", "al-jufra-airbase", 9),
    ("896f01", "al-khadim-airbase", 22),
    ("4b8e2c", "al-watiya-airbase", 14),
    ("0d0a77", None, 11),
]


COUNTS = ("track_imports", "embargo_events", "embargo_transitions")  # the kinds step() counts


def _track(ctx: DemoContext, bases: dict[str, Place]) -> str:
    rows = ["identifier,time,lat,lon,altitude_ft"]
    for identifier, key, hour in FLIGHTS:
        day = ctx.start + dt.timedelta(days=ctx.rng.randint(1, ctx.days - 2))
        landing = dt.datetime.combine(day, dt.time(hour, ctx.rng.randint(0, 59)), dt.UTC)
        base = bases.get(key) if key else None
        if key and base is None:
            continue  # the profile has no such place
        lat, lon = (base.lat, base.lon) if base is not None else (30.5, 17.0)
        if lat is None or lon is None:
            continue
        # Cruise 150 km out, descend, land, taxi; an overflight stays at cruise altitude.
        ground = 0 if base is not None else 33000
        legs = [(-90, 1.35, 33000), (-30, 0.4, 9000), (-6, 0.05, 1500 if base is not None else 33000),
                (0, 0.005, ground), (20, 0.002, ground)]
        for minutes, offset, altitude in legs:
            at = (landing + dt.timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z")
            rows.append(f"{identifier},{at},{lat + offset:.4f},{lon + offset:.4f},{altitude}")
    return "\n".join(rows) + "\n"


def step(ctx: DemoContext) -> dict[str, int]:
    analyst, chief = ctx.users["verifier"], ctx.users["chief"]
    bases = {p.key: p for p in Place.objects.filter(key__in={k for _i, k, _h in FLIGHTS if k} | {"misrata-port"})}
    record = import_tracks(_track(ctx, bases).encode(), "demo-flights-2021-01.csv", analyst, vector="air")
    flagged = list(record.events.order_by("occurred_at"))
    moves = 0
    if flagged:
        first = flagged[0]
        transition_event(first, EmbargoEvent.State.DOCUMENTED, analyst,
                         note="Imagery of the aircraft unloading on the apron (synthetic).")
        transition_event(first, EmbargoEvent.State.REFERRED_TO_PANEL, chief, note="Sent to the Panel of Experts.")
        moves += 2
    parties = {p.key: p for p in Party.objects.filter(key__in=("gna", "lna"))}
    day = ctx.start + dt.timedelta(days=ctx.rng.randint(3, ctx.days - 3))
    vessel = create_event({
        "vector": "sea", "occurred_at": dt.datetime.combine(day, dt.time(5, 30), dt.UTC),
        "imo": "9212345", "vessel_name": "DEMO TRADER", "flag": "PA", "origin": "Eastern Mediterranean",
        "destination": bases.get("misrata-port"), "recipient": parties.get("gna"),
        "cargo": "Containers declared as vehicle spare parts; armoured vehicles seen on deck (synthetic).",
        "evidence": "Port-side photographs by a local source (synthetic).",
    }, analyst)
    transition_event(vessel, EmbargoEvent.State.DOCUMENTED, analyst, note="Photographs authenticated.")
    moves += 1
    return {"track_imports": 1, "embargo_events": len(flagged) + 1, "embargo_transitions": moves}
