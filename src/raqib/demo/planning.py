"""Planning the synthetic month: where, when, who and what follows, drawn from one seeded random
generator before anything is written (so a seed always gives the same month, and the number of
writes is known up front). Nothing here writes to the database.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils.translation import gettext as _

from raqib.actors.models import Party
from raqib.agreements.models import Agreement
from raqib.core.errors import NotFound
from raqib.demo import scenario, text
from raqib.geo.models import Place, Precision, Zone
from raqib.incidents.models import Allegation, Incident, Observation

T = TypeVar("T")

PROFILE = "libya-2020"
NIGHT_SUBTYPES = ("small_arms_fire", "shelling", "armed_clash", "forward_deployment", "grenade", "new_laying")
DAY_CATEGORIES = ("political", "embargo_violation", "movement_restriction", "explosive_hazard")
POSITIONAL = ("forward_deployment", "heavy_weapons", "fortification")


# --- geometry (small distances on a sphere are enough for placing synthetic events) ------

EARTH_KM = 6371.0


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def bearing(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    y = math.sin(lon2 - lon1) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return math.degrees(math.atan2(y, x)) % 360


def move(point: tuple[float, float], heading: float, km: float) -> tuple[float, float]:
    lat, lon, b, d = math.radians(point[0]), math.radians(point[1]), math.radians(heading), km / EARTH_KM
    lat2 = math.asin(math.sin(lat) * math.cos(d) + math.cos(lat) * math.sin(d) * math.cos(b))
    lon2 = lon + math.atan2(math.sin(b) * math.sin(d) * math.cos(lat), math.cos(d) - math.sin(lat) * math.sin(lat2))
    return round(math.degrees(lat2), 5), round(math.degrees(lon2), 5)


# --- reference data ----------------------------------------------------------------------


class Reference:
    """The profile's places, parties, provisions and zones the demo needs, checked once."""

    def __init__(self) -> None:
        agreement = Agreement.objects.filter(key=PROFILE).first()
        if agreement is None:
            raise NotFound(_("The demo needs the “%(profile)s” profile: load it first.") % {"profile": PROFILE})
        self.tz = zoneinfo.ZoneInfo(agreement.timezone)
        self.provisions = {p.number: p for p in agreement.provisions.all()}
        self.places = {p.key: p for p in Place.objects.order_by("key")}
        self.parties = {p.key: p for p in Party.objects.order_by("key")}
        self.zones = {z.key: z for z in Zone.objects.order_by("key")}
        # Places with a point, for naming where something happened.
        self.anchors = [(p, self.point(p.key)) for p in self.places.values()
                        if p.kind != Place.Kind.REGION and (p.lat is not None or p.key in scenario.APPROXIMATE)]
        self._check()

    def point(self, key: str) -> tuple[float, float]:
        place = self.places[key]
        if place.lat is not None and place.lon is not None:
            return (place.lat, place.lon)
        return scenario.APPROXIMATE[key]

    def approximate(self, key: str) -> bool:
        place = self.places[key]
        return place.lat is None or place.precision == Precision.APPROXIMATE

    def _check(self) -> None:
        places = {t[2] for t in scenario.TEAMS} | set(scenario.FOREIGN_AT) | set(scenario.SUPPLIER_AT)
        for areas in [*scenario.AREAS.values(), *scenario.SUBTYPE_AREAS.values()]:
            places |= {key for area in areas for key in area[2]}
        parties = {k for side in (scenario.GNA_SIDE, scenario.LNA_SIDE) for k, _w in side}
        parties |= {k for w in scenario.FOREIGN_AT.values() for k, _w in w} | {"gna", "lna", "jmc", "eu_irini"}
        parties |= {k for ks in scenario.SUPPLIER_AT.values() for k in ks}
        provisions = {n for ns in scenario.PROVISIONS.values() for n in ns}
        zones = {t[3] for t in scenario.TEAMS}
        missing = sorted(places - set(self.places)) + sorted(parties - set(self.parties)) \
            + sorted(provisions - set(self.provisions)) + sorted(zones - set(self.zones))
        unplaced = [k for k in sorted(places & set(self.places))
                    if self.places[k].lat is None and k not in scenario.APPROXIMATE]
        if missing or unplaced:
            raise NotFound(_("The demo needs the “%(profile)s” profile as shipped; these are missing or have no "
                             "coordinates: %(keys)s.") % {"profile": PROFILE, "keys": ", ".join(missing + unplaced)})

    def nearest(self, point: tuple[float, float]) -> tuple[Place, float]:
        place, where = min(self.anchors, key=lambda a: distance_km(point, a[1]))
        return place, distance_km(point, where)

    def short(self, key: str) -> tuple[str, str]:
        party = self.parties[key]
        return text.SHORT_NAMES.get(key, (party.name_en, party.name_ar))


