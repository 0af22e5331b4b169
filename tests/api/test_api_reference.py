"""Zones, places, parties and provisions: readable by every signed-in user."""

from __future__ import annotations

import pytest

from raqib.core import audit

pytestmark = pytest.mark.django_db


def test_zones_are_listed_as_geojson_features(as_, zone):
    response = as_("public").get_json("/zones")
    assert response.status_code == 200
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    feature = collection["features"][0]
    assert feature["id"] == "sirte-triangle" and feature["geometry"]["type"] == "Polygon"
    assert (feature["properties"]["status"], feature["properties"]["phase"]) == ("active", 1)
    assert feature["properties"]["kind"] == "monitoring_area"
    assert as_("public").get_json("/zones", status="planned").json()["features"] == []


def test_a_zone_is_read_by_key(as_, zone):
    assert as_("liaison_gna").get_json("/zones/sirte-triangle").json()["properties"]["name_ar"] == "مثلث سرت"
    assert as_("liaison_gna").get_json("/zones/nowhere").status_code == 404


def test_the_chief_suspends_a_zone(as_, zone):
    response = as_("chief").post_json("/zones/sirte-triangle/transition", {"status": "suspended", "note": "shelling"})
    assert response.status_code == 200
    assert response.json()["properties"]["status"] == "suspended"
    zone.refresh_from_db()
    assert zone.status == "suspended"
    assert list(audit.verify()) == []


@pytest.mark.parametrize("who,status,code", [
    ("verifier", "suspended", 403), ("liaison_lna", "suspended", 403), ("chief", "planned", 409),
    ("chief", "vanished", 400), ("chief", "", 422),
])
def test_a_zone_change_is_refused_to_the_wrong_people_or_moves(as_, zone, who, status, code):
    assert as_(who).post_json("/zones/sirte-triangle/transition", {"status": status}).status_code == code
    zone.refresh_from_db()
    assert zone.status == "active"


@pytest.mark.parametrize("query,expected", [
    ("سرت", "sirte"), ("Surt", "sirte"), ("sirte", "sirte"), ("SIRT", "sirte"),
    ("أجدابيا", "ajdabiya"), ("اجدابيا", "ajdabiya"),  # with and without hamza
    ("مصراتة", "misrata"), ("مصراته", "misrata"),  # ta marbuta and ha
    ("مِصْرَاتَة", "misrata"),  # with diacritics
])
def test_places_are_found_by_arabic_or_english_name_or_variant(as_, places, query, expected):
    response = as_("public").get_json("/places", q=query)
    assert response.status_code == 200
    assert [p["key"] for p in response.json()["items"]] == [expected]


def test_a_place_is_read_by_key_with_its_names(as_, places):
    body = as_("monitor").get_json("/places/sirte").json()
    assert set(body["names"]) == {"Sirte", "سرت", "Surt", "Sirt"}
    assert as_("monitor").get_json("/places/atlantis").status_code == 404


def test_parties_are_listed_with_their_aliases(as_, parties):
    items = as_("liaison_gna").get_json("/parties").json()["items"]
    assert [p["key"] for p in items] == ["gna", "lna", "wagner"]
    lna = as_("public").get_json("/parties/lna").json()
    assert {"name": "Haftar forces", "lang": "en"} in lna["aliases"]
    assert {"name": "قوات حفتر", "lang": "ar"} in lna["aliases"]
    assert as_("public").get_json("/parties/martians").status_code == 404


def test_provisions_carry_their_deadline_as_a_date(as_, provisions):
    items = as_("public").get_json("/provisions").json()["items"]
    withdrawal = next(p for p in items if p["number"] == "2")
    assert withdrawal["deadline"] == "2021-01-23"  # three months after 23 October 2020
    assert withdrawal["obligated_parties"] == ["gna", "lna"]
    one = as_("public").get_json(f"/provisions/{withdrawal['id']}").json()
    assert one == withdrawal
    assert as_("public").get_json("/provisions", category="ceasefire").json()["items"][0]["number"] == "1"


@pytest.mark.parametrize("role", ["monitor", "liaison_lna", "public"])
def test_reference_data_cannot_be_written_through_the_api(as_, zone, role):
    assert as_(role).post_json("/parties", {"key": "x"}).status_code == 405
    assert as_(role).call("DELETE", "/zones/sirte-triangle").status_code == 405
