"""The explosive-hazards pages: who sees what, and the forms that record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from raqib.hazards.models import EOAccident, EOVictim, HazardArea, LandRelease
from raqib.hazards.services import record_accident, record_victim

from .conftest import ON_ROAD

PageAs = Callable[[str], Client]
MakeHazard = Callable[..., HazardArea]


@pytest.mark.parametrize("name", ["monitor", "verifier", "chief", "liaison_gna", "liaison_lna"])
def test_staff_and_liaison_officers_see_the_hazard_list_detail_and_map(page_as: PageAs, make_hazard: MakeHazard,
                                                                       name: str) -> None:
    hazard = make_hazard()
    client = page_as(name)

    listing = client.get("/hazards/")
    assert listing.status_code == 200 and hazard.code in listing.content.decode()
    assert client.get(f"/hazards/{hazard.pk}/").status_code == 200
    layer = client.get("/map/hazards.geojson").json()
    assert [f["properties"]["code"] for f in layer["features"]] == [hazard.code]


def test_the_public_sees_no_hazard_page(page_as: PageAs, make_hazard: MakeHazard) -> None:
    hazard = make_hazard()
    client = page_as("public")
    for path in ("/hazards/", f"/hazards/{hazard.pk}/", "/map/hazards.geojson", "/hazards/accidents/"):
        assert client.get(path).status_code == 403


def test_liaison_officers_never_see_accidents_or_victims(page_as: PageAs, make_hazard: MakeHazard) -> None:
    hazard = make_hazard()
    accident = record_accident({"occurred_at": dt.datetime(2021, 1, 14, 9, tzinfo=dt.UTC), "hazard": hazard}, None)
    record_victim(accident, {"category": "civilian", "outcome": "killed"}, None)
    client = page_as("liaison_gna")

    assert client.get("/hazards/accidents/").status_code == 403
    assert client.get(f"/hazards/accidents/{accident.pk}/").status_code == 403
    assert client.post(f"/hazards/accidents/{accident.pk}/victims/",
                       {"category": "civilian", "outcome": "killed"}).status_code == 403
    detail = client.get(f"/hazards/{hazard.pk}/").content.decode()
    assert accident.reference not in detail and "Accidents and victims" not in client.get("/hazards/").content.decode()
    assert EOVictim.objects.count() == 1


def test_a_monitor_records_a_hazard_through_the_form(page_as: PageAs, db: Any) -> None:
    import json

    response = page_as("monitor").post("/hazards/new/", {
        "code": "LBY-SRT-0077", "name": "Wadi Jarif", "status": "confirmed", "ordnance_types": ["at_mine", "uxo"],
        "reported_on": "2021-01-06", "geometry": json.dumps(ON_ROAD), "contamination_evidence": "Mines seen."})

    hazard = HazardArea.objects.get(code="LBY-SRT-0077")
    assert response.status_code == 302 and response["Location"] == f"/hazards/{hazard.pk}/"
    assert hazard.ordnance_types == ["at_mine", "uxo"]


def test_the_form_shows_why_a_polygon_is_refused(page_as: PageAs, db: Any) -> None:
    response = page_as("monitor").post("/hazards/new/", {
        "code": "LBY-SRT-0077", "name": "Wadi Jarif", "status": "confirmed", "reported_on": "2021-01-06",
        "geometry": '{"type": "Point", "coordinates": [16.4, 31.2]}'})
    assert response.status_code == 400 and "Polygon" in response.content.decode()
    assert not HazardArea.objects.exists()


def test_a_liaison_officer_may_not_record_a_hazard(page_as: PageAs, db: Any) -> None:
    assert page_as("liaison_gna").get("/hazards/new/").status_code == 403


def test_land_release_recorded_on_the_page_moves_the_hazard(page_as: PageAs, make_hazard: MakeHazard) -> None:
    hazard = make_hazard(area_m2=10_000)
    response = page_as("team_leader").post(f"/hazards/{hazard.pk}/releases/", {
        "method": "technical_survey", "area_m2": "2500", "items_found": "1", "items_destroyed": "1",
        "operator": "Libyan Mine Action Centre (LibMAC)", "started_on": "2021-01-11", "finished_on": "2021-01-12"})

    assert response.status_code == 302
    hazard.refresh_from_db()
    assert hazard.state == "worked_on"
    assert LandRelease.objects.get().outcome == "reduced"
    page = page_as("liaison_lna").get(f"/hazards/{hazard.pk}/").content.decode()
    assert "Libyan Mine Action Centre (LibMAC)" in page and "7500" in page


def test_a_refused_release_is_shown_on_the_page(page_as: PageAs, make_hazard: MakeHazard) -> None:
    hazard = make_hazard(area_m2=1_000)
    response = page_as("monitor").post(f"/hazards/{hazard.pk}/releases/", {
        "method": "clearance", "area_m2": "5000", "items_found": "0", "items_destroyed": "0",
        "operator": "UNMAS", "started_on": "2021-01-11", "finished_on": "2021-01-12"})
    assert response.status_code == 400 and "remain" in response.content.decode()
    assert not LandRelease.objects.exists()


def test_only_analysts_change_the_state_on_the_page(page_as: PageAs, make_hazard: MakeHazard) -> None:
    hazard = make_hazard()
    assert page_as("monitor").post(f"/hazards/{hazard.pk}/state/", {"state": "closed"}).status_code == 403
    assert page_as("chief").post(f"/hazards/{hazard.pk}/state/", {"state": "closed"}).status_code == 302
    hazard.refresh_from_db()
    assert hazard.state == "closed"


def test_staff_record_an_accident_and_a_victim_on_the_pages(page_as: PageAs, make_hazard: MakeHazard) -> None:
    hazard = make_hazard()
    client = page_as("monitor")
    response = client.post("/hazards/accidents/", {"occurred_at": "2021-01-14T09:30", "hazard": hazard.code,
                                                   "lat": "31.2075", "lon": "16.423", "ordnance_type": "at_mine",
                                                   "activity": "travelling", "description": "Car on a mine."})
    accident = EOAccident.objects.get()
    assert response.status_code == 302 and accident.hazard == hazard

    client.post(f"/hazards/accidents/{accident.pk}/victims/", {"category": "civilian", "outcome": "injured",
                                                              "sex": "female", "age_group": "child"})
    assert EOVictim.objects.get().age_group == "child"
    assert "child (under 18)" in client.get(f"/hazards/accidents/{accident.pk}/").content.decode()


def test_the_pages_work_in_arabic(page_as: PageAs, make_hazard: MakeHazard) -> None:
    hazard = make_hazard()
    client = page_as("chief")
    client.cookies["django_language"] = "ar"
    response = client.get(f"/hazards/{hazard.pk}/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()
