"""The phased-zone endpoints through the real HTTP stack."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from raqib.core import audit
from raqib.core.models import AuditEntry
from raqib.geo.models import Handover, Zone, ZoneReadiness

from .support import api_client


@pytest.fixture
def as_(tokens):
    return lambda name: api_client(tokens[name])


def test_anyone_signed_in_reads_a_zone_but_the_public_not_its_checklist(as_, jufra):
    assert as_("public").get_json("/zones/jufra-area").status_code == 200
    assert as_("public").get_json("/zones/jufra-area/readiness").status_code == 403
    response = as_("liaison_lna").get_json("/zones/jufra-area/readiness")
    assert response.status_code == 200
    body = response.json()
    assert body["complete"] is False and len(body["items"]) == 6
    assert [i["key"] for i in body["items"]] == ["security", "logistics", "medical", "operational",
                                                 "consent:gna", "consent:lna"]
    assert not any(i["assessed"] for i in body["items"])


def test_the_chief_assesses_an_item_and_it_is_stored(as_, jufra):
    response = as_("chief").post_json("/zones/jufra-area/readiness", {
        "item": "consent", "party": "lna", "met": False, "note": "pending", "assessed_on": "2021-01-12"})
    assert response.status_code == 200, response.json()
    row = ZoneReadiness.objects.get(zone=jufra)
    assert (row.item, row.party.key, row.met, row.note, row.assessed_on) == (
        "consent", "lna", False, "pending", dt.date(2021, 1, 12))
    item = response.json()["items"][5]
    assert (item["key"], item["assessed"], item["assessed_by"]) == ("consent:lna", True, "chief")


@pytest.mark.parametrize("who", ["monitor", "verifier", "liaison_gna", "liaison_lna", "public"])
def test_only_the_chief_or_an_admin_assesses_through_the_api(as_, jufra, who):
    response = as_(who).post_json("/zones/jufra-area/readiness", {"item": "security", "met": True})
    assert response.status_code == 403 and response.json()["error"]
    assert not ZoneReadiness.objects.exists()


@pytest.mark.parametrize("body, message", [
    ({"item": "consent", "met": True}, "name the party"),
    ({"item": "consent", "party": "wagner", "met": True}, "not one"),
    ({"item": "consent", "party": "nobody", "met": True}, "Unknown party"),
    ({"item": "security", "party": "gna", "met": True}, "per party"),
    ({"item": "security", "met": True, "note": "x" * 2001}, "too long"),
    ({"item": "security", "met": True, "assessed_on": "2200-01-01"}, "future"),
])
def test_a_bad_assessment_is_refused_with_a_reason(as_, jufra, body, message):
    response = as_("chief").post_json("/zones/jufra-area/readiness", body)
    assert response.status_code == 400 and message in response.json()["error"]
    assert not ZoneReadiness.objects.exists()


def test_odd_assessments_never_make_a_500(as_, jufra):
    for body in [{}, {"item": "morale", "met": True}, {"item": "security", "met": "maybe"}, [], "x",
                 {"item": "security", "met": True, "extra": 1}, {"item": None, "met": None},
                 {"item": "consent", "party": "x" * 500, "met": True}]:
        response = as_("chief").call("POST", "/zones/jufra-area/readiness", json.dumps(body))
        assert 400 <= response.status_code < 500 and response.json()["error"]
    assert as_("chief").post_json("/zones/no-such-zone/readiness", {"item": "security", "met": True}).status_code == 404


def test_activation_through_the_api_names_the_unmet_items(as_, jufra, meet):
    meet(jufra, "security", "logistics", "medical", "operational", "consent:gna")
    response = as_("chief").post_json("/zones/jufra-area/transition", {"status": "active"})
    assert response.status_code == 409
    assert "Libyan National Army" in response.json()["error"] and "medical" not in response.json()["error"]
    meet(jufra, "consent:lna")
    assert as_("chief").post_json("/zones/jufra-area/transition", {"status": "active"}).status_code == 200
    assert Zone.objects.get(pk=jufra.pk).status == "active"


def test_the_chief_records_a_handover_and_it_shows_in_the_zone_and_the_audit_chain(as_, zone):
    response = as_("chief").post_json("/zones/sirte-triangle/handover", {
        "handed_over_on": "2021-06-01", "receiving_authority_en": "Joint Military Force",
        "receiving_authority_ar": "القوة العسكرية المشتركة"})
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "handed_over"
    assert as_("chief").get_json("/zones/sirte-triangle").json()["properties"]["status"] == "handed_over"
    read = as_("liaison_gna").get_json("/zones/sirte-triangle/handover").json()
    assert (read["handed_over_on"], read["receiving_authority_en"]) == ("2021-06-01", "Joint Military Force")
    entries = as_("chief").get_json("/audit", model="geo.handover").json()
    assert any(e["after"]["receiving_authority_en"] == "Joint Military Force" for e in entries["items"])
    again = as_("chief").post_json("/zones/sirte-triangle/handover", {
        "handed_over_on": "2021-06-02", "receiving_authority_en": "Another"})
    assert again.status_code == 409
    assert list(audit.verify()) == []


@pytest.mark.parametrize("who", ["monitor", "verifier", "liaison_gna", "public"])
def test_only_the_chief_or_an_admin_records_a_handover(as_, zone, who):
    response = as_(who).post_json("/zones/sirte-triangle/handover", {
        "handed_over_on": "2021-06-01", "receiving_authority_en": "Joint Military Force"})
    assert response.status_code == 403
    assert not Handover.objects.exists() and Zone.objects.get(pk=zone.pk).status == "active"


def test_marking_a_zone_handed_over_without_its_handover_is_refused(as_, zone):
    response = as_("chief").post_json("/zones/sirte-triangle/transition", {"status": "handed_over"})
    assert response.status_code == 409 and "Record the handover" in response.json()["error"]
    assert as_("chief").get_json("/zones/sirte-triangle/handover").status_code == 404


def test_staff_read_the_indicators_as_of_a_time_and_others_not(as_, zone, verified):
    verified(occurred_start=dt.datetime(2021, 1, 10, 8, tzinfo=dt.UTC))
    response = as_("monitor").get_json("/zones/sirte-triangle/indicators", at="2021-01-20T12:00:00Z")
    assert response.status_code == 200
    assert response.json()["verified_violations"] == 1
    later = as_("monitor").get_json("/zones/sirte-triangle/indicators", at="2021-01-25T08:00:01Z").json()
    assert later["verified_violations"] == 0
    for who in ("liaison_gna", "public"):
        assert as_(who).get_json("/zones/sirte-triangle/indicators").status_code == 403
    assert as_("monitor").get_json("/zones/sirte-triangle/indicators", at="0001-01-01T00:00:00").status_code == 400


def test_the_recommended_zone_is_served_with_its_rule(as_, zone, jufra, meet):
    meet(jufra, "security")
    response = as_("chief").get_json("/zones/recommended")
    assert response.status_code == 200
    body = response.json()
    assert body["zone"]["id"] == "jufra-area" and "lowest phase" in body["rule"]
    assert as_("public").get_json("/zones/recommended").status_code == 403
