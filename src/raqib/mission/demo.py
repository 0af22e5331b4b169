"""The demo's patrols: each team out every two or three days in January 2021, checking in on
schedule and filing a report (the incidents of its zone that day, or "nothing observed"). One
patrol is cancelled for a sandstorm; one, in the Jufra team, misses its check-ins and its
return, is alerted as overdue, acknowledged by the chief, and comes back late."""

from __future__ import annotations

import datetime as dt
from typing import Any

from raqib.demo.modules import DemoContext
from raqib.geo.models import Place
from raqib.incidents.models import Incident
from raqib.mission import services
from raqib.mission.models import Patrol, Team

PURPOSES = (
    "Route patrol along the coastal road and the checkpoints",
    "Visit to the front line positions reported by both parties",
    "Liaison visit to the local JMC sub-committee and the municipality",
    "Verification of reported troop movements south of the town",
    "Check of the separation line and the demining work",
)
NOTHING = (
    "Route driven as planned. Checkpoints manned and calm; no firing heard, no movement of heavy weapons seen.",
    "Quiet day. Talks with the municipality and elders; no incident reported to the team.",
)
BASES = {"Team Sirte": "sirte", "Team Abu Grein": "abu-grein", "Team Jufra": "hun", "Team Bin Jawad": "bin-jawad"}
FALLBACK = (31.2089, 16.5887)


COUNTS = ("patrols", "patrol_check_ins", "patrol_reports", "overdue_alerts")  # step() counts these


def _base(team: Team) -> tuple[float, float]:
    place = Place.objects.filter(key=BASES.get(team.name, ""), lat__isnull=False).first()
    if place is None or place.lat is None or place.lon is None:
        return FALLBACK
    return place.lat, place.lon


def _route(ctx: DemoContext, team: Team) -> list[dict[str, Any]]:
    lat, lon = _base(team)
    route: list[dict[str, Any]] = [{"lat": round(lat, 4), "lon": round(lon, 4), "name": "Base"}]
    for n in range(ctx.rng.randint(2, 4)):
        route.append({"lat": round(lat + ctx.rng.uniform(-0.25, 0.25), 4),
                      "lon": round(lon + ctx.rng.uniform(-0.25, 0.25), 4), "name": f"WP{n + 1}"})
    route.append({"lat": round(lat, 4), "lon": round(lon, 4), "name": "Base"})
    return route


def _actors(ctx: DemoContext, index: int) -> tuple[Any, Any]:
    """Who plans and who checks in: the demo team leader and monitor in the first team, the
    chief for the others (the demo has no user in them)."""
    if index == 0:
        return ctx.users["team_leader"], ctx.users["monitor"]
    return ctx.users["chief"], ctx.users["chief"]


def step(ctx: DemoContext) -> dict[str, int]:
    counts = {"patrols": 0, "patrol_check_ins": 0, "patrol_reports": 0, "overdue_alerts": 0}
    chief = ctx.users["chief"]
    told = [0]  # "nothing observed" reports so far, to vary their wording
    for index, team in enumerate(ctx.teams):
        planner, reporter = _actors(ctx, index)
        day = index % 3
        overdue_from = ctx.days // 2 if index == 2 else None
        cancel_from = 7 if index == 1 else None
        while day < ctx.days:
            date = ctx.start + dt.timedelta(days=day)
            start = dt.datetime.combine(date, dt.time(5, 0), dt.UTC) + dt.timedelta(minutes=ctx.rng.randint(0, 60))
            back_by = start + dt.timedelta(hours=ctx.rng.randint(6, 9))
            interval = ctx.rng.choice((60, 60, 90))
            patrol = services.plan_patrol({
                "team": team, "purpose": ctx.rng.choice(PURPOSES), "route": _route(ctx, team), "planned_start": start,
                "expected_return": back_by, "check_in_interval_minutes": interval}, planner)
            counts["patrols"] += 1
            if cancel_from is not None and day >= cancel_from:
                cancel_from = None
                services.cancel_patrol(patrol, planner, note="Sandstorm: visibility under 200 m on the coastal road.")
            elif overdue_from is not None and day >= overdue_from:
                overdue_from = None
                counts["patrol_check_ins"] += _overdue(ctx, patrol, planner, reporter, chief, counts)
                counts["patrol_reports"] += _report(ctx, patrol, reporter, told)
            else:
                counts["patrol_check_ins"] += _on_schedule(ctx, patrol, planner, reporter)
                counts["patrol_reports"] += _report(ctx, patrol, reporter, told)
            day += ctx.rng.choice((2, 3))
    return counts


