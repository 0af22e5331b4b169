"""``raqib hazards``: explosive hazards from the command line."""

from __future__ import annotations

import json

import click

from raqib.cli.base import require_migrated, with_django


@click.group()
def hazards() -> None:
    """Explosive hazards: hazardous areas and land release."""


@hazards.command("summary")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@with_django
def summary(as_json: bool) -> None:
    """Print the hazardous areas by state and status, and the square metres released by method."""
    from django.db.models import Sum
    from django.utils.translation import gettext as _

    from raqib.hazards.models import HazardArea, LandRelease
    from raqib.hazards.services import counts_by_state, released_by_method

    require_migrated()
    by_state = counts_by_state()
    by_status = {s: HazardArea.objects.filter(status=s).count() for s in HazardArea.Status.values}
    by_method = released_by_method()
    items = LandRelease.objects.aggregate(found=Sum("items_found"), destroyed=Sum("items_destroyed"))
    found, destroyed = int(items["found"] or 0), int(items["destroyed"] or 0)
    if as_json:
        click.echo(json.dumps({"by_state": by_state, "by_status": by_status, "released_m2_by_method": by_method,
                               "items_found": found, "items_destroyed": destroyed}))
        return
    states, statuses, methods = (dict(HazardArea.State.choices), dict(HazardArea.Status.choices),
                                 dict(LandRelease.Method.choices))
    click.echo(_("Hazardous areas by state:"))
    for key, n in by_state.items():
        click.echo(f"  {states[key]}: {n}")
    click.echo(_("Hazardous areas by status:"))
    for key, n in by_status.items():
        click.echo(f"  {statuses[key]}: {n}")
    click.echo(_("Land released by method (m²):"))
    for key, m2 in by_method.items():
        click.echo(f"  {methods[key]}: {m2}")
    click.echo(_("Total released: %(m2)d m²; items found: %(found)d, destroyed: %(destroyed)d.")
               % {"m2": sum(by_method.values()), "found": found, "destroyed": destroyed})
