"""The demo month's patrols: the demo teams keep to the team rules, and their patrols tell the
story the module promises (reports, "nothing observed", one overdue patrol that came back)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from raqib import profiles
from raqib.demo import generator as demo
from raqib.mission.models import OverdueAlert, Patrol, PatrolReport, Team
from raqib.mission.services import check_team_rules, overdue_patrols


@pytest.fixture
def month(db: Any, tmp_path: Any) -> dict[str, int]:
    with override_settings(DATA_DIR=tmp_path / "data", EVIDENCE_DIR=tmp_path / "data" / "evidence"):
        profiles.load("libya-2020")
        return demo.generate(days=12)


def test_the_demo_month_has_patrols_reports_and_one_overdue_patrol(month: dict[str, int]) -> None:
    assert month["patrols"] == Patrol.objects.count() > 12
    for team in Team.objects.all():
        check_team_rules(team, list(team.members.all()))
    assert PatrolReport.objects.filter(nothing_observed=True).count() >= 2
    assert PatrolReport.objects.filter(nothing_observed=False, incidents__isnull=False).exists()
    assert Patrol.objects.filter(state="cancelled").count() == 1
    late = Patrol.objects.filter(alerts__reason="missed_check_in").distinct().get()
    assert late.state == "returned" and late.returned_at is not None and late.returned_at > late.expected_return
    assert set(OverdueAlert.objects.values_list("reason", flat=True)) == {"missed_check_in", "missed_return"}
    assert OverdueAlert.objects.filter(acknowledged_by__username="chief").exists()
    assert Patrol.objects.filter(state="returned").count() == Patrol.objects.count() - 1
    from django.utils import timezone

    assert overdue_patrols(timezone.now()) == []