def _on_schedule(ctx: DemoContext, patrol: Patrol, planner: Any, reporter: Any) -> int:
    start = patrol.planned_start + dt.timedelta(minutes=ctx.rng.randint(0, 20))
    services.start_patrol(patrol, planner, at=start)
    back = patrol.expected_return - dt.timedelta(minutes=ctx.rng.randint(0, 45))
    at, n = start, 0
    while True:
        at = at + dt.timedelta(minutes=patrol.check_in_interval_minutes - ctx.rng.randint(5, 20))
        if at >= back:
            break
        services.check_in(patrol, {"at": at, "status": "ok", "lat": None, "lon": None, "note": ""}, reporter)
        n += 1
    services.return_patrol(patrol, planner, at=back)
    return n


def _overdue(ctx: DemoContext, patrol: Patrol, planner: Any, reporter: Any, chief: Any,
             counts: dict[str, int]) -> int:
    """Two check-ins, then silence: a missed check-in (alerted, acknowledged), a late call
    (vehicle broken down), a missed return (alerted), and the team back two hours late."""
    start = patrol.planned_start
    services.start_patrol(patrol, planner, at=start)
    at = start
    for _n in range(2):
        at += dt.timedelta(minutes=patrol.check_in_interval_minutes - 10)
        services.check_in(patrol, {"at": at, "status": "ok", "lat": None, "lon": None, "note": ""}, reporter)
    only_this = Patrol.objects.filter(pk=patrol.pk)
    late = at + dt.timedelta(minutes=patrol.check_in_interval_minutes) + services.GRACE + dt.timedelta(minutes=5)
    alerts = services.raise_overdue_alerts(late, qs=only_this, notify=False)
    for alert in alerts:
        services.acknowledge_alert(alert, chief, at=late + dt.timedelta(minutes=10))
    lat, lon = patrol.route[1]["lat"], patrol.route[1]["lon"]
    services.check_in(patrol, {"at": late + dt.timedelta(minutes=25), "status": "delayed", "lat": lat, "lon": lon,
                               "note": "Vehicle broken down between two waypoints; no satellite signal until now. "
                                       "All safe, waiting for the recovery vehicle."}, reporter)
    missed = patrol.expected_return + dt.timedelta(minutes=10)
    alerts += services.raise_overdue_alerts(missed, qs=only_this, notify=False)
    services.return_patrol(patrol, planner, at=patrol.expected_return + dt.timedelta(hours=2))
    counts["overdue_alerts"] += len(alerts)
    return 3


def _report(ctx: DemoContext, patrol: Patrol, reporter: Any, told: list[int]) -> int:
    """Most patrols report; "nothing observed" when their zone had no incident that day."""
    if ctx.rng.random() < 0.15:
        return 0
    seen = list(Incident.objects.filter(zone=patrol.zone, occurred_start__gte=patrol.started_at,
                                        occurred_start__lte=patrol.returned_at).order_by("occurred_start")[:3]) \
        if patrol.zone is not None else []
    filed_at = (patrol.returned_at or patrol.expected_return) + dt.timedelta(minutes=ctx.rng.randint(30, 120))
    if seen:
        summary = f"The team observed or was told of {len(seen)} incident(s) in its zone during the patrol."
        services.file_report(patrol, {"summary": summary, "filed_at": filed_at}, seen, reporter)
    else:
        services.file_report(patrol, {"nothing_observed": True, "summary": NOTHING[told[0] % len(NOTHING)],
                                      "filed_at": filed_at}, [], reporter)
        told[0] += 1
    return 1
