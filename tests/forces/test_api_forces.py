"""/api/v1/forces and /api/v1/provisions/{id}/compliance through the real HTTP stack."""

from __future__ import annotations

import pytest

from raqib.agreements.models import ComplianceAssessment
from raqib.forces.models import ForceMovement, StrengthEstimate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["liaison_gna", "public"])
def test_liaison_officers_and_the_public_read_nothing_of_the_ledger(as_, ledger, agreement, role):
    client = as_(role)
    for path in ("/forces/contingents", "/forces/totals", "/forces/estimates", "/forces/movements",
                 "/forces/series?start=2021-01-01&end=2021-01-31"):
        assert client.get_json(path).status_code == 403, path
    assert client.get_json("/forces/contingents/wagner").status_code == 404


@pytest.mark.parametrize("role", ["monitor", "team_leader", "verifier", "chief"])
def test_staff_read_the_totals_against_the_baseline(as_, ledger, agreement, provisions, role):
    body = as_(role).get_json("/forces/totals", on="2021-01-20").json()
    assert (body["minimum"], body["maximum"]) == (5210, 7420)
    assert body["contingents"]["turks" if False else "turkish-regulars"] == {"minimum": 10, "maximum": 220}
    assert body["baseline"]["minimum"] == 20000 and body["baseline"]["bases"] == 10
    assert body["baseline"]["deadline"] == "2021-01-23" and body["days_to_deadline"] == 3
    assert body["bases_in_use"] == 2


def test_the_series_and_the_contingent_detail(as_, ledger, agreement):
    client = as_("monitor")
    points = client.get_json("/forces/series", start="2020-12-01", end="2020-12-31", step=15).json()["points"]
    assert [(p["date"], p["minimum"], p["maximum"]) for p in points] == [
        ("2020-12-01", 2500, 3800), ("2020-12-16", 2100, 3400), ("2020-12-31", 2100, 3400)]
    detail = client.get_json("/forces/contingents/wagner", on="2021-01-10").json()
    assert detail["current"] == {"minimum": 2500, "maximum": 2500}
    assert detail["sponsor"] == "russia" and detail["bases"] == ["al-jufra-airbase"]
    assert len(detail["estimates"]) == 3 and len(detail["movements"]) == 4
    assert client.get_json("/forces/series", start="2021-01-31", end="2021-01-01").status_code == 400


def test_a_monitor_may_not_write_the_ledger(as_, ledger):
    client = as_("monitor")
    r = client.post_json("/forces/contingents/wagner/estimates",
                         {"as_of": "2021-01-25", "minimum": 1, "maximum": 2, "source": "x"})
    assert r.status_code == 403
    r = client.post_json(f"/forces/movements/{ledger['unverified'].pk}/transition", {"state": "verified"})
    assert r.status_code == 403
    ledger["unverified"].refresh_from_db()
    assert ledger["unverified"].state == "unverified"


def test_an_analyst_records_an_estimate_and_a_movement_and_verifies_it(as_, ledger, bases):
    client = as_("verifier")
    r = client.post_json("/forces/contingents/wagner/estimates",
                         {"as_of": "2021-01-25", "minimum": 1800, "maximum": 2100, "basis": "count",
                          "source": "JMC count at al-Jufra"})
    assert r.status_code == 201, r.content
    assert StrengthEstimate.objects.filter(contingent=ledger["wagner"], as_of="2021-01-25", basis="count").exists()
    r = client.post_json("/forces/contingents/wagner/movements",
                         {"kind": "departure", "occurred_on": "2021-01-26", "personnel_min": 300,
                          "personnel_max": 300, "from_place": "al-jufra-airbase", "batch": 1})
    assert r.status_code == 201, r.content
    moved = r.json()
    assert moved["state"] == "reported" and moved["from_place"] == "al-jufra-airbase"
    r = client.post_json(f"/forces/movements/{moved['id']}/transition", {"state": "verified"})
    assert r.json()["state"] == "verified"
    assert client.get_json("/forces/contingents/wagner", on="2021-01-27").json()["current"] == {
        "minimum": 1500, "maximum": 1800}
    r = client.post_json(f"/forces/movements/{moved['id']}/transition", {"state": "reported"})
    assert r.status_code == 409
    assert ForceMovement.objects.get(pk=moved["id"]).state == "verified"


