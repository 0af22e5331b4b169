"""The ledger pages and the compliance column of the agreement page, signed in as each role."""

from __future__ import annotations

import pytest

from raqib.agreements.models import ComplianceAssessment
from raqib.forces.models import ForceMovement, StrengthEstimate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["liaison_gna", "public"])
def test_liaison_officers_and_the_public_do_not_see_the_ledger(page_as, ledger, role):
    client = page_as(role)
    assert client.get("/forces/").status_code == 403
    assert client.get("/forces/wagner/").status_code == 403


def test_staff_see_the_totals_against_the_baseline_and_the_deadline(page_as, ledger, provisions):
    page = page_as("monitor").get("/forces/", {"on": "2021-01-20"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "5210–7420" in text and "20000–20000" in text and "<svg" in text
    assert "Record an estimate" not in page_as("monitor").get("/forces/wagner/").content.decode()


def test_an_arabic_page_is_served(page_as, ledger, provisions):
    page = page_as("chief").get("/forces/", {"on": "2021-01-20"}, HTTP_ACCEPT_LANGUAGE="ar")
    assert page.status_code == 200


def test_an_analyst_records_an_estimate_and_a_movement_through_the_forms(page_as, ledger, bases):
    client = page_as("verifier")
    assert "Record an estimate" in client.get("/forces/wagner/").content.decode()
    r = client.post("/forces/wagner/estimates/", {"as_of": "2021-01-25", "minimum": "100", "maximum": "90",
                                                  "basis": "count", "source": "x"})
    assert r.status_code == 400
    r = client.post("/forces/wagner/estimates/", {"as_of": "2021-01-25", "minimum": "1800", "maximum": "2000",
                                                  "basis": "count", "source": "JMC count"})
    assert r.status_code == 302
    assert StrengthEstimate.objects.filter(as_of="2021-01-25", minimum=1800).exists()
    r = client.post("/forces/wagner/movements/", {"kind": "departure", "occurred_on": "2021-01-26",
                                                  "personnel_min": "200", "personnel_max": "250",
                                                  "from_place": str(bases["jufra"].pk), "batch": "2"})
    assert r.status_code == 302
    movement = ForceMovement.objects.get(occurred_on="2021-01-26")
    r = client.post(f"/forces/movements/{movement.pk}/verification/", {f"m{movement.pk}-state": "verified"})
    assert r.status_code == 302
    movement.refresh_from_db()
    assert movement.state == "verified"
    r = client.post(f"/forces/movements/{movement.pk}/verification/", {f"m{movement.pk}-state": "reported"})
    assert r.status_code == 400


def test_a_monitor_may_not_post_to_the_ledger(page_as, ledger):
    client = page_as("monitor")
    r = client.post("/forces/wagner/estimates/", {"as_of": "2021-01-25", "minimum": "1", "maximum": "2",
                                                  "basis": "count", "source": "x"})
    assert r.status_code == 403
    r = client.post(f"/forces/movements/{ledger['unverified'].pk}/verification/",
                    {f"m{ledger['unverified'].pk}-state": "verified"})
    assert r.status_code == 403


def test_the_agreement_page_shows_the_status_column_to_staff_and_liaison_only(page_as, provisions, ledger):
    for role in ("monitor", "liaison_gna"):
        text = page_as(role).get("/agreement/").content.decode()
        assert "Compliance" in text and "compliance-" in text
    text = page_as("public").get("/agreement/").content.decode()
    assert "compliance-" not in text


def test_the_chief_sets_a_status_from_the_agreement_page(page_as, provisions):
    media = provisions["media"]
    client = page_as("chief")
    assert "Set the status" in client.get("/agreement/").content.decode()
    r = client.post(f"/agreement/provisions/{media.pk}/compliance/", {"status": "met", "assessed_on": "2021-01-10",
                                                                     "justification": ""})
    assert r.status_code == 302 and not ComplianceAssessment.objects.exists()
    r = client.post(f"/agreement/provisions/{media.pk}/compliance/", {"status": "met", "assessed_on": "2021-01-10",
                                                                     "justification": "No hate speech since."})
    assert r.status_code == 302
    assert ComplianceAssessment.objects.get().justification == "No hate speech since."
    assert "No hate speech since." in client.get("/agreement/").content.decode()
    r = page_as("verifier").post(f"/agreement/provisions/{media.pk}/compliance/",
                                 {"status": "breached", "assessed_on": "2021-01-11", "justification": "x"})
    assert r.status_code == 403
    assert ComplianceAssessment.objects.count() == 1


def test_the_ledger_page_works_without_a_baseline_or_contingents(page_as, users):
    page = page_as("monitor").get("/forces/")
    assert page.status_code == 200
    assert "No contingents recorded." in page.content.decode()
    assert page_as("monitor").get("/forces/", {"on": "not-a-date"}).status_code == 200
    assert page_as("monitor").get("/forces/nobody/").status_code == 404
