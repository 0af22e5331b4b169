"""The overdue rule, with the clock passed in: a patrol under way is overdue strictly after
its last check-in (or its start) plus the interval plus 15 minutes' grace, or after its expected
return."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import mail

from raqib.mission.models import OverdueAlert, Patrol
from raqib.mission.services import (acknowledge_alert, check_in, overdue_patrols, raise_overdue_alerts,
                                    return_patrol)
from .conftest import START

MINUTE = dt.timedelta(minutes=1)
CHECK_IN_DUE = START + dt.timedelta(minutes=60 + 15)


def test_no_alert_one_minute_before_the_missed_check_in(patrol: Patrol) -> None:
    assert overdue_patrols(CHECK_IN_DUE - MINUTE) == []
    assert raise_overdue_alerts(CHECK_IN_DUE - MINUTE) == []
    assert not OverdueAlert.objects.exists()


def test_not_yet_overdue_at_the_exact_due_moment(patrol: Patrol) -> None:
    assert overdue_patrols(CHECK_IN_DUE) == []


def test_one_alert_one_minute_after_and_still_one_later(patrol: Patrol) -> None:
    overdue = overdue_patrols(CHECK_IN_DUE + MINUTE)
    assert [p.pk for p in overdue] == [patrol.pk]
    raised = raise_overdue_alerts(CHECK_IN_DUE + MINUTE)
    assert [(a.patrol_id, a.reason, a.due_at) for a in raised] == [(patrol.pk, "missed_check_in", CHECK_IN_DUE)]
    assert raise_overdue_alerts(CHECK_IN_DUE + 30 * MINUTE) == []
    assert OverdueAlert.objects.count() == 1


def test_a_check_in_moves_the_next_due_moment(patrol: Patrol, users: dict[str, Any]) -> None:
    check_in(patrol, {"at": START + dt.timedelta(minutes=50), "status": "ok"}, users["monitor"])
    assert overdue_patrols(CHECK_IN_DUE + MINUTE) == []
    next_due = START + dt.timedelta(minutes=50 + 60 + 15)
    assert raise_overdue_alerts(next_due - MINUTE) == []
    assert len(raise_overdue_alerts(next_due + MINUTE)) == 1


def test_a_second_miss_after_a_new_check_in_is_a_second_alert(patrol: Patrol, users: dict[str, Any]) -> None:
    assert len(raise_overdue_alerts(CHECK_IN_DUE + MINUTE)) == 1
    check_in(patrol, {"at": CHECK_IN_DUE + 5 * MINUTE, "status": "delayed", "note": "flat tyre"}, users["monitor"])
    assert raise_overdue_alerts(CHECK_IN_DUE + 10 * MINUTE) == []
    assert len(raise_overdue_alerts(CHECK_IN_DUE + 5 * MINUTE + dt.timedelta(minutes=76))) == 1
    assert OverdueAlert.objects.count() == 2


def test_missing_the_expected_return_is_its_own_alert(plan: Any, users: dict[str, Any]) -> None:
    from raqib.mission.services import start_patrol

    short = start_patrol(plan(expected_return=START + dt.timedelta(minutes=30)), users["team_leader"], at=START)
    back_by = START + dt.timedelta(minutes=30)
    assert raise_overdue_alerts(back_by - MINUTE) == []
    raised = raise_overdue_alerts(back_by + MINUTE)
    assert [(a.patrol_id, a.reason) for a in raised] == [(short.pk, "missed_return")]
    assert raise_overdue_alerts(back_by + 2 * MINUTE) == []


def test_a_returned_patrol_is_never_overdue(patrol: Patrol, users: dict[str, Any]) -> None:
    return_patrol(patrol, users["team_leader"], at=START + dt.timedelta(minutes=40))
    assert overdue_patrols(START + dt.timedelta(days=2)) == []
    assert raise_overdue_alerts(START + dt.timedelta(days=2)) == []


def test_a_planned_patrol_that_did_not_start_is_not_overdue(plan: Any) -> None:
    plan()
    assert overdue_patrols(START + dt.timedelta(days=2)) == []


def test_no_email_without_an_smtp_server(patrol: Patrol, users: dict[str, Any], settings: Any) -> None:
    settings.RAQIB_SMTP_URL = ""
    users["chief"].email = "chief@mission.example"
    users["chief"].save()
    raise_overdue_alerts(CHECK_IN_DUE + MINUTE)
    assert mail.outbox == []
    assert OverdueAlert.objects.get().notified_by_email is False


def test_the_chief_and_the_team_leader_are_emailed_when_smtp_is_set(patrol: Patrol, users: dict[str, Any],
                                                                    settings: Any) -> None:
    settings.RAQIB_SMTP_URL = "smtp://raqib:secret@mail.mission.example:587"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for name, address in (("chief", "chief@mission.example"), ("team_leader", "leader@mission.example")):
        users[name].email = address
        users[name].save()
    raise_overdue_alerts(CHECK_IN_DUE + MINUTE)
    raise_overdue_alerts(CHECK_IN_DUE + 20 * MINUTE)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["chief@mission.example", "leader@mission.example"]
    assert "Team Sirte" in message.subject and "missed check-in" in message.subject
    assert OverdueAlert.objects.get().notified_by_email is True


def test_the_chief_acknowledges_an_alert_once(patrol: Patrol, users: dict[str, Any]) -> None:
    import pytest

    from raqib.core.errors import Conflict, Forbidden

    alert = raise_overdue_alerts(CHECK_IN_DUE + MINUTE)[0]
    with pytest.raises(Forbidden):
        acknowledge_alert(alert, users["monitor"])
    acknowledge_alert(alert, users["chief"], at=CHECK_IN_DUE + 5 * MINUTE)
    alert.refresh_from_db()
    assert alert.acknowledged_by == users["chief"]
    with pytest.raises(Conflict):
        acknowledge_alert(alert, users["chief"])
