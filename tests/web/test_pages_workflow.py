"""Verification, allegations and zones through the pages: every move through the services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from raqib.core import audit
from raqib.incidents.models import Allegation

FINDINGS = {"outcome": "verified", "confidence": "fair", "attribution": "not_attributable",
            "findings": "Craters found on site."}


def move(client, incident, state, **extra):
    return client.post(reverse("web:transition", args=[incident.pk]), {"state": state, **extra})


def test_a_verifier_takes_an_incident_to_findings_and_the_chief_closes_it(as_user, make_incident, users):
    incident = make_incident()
    verifier, chief = as_user("verifier"), as_user("chief")
    assert verifier.post(reverse("web:assign", args=[incident.pk]), {"me": "1"}).status_code == 302
    for state in ("triaged", "under_verification"):
        assert move(verifier, incident, state).status_code == 302
    assert move(verifier, incident, "findings_drafted", **FINDINGS).status_code == 302
    # Review is the chief's: the verifier is refused, the chief is not.
    assert move(verifier, incident, "reviewed", **FINDINGS).status_code == 400
    assert move(chief, incident, "reviewed", **FINDINGS).status_code == 302
    assert move(chief, incident, "closed", **FINDINGS).status_code == 302
    verification = incident.verification
    verification.refresh_from_db()
    assert (verification.state, verification.outcome, verification.assigned_to) == ("closed", "verified", users["verifier"])
    page = verifier.get(reverse("web:incident", args=[incident.pk])).content.decode()
    assert page.count('class="badge look-') >= 6  # the history lists each move
    assert list(audit.verify()) == []


def test_findings_without_an_outcome_are_refused_with_the_services_message(as_user, make_incident):
    incident = make_incident()
    client = as_user("verifier")
    move(client, incident, "triaged")
    move(client, incident, "under_verification")
    response = move(client, incident, "findings_drafted")
    assert response.status_code == 400
    assert "outcome and a confidence" in response.content.decode()
    incident.verification.refresh_from_db()
    assert incident.verification.state == "under_verification"


@pytest.mark.parametrize("role", ["monitor", "liaison_gna"])
def test_only_analysts_move_or_assign_a_verification(as_user, make_incident, role):
    incident = make_incident(shared_with_jmc=True)
    client = as_user(role)
    assert move(client, incident, "triaged").status_code == 403
    assert client.post(reverse("web:assign", args=[incident.pk]), {"me": "1"}).status_code == 403
    incident.verification.refresh_from_db()
    assert incident.verification.state == "received" and incident.verification.assigned_to is None


def test_the_queue_lists_open_verifications_and_assigns_from_the_list(as_user, make_incident, users):
    incident = make_incident()
    client = as_user("verifier")
    assert incident.reference in client.get(reverse("web:verification")).content.decode()
    response = client.post(reverse("web:assign", args=[incident.pk]), {"assignee": users["chief"].pk, "from": "queue"})
    assert response["Location"] == reverse("web:verification")
    incident.verification.refresh_from_db()
    assert incident.verification.assigned_to == users["chief"]
    assert incident.reference not in client.get(reverse("web:verification"), {"queue": "unassigned"}).content.decode()


def test_a_liaison_files_an_allegation_in_their_partys_name(as_user, parties, place, users):
    client = as_user("liaison_gna")
    response = client.post(reverse("web:new_allegation"), {
        "category": "ceasefire_violation", "claimed_start": "2021-01-10T06:00", "claimed_end": "2021-01-10T07:00",
        "place": place.pk, "claimed_actor": parties["lna"].pk, "summary": "قصف جنوب سرت", "language": "ar",
        # A liaison cannot file for another party, whatever the form says.
        "filer_kind": "public", "filing_party": parties["lna"].pk})
    assert response.status_code == 302
    allegation = Allegation.objects.get()
    assert (allegation.filing_party, allegation.filer_kind, allegation.filed_by) == (parties["gna"], "party", users["liaison_gna"])
    assert allegation.reference in client.get(reverse("web:allegations")).content.decode()


def test_a_liaison_gets_404_on_the_other_partys_allegation(as_user, make_allegation):
    theirs = make_allegation("liaison_lna")
    ours = make_allegation("liaison_gna")
    client = as_user("liaison_gna")
    assert client.get(reverse("web:allegation", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("web:allegation", args=[ours.pk])).status_code == 200
    listing = client.get(reverse("web:allegations")).content.decode()
    assert ours.reference in listing and theirs.reference not in listing


def test_a_verifier_links_an_allegation_and_the_liaison_follows_its_outcome(as_user, make_allegation, make_incident):
    allegation = make_allegation("liaison_gna")
    incident = make_incident()
    verifier = as_user("verifier")
    assert incident.reference in verifier.get(reverse("web:allegation", args=[allegation.pk])).content.decode()
    assert verifier.post(reverse("web:link_allegation", args=[allegation.pk]),
                         {"incident": incident.reference}).status_code == 302
    allegation.refresh_from_db()
    assert allegation.incident == incident
    liaison = as_user("liaison_gna")
    # Linked to their allegation, the incident is now theirs to see.
    assert liaison.get(reverse("web:incident", args=[incident.pk])).status_code == 200
    assert 'id="allegation-state"' in liaison.get(reverse("web:allegation", args=[allegation.pk])).content.decode()
    assert liaison.post(reverse("web:link_allegation", args=[allegation.pk]),
                        {"incident": incident.reference}).status_code == 403


def test_a_verifier_records_the_other_partys_response(as_user, make_allegation):
    allegation = make_allegation("liaison_gna")
    response = as_user("verifier").post(reverse("web:allegation_response", args=[allegation.pk]),
                                        {"response": "We deny it.", "response_at": "2021-01-11T09:00"})
    assert response.status_code == 302
    allegation.refresh_from_db()
    assert allegation.response == "We deny it."


def test_the_chief_changes_a_zones_status_and_the_history_shows_it(as_user, zone):
    chief = as_user("chief")
    url = reverse("web:zone_transition", args=[zone.pk])
    assert as_user("verifier").post(url, {"status": "suspended"}).status_code == 403
    assert chief.post(url, {"status": "suspended", "note": "Clashes near Abu Grein"}).status_code == 302
    zone.refresh_from_db()
    assert zone.status == "suspended"
    page = chief.get(reverse("web:zone", args=[zone.pk])).content.decode()
    assert "Clashes near Abu Grein" in page
    assert chief.post(url, {"status": "planned"}).status_code == 400  # not an allowed move


def test_the_dashboard_compares_the_period_with_the_previous_one(as_user, make_incident, zone, provisions):
    import datetime as dt

    make_incident(occurred_start=dt.datetime(2021, 1, 10, 8, tzinfo=dt.UTC))
    make_incident(occurred_start=dt.datetime(2021, 1, 9, 8, tzinfo=dt.UTC))
    make_incident(occurred_start=dt.datetime(2021, 1, 2, 8, tzinfo=dt.UTC))
    page = as_user("chief").get(reverse("web:dashboard"), {"last": "2021-01-10", "days": "7"}).content.decode()
    assert "Sirte triangle" in page
    row = page.split("Sirte triangle", 1)[1].split("</tr>", 1)[0]
    assert [c.split(">")[-1] for c in row.split("</td>")[:3]] == ["2", "1", "+1"]
    assert "Withdrawal of foreign forces" in page  # a provision with a deadline