@pytest.mark.parametrize("body", [
    {"as_of": "2021-01-25", "minimum": 5, "maximum": 1, "source": "x"},
    {"as_of": "2021-01-25", "minimum": 1, "maximum": 2, "source": ""},
    {"as_of": "2021-01-25", "minimum": -1, "maximum": 2, "source": "x"},
    {"as_of": "2021-01-25", "minimum": 1, "maximum": 10**12, "source": "x"},
    {"as_of": "2021-01-25", "minimum": 1, "maximum": 2, "source": "x", "colour": "red"},
    {"as_of": "2021-01-25", "minimum": 1, "maximum": 2, "source": "x", "incident": 999999},
])
def test_it_refuses_a_bad_estimate_with_a_4xx(as_, ledger, body):
    r = as_("chief").post_json("/forces/contingents/wagner/estimates", body)
    assert 400 <= r.status_code < 500 and "error" in r.json()
    assert StrengthEstimate.objects.filter(as_of="2021-01-25").count() == 0


def test_an_analyst_adds_a_contingent(as_, foreign, bases):
    r = as_("chief").post_json("/forces/contingents", {
        "key": "sudanese-rsf", "name_en": "Sudanese fighters", "name_ar": "المقاتلون السودانيون",
        "kind": "mercenaries", "sponsor": "lna", "supported_party": "lna", "bases": ["al-jufra-airbase"]})
    assert r.status_code == 201, r.content
    assert r.json()["bases"] == ["al-jufra-airbase"]
    r = as_("chief").post_json("/forces/contingents", {
        "key": "x", "name_en": "X", "name_ar": "X", "kind": "mercenaries", "sponsor": "nobody"})
    assert r.status_code == 400


def test_the_compliance_endpoint_reads_and_the_chief_sets(as_, provisions, ledger):
    media = provisions["media"]
    r = as_("liaison_gna").get_json(f"/provisions/{media.pk}/compliance", on="2021-01-10")
    assert r.status_code == 200 and r.json()["status"] == "not_started"
    assert as_("public").get_json(f"/provisions/{media.pk}/compliance").status_code == 403
    r = as_("verifier").post_json(f"/provisions/{media.pk}/compliance",
                                  {"status": "met", "justification": "Calm.", "assessed_on": "2021-01-10"})
    assert r.status_code == 403
    r = as_("chief").post_json(f"/provisions/{media.pk}/compliance", {"status": "met", "justification": ""})
    assert r.status_code in (400, 422)
    r = as_("chief").post_json(f"/provisions/{media.pk}/compliance",
                               {"status": "met", "justification": "Calm.", "assessed_on": "2021-01-10"})
    assert r.status_code == 201, r.content
    assert r.json()["status"] == "met" and r.json()["history"][0]["set_by"] == "chief"
    assert ComplianceAssessment.objects.count() == 1
    withdrawal = provisions["withdrawal"]
    r = as_("chief").post_json(f"/provisions/{withdrawal.pk}/compliance",
                               {"status": "met", "justification": "They left.", "assessed_on": "2021-01-25"})
    assert r.status_code == 400 and "override" in r.json()["error"]
    staff = as_("monitor").get_json(f"/provisions/{withdrawal.pk}/compliance", on="2021-01-25").json()
    assert staff["status"] == "lapsed" and staff["figures"]["maximum"] == 7420
    liaison = as_("liaison_lna").get_json(f"/provisions/{withdrawal.pk}/compliance", on="2021-01-25").json()
    assert liaison["status"] == "lapsed" and liaison["figures"] == {}
