"""Writing the synthetic month of mission activity around Sirte through the domain services.

The month is planned first (:mod:`raqib.demo.planning`), then written with the demo users as
actors (monitor in the field, verifier at the desk, chief for reviews and closures), so the
audit chain reads like a real mission's. Every incident and observation is marked synthetic.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import unicodedata
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from raqib.accounts.models import User
from raqib.core.errors import Conflict
from raqib.demo import files, modules, scenario, text
from raqib.demo.planning import Plan, Planner, Reference, bearing, move, weighted
from raqib.demo.users import DEMO_USERS, ensure_users
from raqib.incidents import services as incidents
from raqib.incidents.models import Incident, Observation, Source
from raqib.mission.models import Monitor, Team
from raqib.mission.services import create_monitor, create_team
from raqib.profiles import Progress
from raqib.verification import services as verification
from raqib.verification.models import Verification

COUNT_KEYS = ("monitors", "teams", "incidents", "observations", "allegations", "sources", "evidence",
              "assignments", "transitions")
FIELD_CATEGORIES = ("ceasefire_violation", "foreign_forces", "explosive_hazard", "movement_restriction")
STATES = ("received", "triaged", "under_verification", "findings_drafted", "reviewed", "closed")
BATCH = 100


# --- writing -----------------------------------------------------------------------------


class Writer:
    def __init__(self, ref: Reference, rng: random.Random, users: dict[str, User], progress: Progress | None,
                 total: int) -> None:
        self.ref, self.rng, self.users = ref, rng, users
        self.progress, self.total = progress, total
        self.counts = dict.fromkeys(COUNT_KEYS, 0)
        self.teams: list[Team] = []
        self.members: list[list[Monitor]] = []

    def step(self, kind: str, description: str, n: int = 1) -> None:
        self.counts[kind] += n
        if self.progress is not None:
            self.progress(n, self.total, description)

    # monitors and teams

    def mission(self) -> None:
        chief, rng = self.users["chief"], self.rng
        description = _("Monitors and teams")
        per_team = len(scenario.ROSTER) // len(scenario.TEAMS)
        for t, (name, _name_ar, _base, zone_key, prefix) in enumerate(scenario.TEAMS):
            members = []
            for m, row in enumerate(scenario.ROSTER[t * per_team:(t + 1) * per_team]):
                person, organisation, jmc_side, background, languages, nationality = row
                user = None
                if (t, m) == (0, 0):
                    user = self.users["team_leader"]
                elif (t, m) == (0, 1):
                    user = self.users["monitor"]
                handle = _handle(person)
                contact = f"+218 91 {rng.randint(100, 999)} {rng.randint(1000, 9999)}" if organisation == "jmc" \
                    else f"{handle}@monitors.example"
                members.append(create_monitor({
                    "user": user, "name": person, "callsign": f"{prefix}-{m + 1:02d}", "organisation": organisation,
                    "jmc_side": self.ref.parties[jmc_side] if jmc_side else None, "background": background,
                    "languages": list(languages), "nationality": nationality, "contact": contact,
                    "active_from": dt.date(2020, 12, 28) + dt.timedelta(days=rng.randint(0, 6)),
                }, chief))
                self.step("monitors", description)
            self.teams.append(create_team({"name": name, "zone": self.ref.zones[zone_key], "leader": members[0]},
                                          members, chief))
            self.members.append(members)
            self.step("teams", description)

    # incidents

    def description(self, plan: Plan) -> tuple[str, str]:
        rng, spot = self.rng, plan.spot
        place = spot.place
        if spot.km < 1.5:
            at = "at" if place.kind in ("airbase", "airport", "port", "oil_terminal") else "in"
            where_en, where_ar = f"{at} {place.name_en}", f"في {place.name_ar}"
        else:
            direction = round(bearing(self.ref.point(place.key), (spot.lat, spot.lon)) / 45) % 8
            dir_en, dir_ar = text.DIRECTIONS[direction]
            km = max(2, round(spot.km))
            where_en = f"about {km} km {dir_en} of {place.name_en}"
            where_ar = f"على بعد نحو {km} كم {dir_ar} {place.name_ar}"
        actor_en, actor_ar = self.ref.short(plan.fill["actor"])
        target_en, target_ar = self.ref.short(plan.fill.get("target", "gna"))
        team = scenario.TEAMS[plan.team if plan.team is not None else 0]
        weapon = rng.choice(text.WEAPONS.get(plan.subtype, (("weapons", "أسلحة"),)))
        reason = rng.choice(text.REASONS)
        topic = rng.choice(text.JMC_TOPICS)
        values = {
            "where_en": where_en, "where_ar": where_ar, "place_en": place.name_en, "place_ar": place.name_ar,
            "actor_en": actor_en, "actor_ar": actor_ar, "target_en": target_en, "target_ar": target_ar,
            "n": rng.randint(2, 12), "minutes": rng.choice((10, 15, 20, 30, 45, 60)), "hours": rng.choice((2, 4, 6)),
            "area": rng.choice((2500, 5000, 8000, 12000, 20000)), "weapon_en": weapon[0], "weapon_ar": weapon[1],
            "team_en": team[0], "team_ar": team[1], "reason_en": reason[0], "reason_ar": reason[1],
            "topic_en": topic[0], "topic_ar": topic[1], "origin_en": "", "origin_ar": "",
            "dest_en": "", "dest_ar": "",
        }
        values.update({k: v for k, v in plan.fill.items() if k not in ("actor", "target")})
        en, ar = text.INCIDENT[plan.subtype]
        en, ar = en.format(**values), ar.format(**values)
        en = en[0].upper() + en[1:]
        if plan.subtype in scenario.CASUALTIES:
            en, ar = en + " " + _casualties(plan, 0), ar + " " + _casualties(plan, 1)
        return en, ar

    def incidents(self, plans: list[Plan]) -> None:
        rng = self.rng
        data = []
        for plan in plans:
            en, ar = self.description(plan)
            spot = plan.spot
            precision = "approximate" if spot.approximate else ("exact" if not plan.desk else (
                "town" if spot.km < 1.5 else "near"))
            severity = scenario.SEVERITY[plan.subtype] + (1 if plan.killed[1] else 0)
            data.append(incidents.IncidentData(
                category=plan.category, subtype=plan.subtype, occurred_start=plan.start, occurred_end=plan.end,
                time_precision=plan.time_precision, lat=spot.lat, lon=spot.lon, location_precision=precision,
                place=spot.place, parties=plan.parties,
                provisions=[self.ref.provisions[n] for n in scenario.PROVISIONS.get(plan.subtype, ())],
                killed_min=plan.killed[0], killed_max=plan.killed[1],
                injured_min=plan.injured[0], injured_max=plan.injured[1], severity=min(4, severity),
                description_en=en, description_ar=ar,
                original_language="ar" if rng.random() < (0.5 if plan.desk else 0.25) else "en",
                shared_with_jmc=rng.random() < (0.6 if plan.category in FIELD_CATEGORIES else 0.3),
                synthetic=True))
        description = _("Incidents")
        for desk in (False, True):
            actor = self.users["verifier" if desk else "monitor"]
            chosen = [(plan, d) for plan, d in zip(plans, data) if plan.desk == desk]
            for i in range(0, len(chosen), BATCH):
                batch = chosen[i:i + BATCH]
                made = incidents.create_incidents([d for _p, d in batch], actor)
                for (plan, _d), incident in zip(batch, made):
                    plan.incident = incident
                self.step("incidents", description, len(batch))

    # observations

    def observations(self, plans: list[Plan], days: int) -> None:
        description = _("Observations")
        for plan in plans:
            for n in range(plan.observations):
                plan.observation_objs.append(self.observation(plan, second=n > 0))
                self.step("observations", description)
        # Patrols that saw nothing, and events heard that no incident was made of.
        rng = self.rng
        for day in range(0, days, 5):
            for t in range(len(scenario.TEAMS)):
                date = scenario.START + dt.timedelta(days=day + rng.randint(0, min(4, days - day - 1)))
                start = dt.datetime.combine(date, dt.time(rng.randint(7, 10), 0), self.ref.tz).astimezone(dt.UTC)
                heard = rng.random() < 0.3
                base = self.ref.point(scenario.TEAMS[t][2])
                incidents.create_observation({
                    "team": self.teams[t], "monitor": rng.choice(self.members[t]),
                    "method": "heard" if heard else "seen",
                    "event_class": "explosion_undetermined" if heard else "nothing_observed",
                    "observed_start": start, "observed_end": start + dt.timedelta(hours=rng.randint(2, 5)),
                    "observer_lat": base[0], "observer_lon": base[1], "count": rng.randint(1, 3) if heard else 1,
                    "bearing": rng.randrange(0, 360, 5) if heard else None,
                    "distance": "gt10" if heard else "",
                    "notes": "Distant explosions, origin not determined." if heard
                    else "Routine patrol; nothing to report.",
                    "synthetic": True,
                }, self.users["monitor"])
                self.step("observations", description)

    def observation(self, plan: Plan, *, second: bool) -> Observation:
        rng, sub = self.rng, plan.subtype
        assert plan.team is not None and plan.incident is not None
        event, method, weapon, count = "movement", "seen", "", rng.randint(1, 12)
        if sub in ("small_arms_fire", "armed_clash"):
            event = rng.choice(("shots", "shots", "muzzle_flash"))
            method = "heard" if event == "shots" else "seen"
            weapon = rng.choice(("small arms", "heavy machine gun (14.5 mm)", "anti-aircraft gun (23 mm)"))
        elif sub in ("shelling", "air_or_drone_strike"):
            event = rng.choice(("explosion_impact", "explosion_outgoing", "explosion_undetermined"))
            method = rng.choice(("heard", "heard", "seen", "camera"))
            weapon = "unidentified UAV munition" if sub == "air_or_drone_strike" else plan_weapon(rng)
            count = rng.randint(1, 8)
        elif sub in ("remote_explosive", "grenade", "eo_accident"):
            event, method, count = "explosion_undetermined", "heard", 1
        elif sub == "uav_overflight":
            method, weapon, count = rng.choice(("seen", "camera")), "fixed-wing UAV", 1
        elif sub in ("heavy_weapons", "materiel_sighting", "base_activity", "training"):
            event, method = "weapon_sighting", rng.choice(("seen", "uav", "imagery"))
            weapon = rng.choice(("tank", "multiple rocket launcher", "Pantsir air-defence system", "artillery piece"))
        elif plan.category == "explosive_hazard":
            event, method, count = "eo_sighting", "seen", rng.randint(1, 6)
        else:
            method = rng.choice(("seen", "seen", "uav", "camera"))
        if second:
            method = "camera" if method != "camera" else "seen"
        band, km = rng.choice((("lt1", 0.6), ("1-3", 2.0), ("3-5", 4.0), ("5-10", 7.0), ("gt10", 12.0)))
        towards = rng.randrange(0, 360)  # from the observer to the event
        observer = move((plan.spot.lat, plan.spot.lon), (towards + 180) % 360, km)
        members = self.members[plan.team]
        return incidents.create_observation({
            "incident": plan.incident, "team": self.teams[plan.team], "monitor": rng.choice(members[1:]),
            "method": method, "event_class": event, "observed_start": plan.start, "observed_end": plan.end,
            "observer_lat": observer[0], "observer_lon": observer[1], "count": count, "assessed_weapon": weapon,
            "bearing": towards, "distance": band, "lat": plan.spot.lat, "lon": plan.spot.lon,
            "notes": plan.incident.description_en if not second else "Recorded by the team's fixed camera.",
            "synthetic": True,
        }, self.users["monitor"])

    # allegations

    def allegations(self, plans: list[Plan], days: int) -> None:
        rng, description = self.rng, _("Allegations")
        verifier = self.users["verifier"]
        for plan in plans:
            if plan.allegation is None:
                continue
            incident = plan.incident
            assert incident is not None
            received = plan.end + dt.timedelta(hours=rng.randint(1, 20))
            values: dict[str, Any] = {
                "received_at": received, "claimed_start": plan.start - dt.timedelta(minutes=30),
                "claimed_end": plan.end + dt.timedelta(minutes=30), "place": plan.spot.place,
                "lat": round(plan.spot.lat + rng.uniform(-0.02, 0.02), 4),
                "lon": round(plan.spot.lon + rng.uniform(-0.02, 0.02), 4), "category": plan.category,
                "provision": self.ref.provisions.get((scenario.PROVISIONS.get(plan.subtype) or ("",))[0]),
            }
            if plan.allegation in ("gna", "lna"):
                values["claimed_actor"] = self.ref.parties[plan.perpetrator.key if plan.perpetrator and
                                                           plan.perpetrator.kind == "signatory_party"
                                                           else {"gna": "lna", "lna": "gna"}[plan.allegation]]
                arabic = rng.random() < 0.8
                prefix = text.ALLEGATION_PREFIX[1 if arabic else 0]
                values["summary"] = prefix + (incident.description_ar if arabic else incident.description_en)
                values["language"] = "ar" if arabic else "en"
                allegation = incidents.create_allegation(values, self.users[f"liaison_{plan.allegation}"])
            else:
                arabic = rng.random() < 0.6
                prefix = (text.MEDIA_PREFIX if plan.allegation == "media" else text.PUBLIC_PREFIX)[1 if arabic else 0]
                values.update({"filer_kind": plan.allegation, "language": "ar" if arabic else "en",
                               "claimed_actor": plan.perpetrator,
                               "summary": prefix + (incident.description_ar if arabic else incident.description_en)})
                allegation = incidents.create_allegation(values, verifier)
            changes: dict[str, Any] = {"incident": incident}
            if plan.response:
                accused = values["claimed_actor"]
                denial = rng.choice(text.DENIALS)
                short = self.ref.short(accused.key)
                changes["response"] = denial[1].format(party_ar=short[1]) + "\n" + denial[0].format(party_en=short[0])
                changes["response_at"] = received + dt.timedelta(hours=rng.randint(12, 72))
            incidents.update_allegation(allegation, changes, verifier)
            plan.allegation_obj = allegation
            self.step("allegations", description)
        # Complaints the mission could not tie to any incident.
        for _n in range(max(1, days // 4)):
            side = rng.choice(("gna", "lna"))
            accused = {"gna": "lna", "lna": "gna"}[side]
            key = rng.choice(("sirte", "al-jufra-airbase", "abu-grein", "bin-jawad", "waddan"))
            place = self.ref.places[key]
            day = scenario.START + dt.timedelta(days=rng.randrange(days))
            start = dt.datetime.combine(day, dt.time(rng.randint(0, 23), 0), self.ref.tz).astimezone(dt.UTC)
            actor_en, actor_ar = self.ref.short(accused)
            incidents.create_allegation({
                "received_at": start + dt.timedelta(hours=rng.randint(4, 30)), "claimed_start": start,
                "claimed_end": start + dt.timedelta(hours=2), "place": place, "category": "foreign_forces",
                "claimed_actor": self.ref.parties[accused], "provision": self.ref.provisions["2"],
                "summary": f"تفيد معلوماتنا بوصول تعزيزات من المرتزقة إلى {place.name_ar} لصالح {actor_ar}.",
                "language": "ar",
            }, self.users[f"liaison_{side}"])
            self.step("allegations", description)

    # sources and evidence

    def sources(self, plans: list[Plan]) -> None:
        rng, description = self.rng, _("Sources and evidence")
        monitor = self.users["monitor"]
        for plan in plans:
            incident = plan.incident
            assert incident is not None
            first: Source | None = None
            for values, actor in self.source_values(plan):
                source = incidents.add_source(incident, values, actor)
                first = first or source
                self.step("sources", description)
            if plan.evidence:
                when = plan.end + dt.timedelta(hours=1)
                if plan.evidence == "photo":
                    data, name, media = files.photo(rng), f"{incident.reference}-site.png", "image/png"
                    about = "Photo of the site taken by the patrol (synthetic)."
                else:
                    team = scenario.TEAMS[plan.team if plan.team is not None else 0][0]
                    data = files.patrol_log(team, when.astimezone(self.ref.tz).strftime("%Y-%m-%d %H:%M"),
                                            [incident.description_en], [incident.description_ar])
                    name, media, about = f"{incident.reference}-patrol-log.txt", "text/plain", "Patrol log (synthetic)."
                incidents.store_evidence(incident, io.BytesIO(data), name=name, media_type=media, actor=monitor,
                                         source=first, description=about, collected_at=when)
                self.step("evidence", description)

    def source_values(self, plan: Plan) -> list[tuple[dict[str, Any], User]]:
        rng = self.rng
        monitor, verifier = self.users["monitor"], self.users["verifier"]
        out: list[tuple[dict[str, Any], User]] = []
        published = plan.end + dt.timedelta(hours=rng.randint(2, 30))
        if plan.observation_objs:
            team = scenario.TEAMS[plan.team if plan.team is not None else 0][0]
            out.append(({"kind": Source.Kind.OBSERVATION, "reliability": "A", "title": f"Observation by {team}",
                         "observation": plan.observation_objs[0]}, monitor))
        if plan.allegation_obj is not None:
            kind, reliability = {"media": (Source.Kind.NEWS, "C"), "public": (Source.Kind.TESTIMONY, "F")}.get(
                plan.allegation or "", (Source.Kind.ALLEGATION, "D"))
            out.append(({"kind": kind, "reliability": reliability, "allegation": plan.allegation_obj,
                         "title": f"Allegation {plan.allegation_obj.reference}"}, verifier))
        if plan.news:
            outlet = rng.choice(("Local radio station", "Regional news website", "Social media page of a local council",
                                 "Satellite television channel"))
            out.append(({"kind": Source.Kind.NEWS, "reliability": rng.choice("BCD"), "title": f"{outlet} (synthetic)",
                         "published_at": published,
                         "description": "Report summarised by the information desk."}, verifier))
        if plan.testimony:
            witness = rng.randint(1, 400)
            out.append(({"kind": Source.Kind.TESTIMONY, "reliability": rng.choice("CF"),
                         "title": f"Witness W-{witness:03d}",
                         "description": "Witness interviewed by the team; identity withheld.",
                         "identity": f"W-{witness:03d}, resident of {plan.spot.place.name_en} (synthetic)",
                         "contact": f"+218 92 {rng.randint(100, 999)} {rng.randint(1000, 9999)}"}, monitor))
        if plan.imagery:
            out.append(({"kind": Source.Kind.IMAGERY, "reliability": "B", "title": "Commercial satellite imagery",
                         "published_at": published,
                         "description": "Imagery reviewed by the analysis cell (synthetic)."}, verifier))
        return out or [({"kind": Source.Kind.NEWS, "reliability": "C", "title": "Press report (synthetic)",
                         "published_at": published}, verifier)]

    # verification

    def verifications(self, plans: list[Plan]) -> None:
        description = _("Verification")
        verifier, chief = self.users["verifier"], self.users["chief"]
        by_incident = {v.incident_id: v for v in Verification.objects.filter(
            incident__in=[p.incident for p in plans if p.incident is not None])}
        for plan in plans:
            assert plan.incident is not None
            record = by_incident[plan.incident.pk]
            if plan.closed_early:
                verification.transition(record, "triaged", verifier, note="Triaged by the information desk.")
                verification.transition(record, "closed", chief, note=_closing_note(plan))
                self.step("transitions", description, 2)
                continue
            for state in STATES[1:plan.level + 1]:
                findings: dict[str, Any] = {}
                if state == "under_verification":
                    verification.assign(record, verifier, chief)
                    self.step("assignments", description)
                if state == "findings_drafted":
                    findings = self.findings(plan)
                actor = chief if state in ("reviewed", "closed") else verifier
                verification.transition(record, state, actor, note=_note(state, plan), **findings)
                self.step("transitions", description)
            if plan.reopened:
                verification.transition(record, "under_verification", verifier,
                                        note="Reopened: new imagery received.")
                verification.transition(record, "findings_drafted", verifier, note="Findings revised.",
                                        **self.findings(plan))
                self.step("transitions", description, 2)

    def findings(self, plan: Plan) -> dict[str, Any]:
        rng = self.rng
        reason = ""
        if plan.observation_objs:
            outcome = weighted(rng, (("verified", 70), ("partly_verified", 30)))
        else:
            outcome = weighted(rng, (("could_not_be_verified", 45), ("unfounded", 20), ("partly_verified", 20),
                                      ("verified", 15)))
        if outcome == "could_not_be_verified":
            reason = weighted(rng, (("access_denied", 40), ("insufficient_evidence", 40), ("security", 20)))
        attribution, party = "", None
        if outcome in ("verified", "partly_verified"):
            if plan.perpetrator is None:
                attribution = "not_attributable"
            else:
                attribution = weighted(rng, (("party", 60), ("contested", 25), ("not_attributable", 15)))
                party = plan.perpetrator if attribution == "party" else None
        if attribution == "contested":
            confidence = "contested"
        elif outcome == "verified":
            confidence = rng.choice(("confirmed", "fair")) if attribution == "party" else "fair"
        elif outcome == "partly_verified":
            confidence = rng.choice(("fair", "weak"))
        elif outcome == "could_not_be_verified":
            confidence = "weak"
        else:
            confidence = "discounted"
        team = scenario.TEAMS[plan.team][0] if plan.team is not None else "the information desk"
        visit = (plan.end + dt.timedelta(days=rng.randint(1, 3))).astimezone(self.ref.tz).strftime("%d %b %Y")
        basis = {
            "verified": "the team's own observation is corroborated by a second source",
            "partly_verified": "the event is confirmed but not its full extent",
            "could_not_be_verified": {"access_denied": "the team was refused access to the site",
                                      "insufficient_evidence": "no physical trace or second source was found",
                                      "security": "the site could not be reached safely"}.get(reason, ""),
            "unfounded": "no trace of the reported event was found at the site",
        }[outcome]
        return {"outcome": outcome, "outcome_reason": reason, "attribution": attribution, "attributed_party": party,
                "confidence": confidence,
                "findings": f"Reviewed by {team} on {visit}: {basis}. (Synthetic demo finding.)"}


def _handle(person: str) -> str:
    """"Sofia Ramírez" -> "sofia.ramirez", for a synthetic e-mail address."""
    latin = unicodedata.normalize("NFKD", person.split(" (")[0]).encode("ascii", "ignore").decode()
    return ".".join(part for part in re.split(r"[^a-z]+", latin.lower()) if part)


def plan_weapon(rng: random.Random) -> str:
    return rng.choice(("122 mm rocket", "82 mm mortar", "120 mm mortar", "artillery (152 mm)"))


def _range(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _casualties(plan: Plan, lang: int) -> str:
    """The casualty sentence in English (0) or Arabic (1)."""
    parts = [template[lang].format(n=_range(*numbers))
             for template, numbers in ((text.KILLED, plan.killed), (text.INJURED, plan.injured)) if numbers[1]]
    if not parts:
        return text.NO_CASUALTIES[lang]
    return text.CASUALTIES[lang].format(parts=text.AND[lang].join(parts))


def _note(state: str, plan: Plan) -> str:
    return {
        "triaged": f"Triaged: {plan.category.replace('_', ' ')}.",
        "under_verification": "Assigned for verification.",
        "findings_drafted": "Findings drafted.",
        "reviewed": "Findings reviewed by the chief.",
        "closed": "Closed.",
    }[state]


def _closing_note(plan: Plan) -> str:
    if plan.category == "political":
        return "Information only; no verification needed."
    return "Duplicate of an incident already under verification."


# --- entry point -------------------------------------------------------------------------


def generate(progress: Progress | None = None, days: int = 30, seed: int = 2021) -> dict[str, int]:
    """Write a synthetic month (``days`` days from 1 Jan 2021) of mission activity; returns the
    counts written by kind. Does nothing, and returns zeros, when synthetic incidents exist."""
    if days < 1:
        raise ValueError("days must be at least 1")
    if Incident.objects.filter(synthetic=True).exists() or Observation.objects.filter(synthetic=True).exists():
        return dict.fromkeys([*COUNT_KEYS, *modules.count_keys()], 0)
    ref = Reference()
    ensure_users()
    users = {u.username: u for u in User.objects.filter(username__in=[n for n, _r, _p in DEMO_USERS])}
    for name, role, _party in DEMO_USERS:
        if users[name].role != role or not users[name].is_active:
            raise Conflict(_("The demo user “%(name)s” must be an active %(role)s.") % {"name": name, "role": role})
    rng = random.Random(seed)
    plans = Planner(ref, rng, days).month()
    total = (len(scenario.ROSTER) + len(scenario.TEAMS) + len(plans)
             + sum(p.observations for p in plans) + len(scenario.TEAMS) * len(range(0, days, 5))
             + sum(1 for p in plans if p.allegation) + max(1, days // 4)
             + sum(p.sources + bool(p.evidence) + p.transitions + p.assignments for p in plans))
    writer = Writer(ref, rng, users, progress, total)
    with transaction.atomic():
        writer.mission()
        writer.incidents(plans)
        writer.observations(plans, days)
        writer.allegations(plans, days)
        writer.sources(plans)
        writer.verifications(plans)
        ctx = modules.DemoContext(rng=rng, users=users, start=scenario.START, days=days, teams=writer.teams,
                                  monitors=list(Monitor.objects.order_by("pk")))
        module_counts = modules.run(ctx, progress)
    return {**writer.counts, **module_counts}
