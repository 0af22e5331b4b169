"""Team rules, checked when a team is formed or changed; a refusal names the rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from raqib.agreements.services import upsert_agreement
from raqib.core.errors import Forbidden, Invalid
from raqib.geo.models import Zone
from raqib.mission.models import Monitor, Team
from raqib.mission.services import create_team, update_team


def _ceiling(n: int) -> None:
    upsert_agreement("geneva-2020", {"title_en": "Ceasefire", "title_ar": "وقف إطلاق النار",
                                     "signed_on": dt.date(2020, 10, 23), "timezone": "UTC",
                                     "parameters": {"monitor_ceiling": {"1": n}}}, None)


def test_it_refuses_a_team_from_one_organisation(zone: Zone, make_monitor: Callable[..., Monitor]) -> None:
    a, b = make_monitor(organisation="un", languages=["ar"]), make_monitor(organisation="un")
    with pytest.raises(Invalid, match="two organisations"):
        create_team({"name": "T", "zone": zone, "leader": a}, [a, b], None)
    assert not Team.objects.exists()


def test_it_refuses_a_team_without_an_arabic_speaker(zone: Zone, make_monitor: Callable[..., Monitor]) -> None:
    a, b = make_monitor(organisation="un", languages=["en", "fr"]), make_monitor(organisation="eu")
    with pytest.raises(Invalid, match="Arabic speaker"):
        create_team({"name": "T", "zone": zone, "leader": a}, [a, b], None)


def test_it_refuses_a_team_above_the_phases_monitor_ceiling(zone: Zone, team: Team,
                                                             make_monitor: Callable[..., Monitor]) -> None:
    _ceiling(4)  # "Team Sirte" already has three monitors in phase 1
    a, b = make_monitor(organisation="las", languages=["ar"]), make_monitor(organisation="eu")
    with pytest.raises(Invalid, match="monitor ceiling") as refused:
        create_team({"name": "T", "zone": zone, "leader": a}, [a, b], None)
    assert "5" in refused.value.message and "4" in refused.value.message


def test_a_team_at_the_ceiling_is_accepted(zone: Zone, team: Team, make_monitor: Callable[..., Monitor]) -> None:
    _ceiling(5)
    a, b = make_monitor(organisation="las", languages=["ar"]), make_monitor(organisation="eu")
    assert create_team({"name": "T", "zone": zone, "leader": a}, [a, b], None).pk


def test_a_monitor_in_two_teams_counts_once(zone: Zone, team: Team, make_monitor: Callable[..., Monitor]) -> None:
    _ceiling(4)
    shared = team.members.get(organisation="au")
    a = make_monitor(organisation="las", languages=["ar"])
    assert create_team({"name": "T", "zone": zone, "leader": a}, [a, shared], None).pk


def test_a_monitor_whose_service_ended_does_not_count(zone: Zone, team: Team,
                                                      make_monitor: Callable[..., Monitor]) -> None:
    _ceiling(4)
    gone = make_monitor(organisation="eu", active_from=dt.date(2020, 1, 1), active_until=dt.date(2020, 6, 1))
    a = make_monitor(organisation="las", languages=["ar"])
    assert create_team({"name": "T", "zone": zone, "leader": a}, [a, gone], None).pk


def test_changing_members_is_checked_too(team: Team, users: dict[str, Any],
                                        make_monitor: Callable[..., Monitor]) -> None:
    english_only = [m for m in team.members.all() if "ar" not in m.languages] + [make_monitor(organisation="eu")]
    with pytest.raises(Invalid, match="Arabic speaker"):
        update_team(team, {"leader": english_only[0]}, users["chief"], members=english_only)
    team.refresh_from_db()
    assert team.members.count() == 3


def test_moving_a_team_into_a_full_phase_is_refused(team: Team, zone: Zone, users: dict[str, Any],
                                                    make_monitor: Callable[..., Monitor]) -> None:
    from raqib.geo.services import upsert_zone

    _ceiling(3)
    other, _ = upsert_zone("jufra", {"name_en": "Jufra", "name_ar": "الجفرة", "kind": "monitoring_area",
                                     "geometry": zone.geometry, "phase": 2, "status": "planned"}, None)
    a, b = make_monitor(organisation="las", languages=["ar"]), make_monitor(organisation="eu")
    second = create_team({"name": "Team Jufra", "zone": other, "leader": a}, [a, b], None)
    with pytest.raises(Invalid, match="monitor ceiling"):
        update_team(second, {"zone": zone}, users["chief"])
    second.refresh_from_db()
    assert second.zone == other


def test_a_compliant_change_is_saved(team: Team, users: dict[str, Any], make_monitor: Callable[..., Monitor]) -> None:
    newcomer = make_monitor(organisation="las", languages=["ar"])
    update_team(team, {}, users["chief"], members=[*team.members.all(), newcomer])
    assert team.members.filter(pk=newcomer.pk).exists()


def test_only_the_chief_changes_teams(team: Team, users: dict[str, Any]) -> None:
    with pytest.raises(Forbidden):
        update_team(team, {"active": False}, users["team_leader"])
