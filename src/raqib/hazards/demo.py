"""The demo's explosive hazards: SHAs and CHAs around Sirte and on the coastal road (Abu Grein,
Wadi Jarif, the Sirte–Bin Jawad road), land release across January 2021 by the operators working
there, and a couple of accidents. Coordinates come from the gazetteer of the Libya 2020 profile.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from raqib.demo.modules import DemoContext
from raqib.geo.models import Place
from raqib.hazards.models import HazardArea
from raqib.hazards.services import (create_hazard, record_accident, record_release, record_victim,
                                    transition_hazard)

OPERATORS = ("UNMAS", "Libyan Mine Action Centre (LibMAC)", "Free Fields Foundation")

# (code, name, place key, (lon, lat) offset of the centre from the place in degrees, half-size in
#  degrees (lon, lat), status, ordnance types, evidence). Those on the coastal road sit on it.
HAZARDS: tuple[tuple[str, str, str, tuple[float, float], tuple[float, float], str, list[str], str], ...] = (
    ("LBY-SRT-0001", "Abu Grein junction, western verge", "abu-grein", (0.0, 0.0), (0.004, 0.002), "confirmed",
     ["at_mine", "ap_mine"], "Anti-tank mines seen on the verge by a GNA engineering unit; a truck destroyed "
     "in December 2020."),
    ("LBY-SRT-0002", "Al-Wishka front-line positions", "al-wishka", (0.0, 0.0), (0.006, 0.003), "suspected",
     ["ap_mine", "booby_trap", "uxo"], "Former front-line positions; local herders report mines and "
     "booby-traps left when the line moved."),
    ("LBY-SRT-0003", "Wadi Jarif bridge", "wadi-jarif", (0.0, 0.0), (0.003, 0.002), "confirmed",
     ["at_mine", "ied"], "IEDs found under the bridge deck by LibMAC; anti-tank mines on the approaches."),
    ("LBY-SRT-0004", "Sirte southern districts", "sirte", (0.01, -0.03), (0.008, 0.005), "suspected",
     ["uxo", "axo", "cluster_munition"], "Shelling in 2016 and 2020; unexploded submunitions reported by "
     "residents."),
    ("LBY-SRT-0005", "Al-Qardabiya airbase perimeter", "al-qardabiya-airbase", (0.0, -0.01), (0.006, 0.004),
     "suspected", ["uxo", "axo"], "Abandoned ordnance stacks seen from the road."),
    ("LBY-SRT-0006", "Harawa, coastal road east", "harawa", (0.0, 0.0), (0.005, 0.002), "confirmed",
     ["at_mine", "uxo"], "Mines laid across the road in 2020 (JMC engineering report)."),
    ("LBY-SRT-0007", "Sirte–Bin Jawad road, km 140", "bin-jawad", (-0.05, 0.0135), (0.004, 0.002), "suspected",
     ["at_mine"], "Reported by a passing convoy: disturbed ground on both sides of the road."),
)


# The land release of each hazard in January: (method, share of the hazard's area; 1.0 = the rest).
PLANS: dict[str, tuple[tuple[str, float], ...]] = {
    "LBY-SRT-0001": (("technical_survey", 0.3), ("clearance", 1.0)),
    "LBY-SRT-0002": (("non_technical_survey", 0.7), ("technical_survey", 0.1)),
    "LBY-SRT-0003": (("technical_survey", 0.25),),
    "LBY-SRT-0004": (("non_technical_survey", 0.6),),
    "LBY-SRT-0006": (("technical_survey", 0.4), ("clearance", 0.3)),
    # LBY-SRT-0005 and LBY-SRT-0007 await their non-technical survey.
}


COUNTS = ("hazard_areas", "land_releases", "eo_accidents", "eo_victims")  # the kinds step() counts


def _square(lon: float, lat: float, half: tuple[float, float]) -> dict[str, Any]:
    dx, dy = half
    return {"type": "Polygon", "coordinates": [[[lon - dx, lat - dy], [lon + dx, lat - dy], [lon + dx, lat + dy],
                                                [lon - dx, lat + dy], [lon - dx, lat - dy]]]}


def step(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng
    monitor, leader, verifier = ctx.users["monitor"], ctx.users["team_leader"], ctx.users["verifier"]
    places = {p.key: p for p in Place.objects.filter(key__in=[h[2] for h in HAZARDS], lat__isnull=False)}
    hazards: list[HazardArea] = []
    for code, name, key, (ox, oy), half, status, types, evidence in HAZARDS:
        place = places.get(key)
        if place is None or place.lat is None or place.lon is None or HazardArea.objects.filter(code=code).exists():
            continue
        reported = (ctx.start + dt.timedelta(days=min(12, ctx.days - 1)) if code == "LBY-SRT-0007"
                    else ctx.start - dt.timedelta(days=rng.randint(5, 40)))
        hazards.append(create_hazard({
            "code": code, "name": name, "status": status, "ordnance_types": types, "contamination_evidence": evidence,
            "geometry": _square(place.lon + ox, place.lat + oy, half), "reported_on": reported}, monitor))

    releases = accidents = victims = 0
    for hazard in hazards:
        day = ctx.start + dt.timedelta(days=rng.randint(0, max(0, ctx.days // 3)))
        left = hazard.area_m2
        for method, share in PLANS.get(hazard.code, ()):
            area = left if share >= 1.0 else max(1, int(hazard.area_m2 * share))
            # Surveys of an SHA find nothing here; on a CHA, survey and clearance find items.
            found = 0 if method == "non_technical_survey" or hazard.status == "suspected" else rng.randint(1, 12)
            finished = min(ctx.end, day + dt.timedelta(days=rng.randint(1, 6)))
            if finished < day or area > left:
                break
            record_release(hazard, {
                "method": method, "area_m2": area, "items_found": found, "items_destroyed": found,
                "operator": rng.choice(OPERATORS), "started_on": day, "finished_on": finished,
                "notes": ""}, leader)
            releases += 1
            left -= area
            day = finished + dt.timedelta(days=1)
            if left <= 0 or day > ctx.end:
                break
    # Work on the Wadi Jarif bridge stopped when its deminers were sent to Abu Grein: the CHA is
    # active again, and the coastal road cannot open in the demo month.
    for hazard in hazards:
        if hazard.code == "LBY-SRT-0003" and hazard.state == "worked_on":
            transition_hazard(hazard, "active", verifier, note="Work suspended: deminers redeployed to Abu Grein.")

    by_code = {h.code: h for h in hazards}
    for code, days_in, activity, ordnance, toll in (
        ("LBY-SRT-0001", 9, "travelling", "at_mine", [("civilian", "killed", "male", "adult"),
                                                      ("civilian", "injured", "male", "child")]),
        ("LBY-SRT-0003", 17, "demining", "ied", [("deminer", "injured", "male", "adult")]),
    ):
        struck = by_code.get(code)
        if struck is None:
            continue
        centre = (struck.min_lat + struck.max_lat) / 2, (struck.min_lon + struck.max_lon) / 2
        day = ctx.start + dt.timedelta(days=min(days_in, ctx.days - 1))
        when = dt.datetime.combine(day, dt.time(7 + rng.randint(0, 8)), tzinfo=dt.UTC)
        accident = record_accident({
            "occurred_at": when, "lat": round(centre[0], 5), "lon": round(centre[1], 5), "hazard": struck,
            "ordnance_type": ordnance, "activity": activity,
            "description": f"Explosive-ordnance accident at {struck.name}."}, monitor)
        accidents += 1
        for category, outcome, sex, age in toll:
            record_victim(accident, {"category": category, "outcome": outcome, "sex": sex, "age_group": age}, monitor)
            victims += 1
    return {"hazard_areas": len(hazards), "land_releases": releases, "eo_accidents": accidents, "eo_victims": victims}
