"""``raqib compliance``: where each provision of the agreement stands."""

from __future__ import annotations

import datetime as dt

import click

from raqib.cli.base import require_migrated, with_django

_on = click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="DATE",
                   help="The day (YYYY-MM-DD; default: today).")


@click.group()
def compliance() -> None:
    """Provision compliance: statuses derived by rules or set by the chief."""


def _day(on: dt.datetime | None) -> dt.date:
    from django.utils import timezone

    return on.date() if on is not None else timezone.localdate()


@compliance.command("status")
@_on
@with_django
def status(on: dt.datetime | None) -> None:
    """Print each provision's status and why."""
    from raqib.agreements.compliance import provision_statuses

    require_migrated()
    for row in provision_statuses(_day(on)):
        click.echo(f"{row.provision.number}\t{row.status}\t{row.rule or '-'}\t{row.reason}")


@compliance.command("record")
@_on
@with_django
def record(on: dt.datetime | None) -> None:
    """Record, in each rule-governed provision's history, what its rule now says when it changed
    since the last record (running it again on the same facts records nothing)."""
    from django.utils.translation import gettext as _

    from raqib.agreements.compliance import record_rule_statuses

    require_migrated()
    recorded = record_rule_statuses(_day(on), None)
    for a in recorded:
        click.echo(f"{a.provision.number}\t{a.status}")
    click.echo(_("%(n)d statuses recorded.") % {"n": len(recorded)})
