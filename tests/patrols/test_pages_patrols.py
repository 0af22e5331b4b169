"""The patrol pages and the dashboard's overdue patrols, through Django's test client."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from raqib.accounts.models import User
from raqib.mission.models import CheckIn, OverdueAlert, Patrol, PatrolReport, Team
from raqib.mission.services import raise_overdue_alerts


@pytest.fixture
def as_user(users: dict[str, User]) -> Callable[[str], Client]:
    def make(name: str) -> Client:
        client = Client()
        client.force_login(users[name])
        return client

    return make


def test_the_dashboard_shows_an_overdue_patrol(as_user: Callable[[str], Client], patrol: Patrol) -> None:
    page = as_user("chief").get("/dashboard/").content.decode()
    assert 'id="overdue-patrols"' in page and f"/patrols/{patrol.pk}/" in page
    assert "missed check-in" in page and "missed return" in page


def test_the_dashboard_says_nothing_of_patrols_on_time(as_user: Callable[[str], Client], plan: Any) -> None:
    plan()
    assert "overdue-patrols" not in as_user("chief").get("/dashboard/").content.decode()


def test_the_list_puts_overdue_patrols_apart(as_user: Callable[[str], Client], patrol: Patrol, plan: Any) -> None:
    planned = plan(purpose="Market visit")
    page = as_user("verifier").get("/patrols/").content.decode()
    overdue, others = page.split('id="all"')
    assert f"/patrols/{patrol.pk}/" in overdue and f"/patrols/{planned.pk}/" in others


def test_liaison_and_public_are_refused(as_user: Callable[[str], Client], patrol: Patrol) -> None:
    for name in ("liaison_gna", "public"):
        assert as_user(name).get("/patrols/").status_code == 403
        assert as_user(name).get(f"/patrols/{patrol.pk}/").status_code == 403


def test_the_team_leader_plans_from_the_page(as_user: Callable[[str], Client], team: Team) -> None:
    r = as_user("team_leader").post("/patrols/new/", {
        "team": team.pk, "purpose": "Check the coastal road", "planned_start": "2021-01-12T07:00",
        "expected_return": "2021-01-12T15:00", "check_in_interval_minutes": "60",
        "route": "31.2, 16.6, Sirte gate\n31.1, 16.9"})
    assert r.status_code == 302, r.content.decode()[:2000]
    patrol = Patrol.objects.get()
    assert patrol.route == [{"lat": 31.2, "lon": 16.6, "name": "Sirte gate"}, {"lat": 31.1, "lon": 16.9}]


def test_a_bad_route_line_is_named(as_user: Callable[[str], Client], team: Team) -> None:
    r = as_user("team_leader").post("/patrols/new/", {
        "team": team.pk, "purpose": "x", "planned_start": "2021-01-12T07:00", "expected_return": "2021-01-12T15:00",
        "check_in_interval_minutes": "60", "route": "31.2, 16.6\nnorth of town"})
    assert r.status_code == 400 and "Line 2" in r.content.decode()
    assert not Patrol.objects.exists()


def test_a_monitor_may_not_open_the_plan_form(as_user: Callable[[str], Client], team: Team) -> None:
    assert as_user("monitor").get("/patrols/new/").status_code == 403


def test_a_member_checks_in_from_the_page(as_user: Callable[[str], Client], patrol: Patrol) -> None:
    client = as_user("monitor")
    assert "Check in now" in client.get(f"/patrols/{patrol.pk}/").content.decode()
    r = client.post(f"/patrols/{patrol.pk}/check-in/", {"status": "delayed", "lat": "31.1", "lon": "16.8",
                                                      "note": "checkpoint queue"})
    assert r.status_code == 302
    assert CheckIn.objects.get().status == "delayed"


def test_an_outsider_cannot_check_in(as_user: Callable[[str], Client], patrol: Patrol) -> None:
    assert as_user("verifier").post(f"/patrols/{patrol.pk}/check-in/", {"status": "ok"}).status_code == 403
    assert not CheckIn.objects.exists()


def test_returning_and_reporting_nothing_observed(as_user: Callable[[str], Client], patrol: Patrol) -> None:
    client = as_user("team_leader")
    assert client.post(f"/patrols/{patrol.pk}/return/").status_code == 302
    patrol.refresh_from_db()
    assert patrol.state == "returned"
    r = client.post(f"/patrols/{patrol.pk}/report/", {"nothing_observed": "on", "summary": "Quiet day."})
    assert r.status_code == 302
    report = PatrolReport.objects.get()
    assert report.nothing_observed and report.summary == "Quiet day."
    assert "Nothing observed." in client.get(f"/patrols/{patrol.pk}/").content.decode()


def test_a_report_with_incidents_names_them(as_user: Callable[[str], Client], patrol: Patrol,
                                            make_incident: Any) -> None:
    incident = make_incident()
    client = as_user("monitor")
    r = client.post(f"/patrols/{patrol.pk}/report/", {"summary": "Shelling", "incidents": "INC-999999"})
    assert r.status_code == 400 and "INC-999999" in r.content.decode()
    r = client.post(f"/patrols/{patrol.pk}/report/", {"summary": "Shelling", "incidents": incident.reference})
    assert r.status_code == 302
    assert list(PatrolReport.objects.get().incidents.all()) == [incident]


def test_the_chief_acknowledges_an_alert(as_user: Callable[[str], Client], patrol: Patrol) -> None:
    from django.utils import timezone

    alert = raise_overdue_alerts(timezone.now())[0]
    assert as_user("monitor").post(f"/patrols/{patrol.pk}/alerts/{alert.pk}/acknowledge/").status_code == 403
    assert as_user("chief").post(f"/patrols/{patrol.pk}/alerts/{alert.pk}/acknowledge/").status_code == 302
    assert OverdueAlert.objects.get(pk=alert.pk).acknowledged_at is not None


def test_the_pages_work_in_arabic(as_user: Callable[[str], Client], patrol: Patrol) -> None:
    client = as_user("chief")
    client.cookies["django_language"] = "ar"
    for url in ("/patrols/", f"/patrols/{patrol.pk}/", "/patrols/new/", "/dashboard/"):
        r = client.get(url, HTTP_ACCEPT_LANGUAGE="ar")
        assert r.status_code == 200, url
