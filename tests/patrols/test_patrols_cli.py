"""``raqib patrols check-overdue`` through click's runner, and the background task."""

from __future__ import annotations

from typing import Any

from click.testing import CliRunner

from raqib.cli import cli
from raqib.mission.models import OverdueAlert, Patrol


def _run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["patrols", "check-overdue", *args],
                              env={"LC_ALL": None, "LC_MESSAGES": None, "LANG": None}, catch_exceptions=False)


def test_it_raises_the_alerts_due_and_prints_them(patrol: Patrol) -> None:
    assert _run("--now", "2021-01-10T07:14:00Z").exit_code == 0
    assert not OverdueAlert.objects.exists()
    done = _run("--now", "2021-01-10T07:16:00Z")
    assert done.exit_code == 0
    assert "Team Sirte: missed check-in since 2021-01-10 07:15 UTC" in done.stdout
    assert "1 new overdue alert(s)." in done.stderr
    again = _run("--now", "2021-01-10T07:30:00Z")
    assert "0 new overdue alert(s)." in again.stderr
    assert OverdueAlert.objects.count() == 1


def test_it_refuses_a_time_without_a_zone(patrol: Patrol) -> None:
    done = _run("--now", "2021-01-10T07:16:00")
    assert done.exit_code == 2 and "time zone" in done.stderr
    assert _run("--now", "yesterday").exit_code == 2


def test_the_task_checks_now(patrol: Patrol) -> None:
    from raqib.mission.tasks import check_overdue_patrols

    # The patrol's day is long past: it is overdue on both counts.
    assert check_overdue_patrols.call() == {"alerts": 2}
    assert check_overdue_patrols.call() == {"alerts": 0}