# --- planning ----------------------------------------------------------------------------


@dataclass
class Spot:
    lat: float
    lon: float
    key: str            # the area's place the spot was drawn around
    place: Place        # the nearest gazetteer place, for the record and the description
    km: float
    approximate: bool


@dataclass
class Plan:
    """One incident and everything that will happen to it."""

    category: str
    subtype: str
    start: dt.datetime
    end: dt.datetime
    time_precision: str
    spot: Spot
    parties: list[tuple[Party, str]]
    perpetrator: Party | None
    accuser: str | None               # "gna" or "lna": the side whose liaison would complain
    team: int | None                   # index in scenario.TEAMS of the team that saw it
    fill: dict[str, Any]
    desk: bool = False
    observations: int = 0
    allegation: str | None = None      # "gna", "lna" (a liaison), "media" or "public"
    response: bool = False
    news: bool = False
    testimony: bool = False
    imagery: bool = False
    evidence: str | None = None        # "photo" or "log"
    level: int = 0                     # index in STATES reached
    closed_early: bool = False         # triaged then closed without findings
    reopened: bool = False
    killed: tuple[int, int] = (0, 0)
    injured: tuple[int, int] = (0, 0)
    incident: Incident | None = None
    observation_objs: list[Observation] = field(default_factory=list)
    allegation_obj: Allegation | None = None

    @property
    def transitions(self) -> int:
        return 2 if self.closed_early else self.level + (2 if self.reopened else 0)

    @property
    def assignments(self) -> int:
        return 1 if not self.closed_early and self.level >= 2 else 0

    @property
    def sources(self) -> int:
        """As many as :meth:`Writer.source_values` writes: one at least."""
        return (bool(self.observations) + bool(self.allegation) + self.news + self.testimony + self.imagery) or 1


def weighted(rng: random.Random, items: Sequence[tuple[T, float]]) -> T:
    return rng.choices([i for i, _w in items], weights=[w for _i, w in items])[0]


def _poisson(rng: random.Random, rate: float) -> int:
    limit, k, p = math.exp(-rate), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


