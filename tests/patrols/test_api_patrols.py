"""/api/v1/patrols through the real HTTP stack: who may plan, move, check in and report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from raqib.mission.models import CheckIn, Patrol, PatrolReport, Team

from .conftest import START

BODY = {"purpose": "Coastal road check", "planned_start": "2021-01-10T06:00:00Z",
        "expected_return": "2021-01-10T14:00:00Z", "route": [{"lat": 31.2, "lon": 16.6, "name": "Gate"},
                                                             {"lat": 31.1, "lon": 16.9}]}


def test_the_team_leader_plans_a_patrol_for_their_team(as_: Callable[..., Any], team: Team,
                                                      users: dict[str, Any]) -> None:
    r = as_("team_leader").post_json("/patrols", {**BODY, "team": team.pk})
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["state"] == "planned" and body["zone"] == team.zone_id
    assert body["route"] == [{"lat": 31.2, "lon": 16.6, "name": "Gate"}, {"lat": 31.1, "lon": 16.9}]
    assert Patrol.objects.get(pk=body["id"]).created_by == users["team_leader"]


def test_a_team_leader_cannot_plan_for_another_team(as_: Callable[..., Any], team: Team, other_team: Team) -> None:
    r = as_("team_leader").post_json("/patrols", {**BODY, "team": other_team.pk})
    assert r.status_code == 403
    assert not Patrol.objects.exists()


def test_a_monitor_cannot_plan(as_: Callable[..., Any], team: Team) -> None:
    assert as_("monitor").post_json("/patrols", {**BODY, "team": team.pk}).status_code == 403


def test_the_chief_plans_for_any_team(as_: Callable[..., Any], other_team: Team) -> None:
    assert as_("chief").post_json("/patrols", {**BODY, "team": other_team.pk}).status_code == 201


def test_it_refuses_a_bad_route(as_: Callable[..., Any], team: Team) -> None:
    client = as_("team_leader")
    assert client.post_json("/patrols", {**BODY, "team": team.pk, "route": [{"lat": 91, "lon": 0}]}).status_code == 422
    many = [{"lat": 31, "lon": 16}] * 101
    assert client.post_json("/patrols", {**BODY, "team": team.pk, "route": many}).status_code == 422
    back_first = {**BODY, "team": team.pk, "expected_return": "2021-01-10T05:00:00Z"}
    assert client.post_json("/patrols", back_first).status_code == 422
    assert not Patrol.objects.exists()


def test_liaison_and_public_see_no_patrols(as_: Callable[..., Any], patrol: Patrol) -> None:
    for name in ("liaison_gna", "public"):
        assert as_(name).get_json("/patrols").status_code == 403
        assert as_(name).get_json(f"/patrols/{patrol.pk}").status_code == 404
        assert as_(name).post_json(f"/patrols/{patrol.pk}/check-ins", {}).status_code == 404


def test_a_member_checks_in_and_the_team_returns_and_reports(as_: Callable[..., Any], patrol: Patrol,
                                                            make_incident: Any) -> None:
    monitor = as_("monitor")
    r = monitor.post_json(f"/patrols/{patrol.pk}/check-ins",
                          {"at": "2021-01-10T06:45:00Z", "lat": 31.15, "lon": 16.7, "status": "ok"})
    assert r.status_code == 201, r.content
    assert r.json()["check_ins"][0]["by"] == "monitor"
    assert monitor.post_json(f"/patrols/{patrol.pk}/return", {"at": "2021-01-10T13:30:00Z"}).status_code == 200
    patrol.refresh_from_db()
    assert patrol.state == "returned" and patrol.returned_at == dt.datetime(2021, 1, 10, 13, 30, tzinfo=dt.UTC)
    incident = make_incident()
    r = monitor.post_json(f"/patrols/{patrol.pk}/report", {"summary": "Impacts heard.", "incidents": [incident.pk]})
    assert r.status_code == 201, r.content
    assert r.json()["report"]["incidents"] == [incident.pk]
    assert monitor.post_json(f"/patrols/{patrol.pk}/report", {"nothing_observed": True}).status_code == 409


def test_a_report_of_nothing_observed_links_no_incident(as_: Callable[..., Any], patrol: Patrol,
                                                        make_incident: Any) -> None:
    incident = make_incident()
    r = as_("monitor").post_json(f"/patrols/{patrol.pk}/report", {"nothing_observed": True, "incidents": [incident.pk]})
    assert r.status_code == 400 and "nothing observed" in r.json()["error"]
    r = as_("monitor").post_json(f"/patrols/{patrol.pk}/report", {"nothing_observed": True})
    assert r.status_code == 201
    assert PatrolReport.objects.get(patrol=patrol).nothing_observed is True


def test_an_outsider_to_the_team_cannot_check_in(as_: Callable[..., Any], plan: Any, other_team: Team,
                                                 users: dict[str, Any]) -> None:
    from raqib.mission.services import plan_patrol, start_patrol

    theirs = start_patrol(plan_patrol({"team": other_team, "purpose": "x", "planned_start": START,
                                       "expected_return": START + dt.timedelta(hours=2)}, users["chief"]),
                          users["chief"], at=START)
    assert as_("monitor").post_json(f"/patrols/{theirs.pk}/check-ins", {}).status_code == 403
    assert as_("verifier").post_json(f"/patrols/{theirs.pk}/check-ins", {}).status_code == 403
    assert not CheckIn.objects.exists()


def test_it_refuses_an_illegal_transition(as_: Callable[..., Any], plan: Any) -> None:
    planned = plan()
    client = as_("team_leader")
    assert client.post_json(f"/patrols/{planned.pk}/return", {}).status_code == 409
    assert client.post_json(f"/patrols/{planned.pk}/check-ins", {}).status_code == 409
    assert client.post_json(f"/patrols/{planned.pk}/cancel", {"note": "sandstorm"}).status_code == 200
    assert client.post_json(f"/patrols/{planned.pk}/start", {}).status_code == 409
    planned.refresh_from_db()
    assert planned.state == "cancelled"


def test_a_monitor_cannot_cancel(as_: Callable[..., Any], plan: Any) -> None:
    assert as_("monitor").post_json(f"/patrols/{plan().pk}/cancel", {}).status_code == 403


def test_a_check_in_in_the_future_is_refused(as_: Callable[..., Any], patrol: Patrol) -> None:
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)).isoformat()
    assert as_("monitor").post_json(f"/patrols/{patrol.pk}/check-ins", {"at": later}).status_code == 400


def test_the_list_flags_overdue_patrols(as_: Callable[..., Any], patrol: Patrol, plan: Any) -> None:
    plan()  # planned, not under way: never overdue
    r = as_("verifier").get_json("/patrols", overdue="true")
    assert r.status_code == 200
    items = r.json()["items"]
    assert [p["id"] for p in items] == [patrol.pk]
    assert {o["reason"] for o in items[0]["overdue"]} == {"missed_check_in", "missed_return"}
    assert len(as_("verifier").get_json("/patrols").json()["items"]) == 2


def test_unknown_fields_and_missing_patrols(as_: Callable[..., Any], patrol: Patrol) -> None:
    client = as_("monitor")
    assert client.post_json(f"/patrols/{patrol.pk}/check-ins", {"colour": "red"}).status_code == 422
    assert client.get_json("/patrols/999999").status_code == 404
    assert client.get_json("/patrols/99999999999999999999").status_code == 404
