"""Hazardous areas, their state machine and land release, through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from raqib.core.errors import Conflict, Forbidden, IllegalTransition, Invalid
from raqib.core.models import AuditEntry
from raqib.geo.models import Zone
from raqib.hazards.models import HazardArea, LandRelease
from raqib.hazards.services import (area_m2_of, create_hazard, record_release, released_by_method, remaining_m2,
                                    transition_hazard, update_hazard)

from .conftest import ON_ROAD, square

MakeHazard = Callable[..., HazardArea]
JAN = dt.date(2021, 1, 10)


def release(hazard: HazardArea, method: str, area: int, actor: Any = None, **extra: Any) -> LandRelease:
    values = {"method": method, "area_m2": area, "operator": "UNMAS", "started_on": JAN, "finished_on": JAN, **extra}
    return record_release(hazard, values, actor)


def test_it_records_a_hazard_with_its_area_bbox_and_zone(make_hazard: MakeHazard, zone: Zone) -> None:
    hazard = make_hazard(geometry=square(16.5887, 31.2089))

    assert hazard.state == "active" and hazard.status == "confirmed"
    assert hazard.zone == zone  # the polygon's centre is in the Sirte triangle
    assert 160_000 < hazard.area_m2 < 175_000  # 0.004° × 0.004° at 31.2°N ≈ 381 m × 442 m
    assert hazard.min_lon == pytest.approx(16.5867) and hazard.max_lat == pytest.approx(31.2109)
    assert AuditEntry.objects.filter(model="hazards.hazardarea", object_id=str(hazard.pk)).exists()


def test_the_area_of_one_square_kilometre_is_about_a_million_square_metres() -> None:
    from shapely.geometry import shape

    # 0.01° of latitude ≈ 1,106 m; of longitude at 31.2° ≈ 952 m.
    assert area_m2_of(shape(square(16.5, 31.2, 0.005))) == pytest.approx(1_052_700, rel=0.01)


@pytest.mark.parametrize("geometry, message", [
    ({"type": "LineString", "coordinates": [[16.4, 31.2], [16.5, 31.2]]}, "Polygon"),
    ({"type": "Polygon", "coordinates": [[[16.4, 31.2], [16.5, 31.3], [16.5, 31.2], [16.4, 31.3], [16.4, 31.2]]]},
     "invalid"),
    ("not geojson", "Polygon"),
])
def test_it_refuses_a_geometry_that_is_not_a_valid_polygon(make_hazard: MakeHazard, geometry: Any,
                                                           message: str) -> None:
    with pytest.raises(Invalid, match=message):
        make_hazard(geometry=geometry)
    assert not HazardArea.objects.exists()


def test_it_refuses_an_unknown_ordnance_type(make_hazard: MakeHazard) -> None:
    with pytest.raises(Invalid, match="landmine"):
        make_hazard(ordnance_types=["ap_mine", "landmine"])


def test_it_keeps_each_ordnance_type_once_in_a_fixed_order(make_hazard: MakeHazard) -> None:
    assert make_hazard(ordnance_types=["ied", "ap_mine", "ied"]).ordnance_types == ["ap_mine", "ied"]


def test_it_refuses_a_duplicate_code(make_hazard: MakeHazard) -> None:
    make_hazard(code="LBY-SRT-0100")
    with pytest.raises(Conflict):
        make_hazard(code="LBY-SRT-0100")


def test_it_refuses_a_malformed_code(make_hazard: MakeHazard) -> None:
    with pytest.raises(Invalid, match="LBY-SRT-0001"):
        make_hazard(code="lby srt 1")


@pytest.mark.parametrize("start, target", [("active", "active"), ("closed", "worked_on")])
def test_it_refuses_an_illegal_transition(make_hazard: MakeHazard, start: str, target: str) -> None:
    hazard = make_hazard()
    if start == "closed":
        transition_hazard(hazard, "closed", None)
    with pytest.raises(IllegalTransition):
        transition_hazard(hazard, target, None)
    hazard.refresh_from_db()
    assert hazard.state == start


def test_it_follows_legal_transitions_and_reopens_a_closed_hazard(make_hazard: MakeHazard) -> None:
    hazard = make_hazard()
    for state in ("worked_on", "closed", "active"):
        transition_hazard(hazard, state, None, note="new evidence" if state == "active" else "")
        hazard.refresh_from_db()
        assert hazard.state == state


def test_it_refuses_an_unknown_state(make_hazard: MakeHazard) -> None:
    with pytest.raises(Invalid):
        transition_hazard(make_hazard(), "demined", None)


def test_only_analysts_move_a_hazards_state(make_hazard: MakeHazard, users: dict[str, Any]) -> None:
    hazard = make_hazard()
    for name in ("monitor", "team_leader", "liaison_gna", "public"):
        with pytest.raises(Forbidden):
            transition_hazard(hazard, "worked_on", users[name])
    transition_hazard(hazard, "worked_on", users["verifier"])


def test_a_confirmed_hazard_is_never_downgraded_to_suspected(make_hazard: MakeHazard) -> None:
    hazard = make_hazard(status="confirmed")
    with pytest.raises(IllegalTransition):
        update_hazard(hazard, {"status": "suspected"}, None)


@pytest.mark.parametrize("method, outcome", [
    ("non_technical_survey", "reduced"), ("non_technical_survey", "cleared"),
    ("technical_survey", "cancelled"), ("technical_survey", "cleared"),
    ("clearance", "cancelled"), ("clearance", "reduced"),
])
def test_it_refuses_an_outcome_the_method_cannot_give(make_hazard: MakeHazard, method: str, outcome: str) -> None:
    hazard = make_hazard()
    with pytest.raises(Invalid, match="IMAS 08.10"):
        release(hazard, method, 1000, outcome=outcome)
    assert not LandRelease.objects.exists()


@pytest.mark.parametrize("method, outcome", [
    ("non_technical_survey", "cancelled"), ("technical_survey", "reduced"), ("clearance", "cleared")])
def test_the_outcome_follows_from_the_method(make_hazard: MakeHazard, method: str, outcome: str) -> None:
    assert release(make_hazard(), method, 1000).outcome == outcome


def test_it_refuses_an_unknown_method(make_hazard: MakeHazard) -> None:
    with pytest.raises(Invalid):
        release(make_hazard(), "mine_detection_dogs", 1000)


def test_land_with_items_found_is_not_cancelled(make_hazard: MakeHazard) -> None:
    with pytest.raises(Invalid, match="cancelled"):
        release(make_hazard(), "non_technical_survey", 1000, items_found=2)


def test_it_refuses_more_items_destroyed_than_found(make_hazard: MakeHazard) -> None:
    with pytest.raises(Invalid):
        release(make_hazard(), "clearance", 1000, items_found=2, items_destroyed=3)


def test_it_refuses_a_task_that_finishes_before_it_starts(make_hazard: MakeHazard) -> None:
    with pytest.raises(Invalid):
        release(make_hazard(), "clearance", 1000, started_on=JAN, finished_on=JAN - dt.timedelta(days=1))


def test_land_release_works_a_hazard_then_closes_it_when_the_area_is_covered(make_hazard: MakeHazard) -> None:
    hazard = make_hazard(area_m2=10_000)

    release(hazard, "non_technical_survey", 6_000)
    hazard.refresh_from_db()
    assert hazard.state == "worked_on" and remaining_m2(hazard) == 4_000

    release(hazard, "technical_survey", 1_000)
    release(hazard, "clearance", 3_000, items_found=4, items_destroyed=4)
    hazard.refresh_from_db()
    assert hazard.state == "closed" and remaining_m2(hazard) == 0


def test_it_refuses_to_release_more_than_remains(make_hazard: MakeHazard) -> None:
    hazard = make_hazard(area_m2=10_000)
    release(hazard, "clearance", 9_000)
    with pytest.raises(Invalid, match="1000 m²"):
        release(hazard, "clearance", 2_000)
    hazard.refresh_from_db()
    assert hazard.state == "worked_on"


def test_a_closed_hazard_takes_no_more_land_release(make_hazard: MakeHazard) -> None:
    hazard = make_hazard(area_m2=10_000)
    transition_hazard(hazard, "closed", None)
    with pytest.raises(Conflict, match="reopen"):
        release(hazard, "clearance", 100)


def test_items_found_by_technical_survey_confirm_a_suspected_area(make_hazard: MakeHazard) -> None:
    hazard = make_hazard(status="suspected", area_m2=10_000)
    release(hazard, "technical_survey", 2_000, items_found=1, items_destroyed=1)
    hazard.refresh_from_db()
    assert hazard.status == "confirmed"


def test_totals_of_land_released_by_method(make_hazard: MakeHazard) -> None:
    first, second = make_hazard(area_m2=50_000), make_hazard(area_m2=50_000)
    release(first, "non_technical_survey", 20_000)
    release(second, "non_technical_survey", 5_000)
    release(first, "technical_survey", 7_500)
    release(second, "clearance", 1_250, items_found=3, items_destroyed=3)

    assert released_by_method() == {"non_technical_survey": 25_000, "technical_survey": 7_500, "clearance": 1_250}


def test_a_monitor_records_land_release_but_a_liaison_officer_may_not(make_hazard: MakeHazard,
                                                                        users: dict[str, Any]) -> None:
    hazard = make_hazard(area_m2=10_000)
    with pytest.raises(Forbidden):
        release(hazard, "clearance", 100, users["liaison_gna"])
    assert release(hazard, "clearance", 100, users["monitor"]).operator == "UNMAS"


def test_a_hazard_outside_every_zone_has_no_zone(zone: Zone) -> None:
    hazard = create_hazard({"code": "LBY-TRP-0001", "name": "Ain Zara", "geometry": square(13.2, 32.8),
                            "reported_on": JAN}, None)
    assert hazard.zone is None and hazard.status == "suspected"


def test_a_geometry_correction_recomputes_the_area(make_hazard: MakeHazard) -> None:
    hazard = make_hazard(geometry=ON_ROAD)
    before = hazard.area_m2
    update_hazard(hazard, {"geometry": square(16.423, 31.2075, 0.004)}, None)
    hazard.refresh_from_db()
    assert hazard.area_m2 == pytest.approx(4 * before, rel=0.01)
    assert hazard.max_lat == pytest.approx(31.2115)
