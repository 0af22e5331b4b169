"""``raqib forces``: the foreign-forces ledger from the command line."""

from __future__ import annotations

import datetime as dt

import click

from raqib.cli.base import require_migrated, with_django


@click.group()
def forces() -> None:
    """The foreign-forces ledger: contingents, strength estimates, movements."""


@forces.command("totals")
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="DATE",
              help="The day to estimate for (YYYY-MM-DD; default: today).")
@with_django
def totals(on: dt.datetime | None) -> None:
    """Print the best total estimate of foreign forces, each contingent's, the baseline and the
    withdrawal deadline."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from raqib.agreements.parameters import foreign_forces_baseline
    from raqib.forces.models import Contingent
    from raqib.forces.services import Ledger

    require_migrated()
    day = on.date() if on is not None else timezone.localdate()
    ledger = Ledger.load(until=day)
    click.echo(_("Foreign forces on %(day)s") % {"day": day.isoformat()})
    for contingent in Contingent.objects.order_by("key"):
        found = ledger.estimate(contingent.pk, day)
        figure = _("no estimate") if found is None else f"{found[0]}–{found[1]}"
        click.echo(f"  {contingent.key}: {figure}")
    low, high = ledger.total(day)
    click.echo(_("Total: %(low)d–%(high)d") % {"low": low, "high": high})
    baseline = foreign_forces_baseline()
    if baseline is None:
        click.echo(_("Baseline: none set by the profile"))
        return
    click.echo(_("Baseline: %(low)d–%(high)d in %(bases)d bases (as of %(as_of)s)")
               % {"low": baseline.minimum, "high": baseline.maximum, "bases": baseline.bases,
                  "as_of": baseline.as_of.isoformat()})
    if baseline.deadline is None:
        click.echo(_("Deadline: none"))
    else:
        days = (baseline.deadline - day).days
        state = (_("%(n)d days left") % {"n": days} if days >= 0
                 else _("passed %(n)d days ago") % {"n": -days})
        click.echo(_("Deadline: %(day)s (%(state)s)") % {"day": baseline.deadline.isoformat(), "state": state})
