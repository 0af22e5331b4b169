from __future__ import annotations

import datetime as dt

from raqib.geo.services import access_routes, recommended_next_zone, zone_indicators
from .support import IN_JUFRA, SIRTE, square

NOW = dt.datetime(2021, 1, 20, 12, 0, tzinfo=dt.UTC)
WINDOW_START = NOW - dt.timedelta(days=14)
SECOND = dt.timedelta(seconds=1)


def test_verified_violations_count_exactly_the_window_both_ends_included(zone, verified, users):
    counted = [verified(occurred_start=WINDOW_START), verified(occurred_start=NOW - dt.timedelta(days=3)),
               verified(occurred_start=NOW, outcome="partly_verified", state="closed")]
    verified(occurred_start=WINDOW_START - SECOND)  # a second too early
    verified(occurred_start=NOW + SECOND)  # after now

    indicators = zone_indicators(zone, NOW)

    assert indicators["verified_violations"] == len(counted) == 3
    assert (indicators["since"], indicators["until"]) == (WINDOW_START, NOW)


def test_only_reviewed_verified_ceasefire_violations_in_the_zone_count(zone, jufra, verified, make_incident):
    when = NOW - dt.timedelta(days=2)
    verified(occurred_start=when)
    verified(occurred_start=when, outcome="unfounded")
    verified(occurred_start=when, state="findings_drafted")  # not reviewed yet
    make_incident(occurred_start=when)  # received, never verified
    verified(occurred_start=when, category="foreign_forces", subtype="arrival")
    verified(occurred_start=when, lat=IN_JUFRA[0], lon=IN_JUFRA[1])  # in the other zone

    assert zone_indicators(zone, NOW)["verified_violations"] == 1
    assert zone_indicators(jufra, NOW)["verified_violations"] == 1


def test_restrictions_count_exactly_the_window_both_ends_included(zone, jufra, users, parties):
    from raqib.movement.services import create_restriction

    def restriction(at: dt.datetime, lat: float = SIRTE[0], lon: float = SIRTE[1]) -> None:
        create_restriction({"kind": "denial", "party": parties["lna"], "occurred_at": at, "lat": lat, "lon": lon,
                            "task_affected": "Patrol"}, users["monitor"])

    restriction(WINDOW_START)
    restriction(NOW)
    restriction(WINDOW_START - SECOND)
    restriction(NOW + SECOND)
    restriction(NOW - dt.timedelta(days=1), *IN_JUFRA)

    assert zone_indicators(zone, NOW)["restrictions"] == 2
    assert zone_indicators(jufra, NOW)["restrictions"] == 1


def test_confirmed_open_hazards_on_the_access_routes_count_once(zone, make_zone, users):
    from raqib.hazards.services import create_hazard, transition_hazard

    make_zone("coastal-road", kind="corridor", phase=1,
              geometry={"type": "LineString", "coordinates": [[15.0, 31.1], [16.6, 31.2], [18.0, 31.1]]})
    make_zone("coastal-road-east", kind="corridor", phase=1,  # meets the first at 16.6, 31.2
              geometry={"type": "LineString", "coordinates": [[16.6, 31.2], [17.0, 31.25]]})
    make_zone("far-road", kind="corridor", phase=1,
              geometry={"type": "LineString", "coordinates": [[20.0, 32.0], [20.5, 32.5]]})

    def hazard(code: str, lon: float, lat: float, status: str = "confirmed") -> object:
        return create_hazard({"code": code, "name": "Verge", "status": status, "reported_on": dt.date(2021, 1, 4),
                              "geometry": square(lon - 0.005, lat - 0.005, 0.01)}, users["chief"])

    hazard("LBY-SRT-0001", 16.6, 31.2)  # on both corridors: counted once
    hazard("LBY-SRT-0002", 15.5, 31.13125)
    hazard("LBY-SRT-0003", 15.8, 31.15, status="suspected")
    transition_hazard(hazard("LBY-SRT-0004", 17.5, 31.136), "closed", users["chief"])
    hazard("LBY-BEN-0001", 20.25, 32.25)  # on a road that does not lead to the zone

    assert zone_indicators(zone, NOW)["hazards"] == 2


def test_the_access_routes_are_the_corridors_crossing_or_touching_the_zone(zone, make_zone):
    crossing = make_zone("coastal-road", kind="corridor", phase=1,
                         geometry={"type": "LineString", "coordinates": [[15.0, 31.1], [16.6, 31.2], [18.0, 31.1]]})
    ending_near = make_zone("sokna-road", kind="corridor", phase=1,  # stops 0.02° short of the edge
                            geometry={"type": "LineString", "coordinates": [[16.5, 30.98], [16.4, 30.2]]})
    make_zone("far-road", kind="corridor", phase=1,
              geometry={"type": "LineString", "coordinates": [[20.0, 32.0], [20.5, 32.5]]})

    assert access_routes(zone) == [crossing, ending_near]
    assert zone_indicators(zone, NOW)["access_routes"] == ["coastal-road", "sokna-road"]
    assert access_routes(crossing)[0] == crossing


def test_the_next_zone_is_of_the_lowest_waiting_phase_with_the_most_items_met(zone, make_zone, meet):
    meet(zone)  # active already: not a candidate
    later = make_zone("oil-crescent", phase=3, status="planned", geometry=square(18.3, 30.4))
    meet(later)  # every item met, but phase 3 waits for phase 2
    fewer = make_zone("aaa-fewer-met", phase=2, status="assessment", geometry=square(15.0, 28.0))
    meet(fewer, "security")
    more = make_zone("zzz-more-met", phase=2, status="planned", geometry=square(14.0, 28.0))
    meet(more, "security", "logistics")

    assert recommended_next_zone(NOW) == more


def test_a_tie_on_readiness_goes_to_the_fewest_violations_then_to_the_key(make_zone, meet, verified):
    quiet = make_zone("b-quiet", phase=2, geometry=square(14.0, 28.0))
    noisy = make_zone("a-noisy", phase=2, status="planned", geometry=square(16.0, 30.9, 0.8))
    meet(quiet, "security")
    meet(noisy, "security")
    verified(occurred_start=NOW - dt.timedelta(days=1), lat=SIRTE[0], lon=SIRTE[1])
    assert zone_indicators(noisy, NOW)["verified_violations"] == 1

    assert recommended_next_zone(NOW) == quiet
    # Fifteen days later the violation has left the window: the keys decide.
    assert recommended_next_zone(NOW + dt.timedelta(days=15)) == noisy


def test_only_waiting_monitoring_areas_are_recommended(zone, make_zone):
    make_zone("coastal-road", kind="corridor", phase=1, status="assessment",
              geometry={"type": "LineString", "coordinates": [[15.0, 31.1], [18.0, 31.1]]})
    make_zone("assembly-sirte", kind="assembly_point", phase=1, status="planned", geometry=square(14.0, 28.0))
    assert recommended_next_zone(NOW) is None
