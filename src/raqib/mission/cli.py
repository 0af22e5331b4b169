"""``raqib patrols``: the overdue check an operator can run from cron (the worker runs it too)."""

from __future__ import annotations

import datetime as dt

import click

from raqib.cli.base import require_migrated, with_django


@click.group()
def patrols() -> None:
    """Patrols and the monitors' safety."""


@patrols.command("check-overdue")
@click.option("--now", "at", metavar="TIME", default=None,
              help="Check as of this ISO 8601 time with a time zone (default: the current time).")
@click.option("--no-email", is_flag=True, help="Record the alerts but send no email.")
@with_django
def check_overdue(at: str | None, no_email: bool) -> None:
    """Raise an alert for each patrol under way that missed a check-in or its return (once per
    miss) and email the chiefs and the team leader when RAQIB_SMTP_URL is set. Prints the
    alerts raised, one a line."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from raqib.mission.services import raise_overdue_alerts

    require_migrated()
    now = timezone.now()
    if at is not None:
        try:
            now = dt.datetime.fromisoformat(at)
        except ValueError:
            raise click.BadParameter(_("not an ISO 8601 time: %(value)s") % {"value": at}, param_hint="--now") from None
        if now.tzinfo is None:
            raise click.BadParameter(_("the time needs a time zone (e.g. Z or +02:00)"), param_hint="--now")
    raised = raise_overdue_alerts(now, notify=not no_email)
    for alert in raised:
        click.echo(_("%(team)s: %(reason)s since %(due)s UTC (patrol %(id)d)%(mail)s") % {
            "team": alert.patrol.team.name, "reason": alert.get_reason_display(),
            "due": f"{alert.due_at.astimezone(dt.UTC):%Y-%m-%d %H:%M}", "id": alert.patrol_id,
            "mail": _(", emailed") if alert.notified_by_email else ""})
    click.echo(_("%(n)d new overdue alert(s).") % {"n": len(raised)}, err=True)
