"""/api/v1/hazards through the real HTTP stack."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from raqib.geo.models import Zone
from raqib.hazards.models import EOAccident, EOVictim, HazardArea, LandRelease
from raqib.hazards.services import record_accident, record_release, record_victim

from .conftest import OFF_ROAD, ON_ROAD, ApiClient, square

As = Callable[[str], ApiClient]
MakeHazard = Callable[..., HazardArea]


def hazard_body(**overrides: Any) -> dict[str, Any]:
    body = {"code": "LBY-SRT-0042", "name": "Abu Grein junction", "status": "suspected", "geometry": ON_ROAD,
            "ordnance_types": ["ap_mine", "booby_trap"], "contamination_evidence": "Local reports of mines.",
            "reported_on": "2021-01-05"}
    body.update(overrides)
    return body


def test_a_monitor_records_a_hazard_and_reads_it_back_as_a_feature(as_: As, zone: Zone) -> None:
    response = as_("monitor").post_json("/hazards", hazard_body(geometry=square(16.5887, 31.2089)))

    assert response.status_code == 201, response.content
    feature = response.json()
    assert feature["type"] == "Feature" and feature["id"] == "LBY-SRT-0042"
    assert feature["properties"]["zone"] == "sirte-triangle"
    assert feature["properties"]["next_states"] == ["worked_on", "closed"]
    read = as_("liaison_gna").get_json("/hazards/LBY-SRT-0042").json()
    assert read["geometry"]["type"] == "Polygon" and read["properties"]["releases"] == []


@pytest.mark.parametrize("change, status", [
    ({"geometry": {"type": "Point", "coordinates": [16.4, 31.2]}}, 400),
    ({"ordnance_types": ["napalm"]}, 400),
    ({"status": "probable"}, 400),
    ({"zone": "atlantis"}, 400),
    ({"colour": "red"}, 422),
])
def test_it_refuses_a_bad_hazard(as_: As, db: Any, change: dict[str, Any], status: int) -> None:
    response = as_("monitor").post_json("/hazards", hazard_body(**change))
    assert response.status_code in (status, 400, 422) and "error" in response.json()
    assert not HazardArea.objects.exists()


def test_liaison_officers_and_the_public_may_not_record_hazards(as_: As, db: Any) -> None:
    assert as_("liaison_gna").post_json("/hazards", hazard_body()).status_code == 403
    assert as_("public").post_json("/hazards", hazard_body()).status_code == 403


def test_the_list_filters_by_state_status_and_zone(as_: As, make_hazard: MakeHazard, zone: Zone) -> None:
    in_zone = make_hazard(geometry=square(16.5887, 31.2089))
    worked = make_hazard(status="suspected", geometry=OFF_ROAD, area_m2=10_000)
    record_release(worked, {"method": "non_technical_survey", "area_m2": 4_000, "operator": "LibMAC",
                            "started_on": dt.date(2021, 1, 2), "finished_on": dt.date(2021, 1, 3)}, None)
    client = as_("liaison_lna")

    def codes(**params: Any) -> list[str]:
        return [f["id"] for f in client.get_json("/hazards", **params).json()["features"]]

    assert codes() == [in_zone.code, worked.code]
    assert codes(state="worked_on") == [worked.code]
    assert codes(status="confirmed") == [in_zone.code]
    assert codes(zone="sirte-triangle") == [in_zone.code]
    listed = client.get_json("/hazards", state="worked_on").json()["features"][0]["properties"]
    assert listed["released_m2"] == 4_000 and listed["remaining_m2"] == 6_000


def test_the_public_sees_no_hazards(as_: As, make_hazard: MakeHazard) -> None:
    make_hazard()
    assert as_("public").get_json("/hazards").status_code == 403
    assert as_("public").get_json("/hazards/LBY-SRT-0001").status_code == 404


def test_an_analyst_moves_a_hazard_and_an_illegal_move_is_409(as_: As, make_hazard: MakeHazard) -> None:
    hazard = make_hazard()
    assert as_("monitor").post_json(f"/hazards/{hazard.code}/transition", {"state": "closed"}).status_code == 403
    assert as_("liaison_gna").post_json(f"/hazards/{hazard.code}/transition", {"state": "closed"}).status_code == 403

    response = as_("verifier").post_json(f"/hazards/{hazard.code}/transition", {"state": "closed", "note": "done"})
    assert response.status_code == 200 and response.json()["properties"]["state"] == "closed"

    again = as_("verifier").post_json(f"/hazards/{hazard.code}/transition", {"state": "worked_on"})
    assert again.status_code == 409 and "closed" in again.json()["error"]
    hazard.refresh_from_db()
    assert hazard.state == "closed"


def test_land_release_through_the_api_closes_the_hazard(as_: As, make_hazard: MakeHazard) -> None:
    hazard = make_hazard(area_m2=5_000)
    path = f"/hazards/{hazard.code}/land-releases"
    body = {"method": "clearance", "area_m2": 5_000, "items_found": 3, "items_destroyed": 3,
            "operator": "Free Fields Foundation", "started_on": "2021-01-10", "finished_on": "2021-01-20"}

    wrong = as_("team_leader").post_json(path, {**body, "outcome": "reduced"})
    assert wrong.status_code == 400 and "IMAS" in wrong.json()["error"]
    response = as_("team_leader").post_json(path, body)

    assert response.status_code == 201 and response.json()["outcome"] == "cleared"
    hazard.refresh_from_db()
    assert hazard.state == "closed"
    assert [r["operator"] for r in as_("liaison_gna").get_json(path).json()["items"]] == ["Free Fields Foundation"]
    assert as_("liaison_gna").post_json(path, body).status_code == 403


def test_the_summary_counts_states_and_land_released_by_method(as_: As, make_hazard: MakeHazard) -> None:
    first, second = make_hazard(area_m2=50_000), make_hazard(area_m2=50_000)
    for hazard, method, area in ((first, "non_technical_survey", 30_000), (second, "technical_survey", 2_000),
                                 (second, "clearance", 500)):
        record_release(hazard, {"method": method, "area_m2": area, "operator": "UNMAS", "items_found": 0,
                                "started_on": dt.date(2021, 1, 4), "finished_on": dt.date(2021, 1, 6)}, None)
    make_hazard()

    summary = as_("chief").get_json("/hazards/summary").json()

    assert summary["by_state"] == {"active": 1, "worked_on": 2, "closed": 0}
    assert summary["released_m2_by_method"] == {"non_technical_survey": 30_000, "technical_survey": 2_000,
                                                "clearance": 500}


def test_staff_record_an_accident_with_its_victims(as_: As, make_hazard: MakeHazard) -> None:
    hazard = make_hazard()
    body = {"occurred_at": "2021-01-14T09:30:00+02:00", "lat": 31.2075, "lon": 16.423, "hazard": hazard.code,
            "ordnance_type": "at_mine", "activity": "travelling", "description": "A car struck a mine.",
            "victims": [{"category": "civilian", "outcome": "killed", "sex": "male", "age_group": "adult"},
                        {"category": "civilian", "outcome": "injured", "age_group": "child"}]}

    response = as_("monitor").post_json("/hazards/accidents", body)

    assert response.status_code == 201, response.content
    created = response.json()
    assert created["killed"] == 1 and created["injured"] == 1 and created["hazard"] == hazard.code
    more = as_("monitor").post_json(f"/hazards/accidents/{created['id']}/victims",
                                    {"category": "deminer", "outcome": "injured"})
    assert more.status_code == 201
    assert as_("verifier").get_json(f"/hazards/accidents/{created['id']}").json()["injured"] == 2
    assert EOVictim.objects.count() == 3


def test_a_bad_victim_leaves_no_accident_behind(as_: As, db: Any) -> None:
    body = {"occurred_at": "2021-01-14T09:30:00Z", "victims": [{"category": "civilian", "outcome": "wounded"}]}
    assert as_("monitor").post_json("/hazards/accidents", body).status_code == 400
    assert not EOAccident.objects.exists()


def test_victims_are_hidden_from_liaison_officers_and_the_public(as_: As, make_hazard: MakeHazard) -> None:
    accident = record_accident({"occurred_at": dt.datetime(2021, 1, 14, 9, tzinfo=dt.UTC),
                                "hazard": make_hazard()}, None)
    record_victim(accident, {"category": "civilian", "outcome": "killed"}, None)
    for name in ("liaison_gna", "liaison_lna", "public"):
        assert as_(name).get_json("/hazards/accidents").status_code == 403
        assert as_(name).get_json(f"/hazards/accidents/{accident.pk}").status_code == 404
        assert as_(name).post_json(f"/hazards/accidents/{accident.pk}/victims",
                                   {"category": "civilian", "outcome": "killed"}).status_code == 404
        assert as_(name).post_json("/hazards/accidents", {"occurred_at": "2021-01-14T09:30:00Z"}).status_code == 403
    assert EOVictim.objects.count() == 1
    assert not LandRelease.objects.exists()


def test_the_corridor_refusal_reaches_the_zone_api_as_409(as_: As, ready_corridor: Zone,
                                                         make_hazard: MakeHazard) -> None:
    make_hazard(code="LBY-SRT-0009")
    response = as_("chief").post_json("/zones/coastal-road/transition", {"status": "active"})
    assert response.status_code == 409 and "LBY-SRT-0009" in response.json()["error"]
    ready_corridor.refresh_from_db()
    assert ready_corridor.status == "assessment"


def test_a_monitor_corrects_a_hazards_area_and_a_confirmed_one_is_not_downgraded(
        as_: As, make_hazard: MakeHazard) -> None:
    hazard = make_hazard(area_m2=1_000, status="suspected")
    client = as_("monitor")

    response = client.generic("PATCH", f"/api/v1/hazards/{hazard.code}",
                              '{"area_m2": 12000, "status": "confirmed", "note": "survey measured it"}',
                              content_type="application/json")
    assert response.status_code == 200 and response.json()["properties"]["area_m2"] == 12_000
    back = client.generic("PATCH", f"/api/v1/hazards/{hazard.code}", '{"status": "suspected"}',
                          content_type="application/json")
    assert back.status_code == 409
    assert as_("liaison_gna").generic("PATCH", f"/api/v1/hazards/{hazard.code}", '{"name": "x"}',
                                      content_type="application/json").status_code == 403
    null = client.generic("PATCH", f"/api/v1/hazards/{hazard.code}", '{"name": null}', content_type="application/json")
    assert null.status_code in (400, 422)
    hazard.refresh_from_db()
    assert (hazard.area_m2, hazard.status, hazard.name) == (12_000, "confirmed", "Wadi Jarif junction")