class Planner:
    def __init__(self, ref: Reference, rng: random.Random, days: int) -> None:
        self.ref, self.rng, self.days = ref, rng, days
        self.team_points = [ref.point(t[2]) for t in scenario.TEAMS]

    def month(self) -> list[Plan]:
        plans = []
        for day in range(self.days):
            date = scenario.START + dt.timedelta(days=day)
            flare = scenario.FLARE_UP[0] <= day <= scenario.FLARE_UP[1]
            for category, rate in scenario.DAILY_RATE.items():
                boost = 2.0 if flare and category == "ceasefire_violation" else 1.0
                for _n in range(_poisson(self.rng, rate * boost)):
                    plans.append(self.incident(date, category, flare and self.rng.random() < 0.6))
        plans.sort(key=lambda p: p.start)
        for plan in plans:
            self.follow_up(plan, age=(scenario.START + dt.timedelta(days=self.days) - plan.start.date()).days)
        return plans

    # where and when

    def spot(self, category: str, subtype: str, western_front: bool) -> Spot:
        rng = self.rng
        areas = scenario.SUBTYPE_AREAS.get(subtype) or scenario.AREAS[category]
        if western_front and category == "ceasefire_violation":
            areas = tuple(a for a in areas if "abu-grein" in a[2])
        _w, kind, keys, low, high = rng.choices(areas, weights=[a[0] for a in areas])[0]
        if kind == "line":
            points = [self.ref.point(k) for k in keys]
            lengths = [distance_km(a, b) for a, b in zip(points, points[1:])]
            i = rng.choices(range(len(lengths)), weights=lengths)[0]
            t = rng.random()
            a, b = points[i], points[i + 1]
            on_line = (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
            side = bearing(a, b) + rng.choice((-90, 90))
            lat, lon = move(on_line, side, rng.uniform(low, high))
            key = keys[i] if t < 0.5 else keys[i + 1]
            approximate = self.ref.approximate(keys[i]) or self.ref.approximate(keys[i + 1])
        else:
            key = rng.choice(keys)
            heading = rng.uniform(*scenario.SEA_BEARINGS[key]) if kind == "sea" else rng.uniform(0, 360)
            lat, lon = move(self.ref.point(key), heading, rng.uniform(low, high))
            approximate = self.ref.approximate(key)
        place, km = self.ref.nearest((lat, lon))
        from_key = distance_km((lat, lon), self.ref.point(key))
        if from_key <= max(3.0, km):  # name the place the area is about, when the spot is that close
            place, km = self.ref.places[key], from_key
        return Spot(lat, lon, key, place, km, approximate or self.ref.approximate(place.key))

    def window(self, date: dt.date, category: str, subtype: str) -> tuple[dt.datetime, dt.datetime, str]:
        rng = self.rng
        if subtype in ("agreement", "hate_speech", "detainee_exchange") or (
                category == "political" and rng.random() < 0.3):
            start = dt.datetime.combine(date, dt.time(0, 0), self.ref.tz)
            return self._utc(start), self._utc(start + dt.timedelta(hours=23, minutes=59)), "day"
        if subtype in NIGHT_SUBTYPES:
            hour = rng.choices(range(24), weights=[3 if h >= 19 or h <= 4 else 1 for h in range(24)])[0]
        elif category in DAY_CATEGORIES:
            hour = rng.randint(7, 17)
        else:
            hour = rng.randint(5, 21)
        start = dt.datetime.combine(date, dt.time(hour, rng.randrange(0, 60, 5)), self.ref.tz)
        minutes = rng.choice((5, 10, 15, 20, 30, 45, 60, 90, 120, 180))
        precision = "exact" if minutes <= 15 and rng.random() < 0.5 else "hour"
        return self._utc(start), self._utc(start + dt.timedelta(minutes=minutes)), precision

    @staticmethod
    def _utc(value: dt.datetime) -> dt.datetime:
        return value.astimezone(dt.UTC)

    # who

    def side_at(self, spot: Spot) -> str:
        return "gna" if spot.lon < scenario.FRONT_LON else "lna"

    def actor_of(self, side: str) -> str:
        return weighted(self.rng, scenario.GNA_SIDE if side == "gna" else scenario.LNA_SIDE)

    def parties(self, category: str, subtype: str, spot: Spot) -> tuple[list[tuple[str, str]], str | None,
                                                                          str | None, dict[str, Any]]:
        """(party key, role) pairs, the alleged perpetrator's key, the accusing side, text fillers."""
        rng, other = self.rng, {"gna": "lna", "lna": "gna"}
        roles: list[tuple[str, str]] = []
        perpetrator: str | None = None
        accuser: str | None = None
        fill: dict[str, Any] = {}
        if category == "ceasefire_violation":
            # Positions are built by the side holding the ground; fire comes from either side.
            side = self.side_at(spot) if subtype in POSITIONAL else rng.choice(("gna", "lna"))
            perpetrator = self.actor_of(side)
            accuser = other[side]
            roles.append((perpetrator, "alleged_perpetrator"))
            if perpetrator != side:
                roles.append((side, "involved"))
            if subtype not in (*POSITIONAL, "uav_overflight", "attack_on_civilians", "abduction"):
                roles.append((other[side], "target"))
            if subtype == "uav_overflight" and rng.random() < 0.5:
                roles.append(("turkey" if side == "gna" else "uae", "involved"))
            fill["target"] = other[side]
        elif category == "foreign_forces":
            contingent = weighted(rng, scenario.FOREIGN_AT.get(spot.key, scenario.FOREIGN_AT["sirte"]))
            side = "gna" if contingent in ("turkey", "syrian_fighters_gna", "sadat") else "lna"
            violating = subtype in ("arrival", "base_activity", "training", "relocation")
            roles += [(contingent, "involved"), (side, "alleged_perpetrator" if violating else "involved")]
            if violating:
                perpetrator, accuser = side, other[side]
            fill["actor"] = contingent
            bases = [k for k, w in scenario.FOREIGN_AT.items() if k != spot.key and any(
                c == contingent for c, _w in w)] or ["sirte"]
            dest = self.ref.places[rng.choice(bases)]
            fill["dest_en"], fill["dest_ar"] = dest.name_en, dest.name_ar
        elif category == "explosive_hazard":
            side = self.side_at(spot)
            if subtype == "new_laying":
                perpetrator = "wagner" if side == "lna" and rng.random() < 0.5 else self.actor_of(side)
                roles.append((perpetrator, "alleged_perpetrator"))
                accuser = other[side]
            elif subtype == "clearance":
                roles.append((side, "involved"))
                fill["actor"] = side
        elif category == "movement_restriction":
            side = self.side_at(spot)
            if subtype != "uav_interference":
                near_base = spot.key in ("al-jufra-airbase", "al-qardabiya-airbase")
                perpetrator = "wagner" if near_base and rng.random() < 0.4 else self.actor_of(side)
                roles.append((perpetrator, "alleged_perpetrator"))
        elif category == "political":
            side = "gna" if spot.key in ("tripoli", "misrata", "abu-grein") else self.side_at(spot)
            if subtype == "agreement":
                roles += [("jmc", "involved"), ("gna", "involved"), ("lna", "involved")]
            elif subtype == "detainee_exchange":
                roles += [("gna", "involved"), ("lna", "involved")]
            elif subtype in ("hate_speech", "arrest"):
                perpetrator, accuser = side, other[side]
                roles.append((side, "alleged_perpetrator"))
            elif subtype == "route_reopening":
                roles.append((side, "involved"))
        elif category == "embargo_violation":
            side = "gna" if spot.key in ("misrata-port", "tripoli-port", "misrata-airport", "al-watiya-airbase") \
                else "lna"
            if subtype == "interdiction":
                roles.append(("eu_irini", "involved"))
            else:
                supplier = rng.choice(scenario.SUPPLIER_AT.get(spot.key, ("russia",)))
                roles += [(supplier, "alleged_perpetrator"), (side, "involved")]
                perpetrator, accuser = supplier, other[side]
                party = self.ref.parties[supplier]
                fill["origin_en"], fill["origin_ar"] = text.COUNTRY_NAMES.get(supplier, (party.name_en, party.name_ar))
        fill.setdefault("actor", perpetrator or "gna")
        return roles, perpetrator, accuser, fill

    def incident(self, date: dt.date, category: str, western_front: bool) -> Plan:
        rng = self.rng
        subtype = weighted(rng, scenario.SUBTYPES[category])
        spot = self.spot(category, subtype, western_front)
        start, end, precision = self.window(date, category, subtype)
        roles, perpetrator, accuser, fill = self.parties(category, subtype, spot)
        distances = [distance_km((spot.lat, spot.lon), p) for p in self.team_points]
        team = min(range(len(distances)), key=distances.__getitem__)
        plan = Plan(category, subtype, start, end, precision, spot,
                    [(self.ref.parties[k], r) for k, r in roles],
                    self.ref.parties[perpetrator] if perpetrator else None, accuser,
                    team if distances[team] < 90 else None, fill)
        if subtype in scenario.CASUALTIES:
            killed_max, injured_max, chance = scenario.CASUALTIES[subtype]
            if rng.random() < chance:
                k = rng.randint(0, killed_max)
                i = rng.randint(1 if k == 0 else 0, injured_max)
                plan.killed = (k, k + (rng.random() < 0.3))
                plan.injured = (i, i + rng.choice((0, 0, 1, 2)))
        return plan

    # what follows

    def follow_up(self, plan: Plan, age: int) -> None:
        rng = self.rng
        cat = plan.category
        desk_chance = {"ceasefire_violation": 0.25, "foreign_forces": 0.3, "explosive_hazard": 0.2,
                       "movement_restriction": 0.0}.get(cat, 1.0)
        plan.desk = plan.team is None or rng.random() < desk_chance
        if plan.subtype == "materiel_sighting" and plan.team is not None:
            plan.desk = False
        if not plan.desk and cat != "movement_restriction":
            plan.observations = 2 if rng.random() < 0.3 else 1
        if plan.accuser and rng.random() < (0.55 if cat == "ceasefire_violation" else 0.35):
            plan.allegation = plan.accuser
            plan.response = rng.random() < 0.5
        elif cat in ("ceasefire_violation", "explosive_hazard") and rng.random() < 0.25:
            plan.allegation = rng.choice(("media", "public"))
        plan.news = (plan.desk and plan.allegation is None) or rng.random() < 0.15
        plan.testimony = cat in ("ceasefire_violation", "explosive_hazard") and rng.random() < 0.12
        plan.imagery = cat == "foreign_forces" and plan.desk and rng.random() < 0.6
        if plan.observations and rng.random() < 0.09:
            plan.evidence = rng.choice(("photo", "photo", "log"))
        level = round(age / 6 + rng.gauss(0, 1.1))
        plan.level = max(0, min(5, level))
        if cat == "political" and plan.level >= 1:
            plan.closed_early, plan.level = True, 5
        elif plan.level >= 2 and rng.random() < 0.05:
            plan.closed_early, plan.level = True, 5
        elif plan.level == 5 and rng.random() < 0.04:
            plan.reopened = True
