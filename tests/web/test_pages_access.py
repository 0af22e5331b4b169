"""Every page asks raqib.core.access: who gets 200, who 403 and who 404 (the object hidden)."""

from __future__ import annotations

import pytest
from django.urls import reverse

ROLES = ("monitor", "team_leader", "verifier", "chief", "admin", "liaison_gna", "public")

# page -> roles that get 200; every other signed-in role gets 403.
PAGES = {
    "web:dashboard": {"monitor", "team_leader", "verifier", "chief", "admin"},
    "web:incidents": {"monitor", "team_leader", "verifier", "chief", "admin", "liaison_gna"},
    "web:new_report": {"monitor", "team_leader", "verifier", "chief", "admin"},
    "web:verification": {"verifier", "chief", "admin"},
    "web:allegations": {"monitor", "team_leader", "verifier", "chief", "admin", "liaison_gna"},
    "web:new_allegation": {"verifier", "chief", "admin", "liaison_gna"},
    "web:zones": set(ROLES),
    "web:mission": {"monitor", "team_leader", "verifier", "chief", "admin"},
    "web:agreement": set(ROLES),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, db, page):
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_each_page_answers_each_role_as_the_access_rules_say(as_user, zone, provisions, role, page):
    response = as_user(role).get(reverse(page))
    assert response.status_code == (200 if role in PAGES[page] else 403)


@pytest.mark.parametrize(("role", "target"), [
    ("monitor", "web:dashboard"), ("chief", "web:dashboard"), ("liaison_gna", "web:allegations"),
    ("public", "web:agreement"),
])
def test_the_start_page_sends_each_role_to_its_own_page(as_user, role, target):
    response = as_user(role).get(reverse("web:home"))
    assert response.status_code == 302 and response["Location"] == reverse(target)


def test_a_liaison_gets_404_on_an_incident_not_shared_with_them(as_user, make_incident):
    incident = make_incident()
    assert as_user("liaison_gna").get(reverse("web:incident", args=[incident.pk])).status_code == 404
    assert as_user("monitor").get(reverse("web:incident", args=[incident.pk])).status_code == 200


def test_a_liaison_sees_an_incident_shared_with_the_jmc_without_staff_details(as_user, make_incident):
    incident = make_incident(shared_with_jmc=True)
    page = as_user("liaison_gna").get(reverse("web:incident", args=[incident.pk])).content.decode()
    assert incident.reference in page
    assert 'id="observations"' not in page and 'id="audit"' not in page and 'id="evidence"' not in page


def test_the_audit_trail_is_shown_to_analysts_only(as_user, make_incident):
    incident = make_incident()
    url = reverse("web:incident", args=[incident.pk])
    assert 'id="audit"' in as_user("verifier").get(url).content.decode()
    assert 'id="audit"' not in as_user("monitor").get(url).content.decode()


def test_the_public_may_not_open_incidents(as_user, make_incident):
    incident = make_incident(shared_with_jmc=True)
    assert as_user("public").get(reverse("web:incident", args=[incident.pk])).status_code == 403


def test_a_missing_incident_is_404(as_user, db, users):
    assert as_user("chief").get(reverse("web:incident", args=[999999])).status_code == 404


def test_evidence_files_are_for_staff_only(as_user, make_incident, users):
    import io

    from raqib.incidents.services import store_evidence

    incident = make_incident(shared_with_jmc=True)
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 32
    evidence = store_evidence(incident, io.BytesIO(png), name="a.png", media_type="image/png", actor=users["monitor"])
    url = reverse("web:evidence", args=[evidence.pk])
    response = as_user("monitor").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == png
    assert "sandbox" in response["Content-Security-Policy"]
    assert as_user("liaison_gna").get(url).status_code == 403
