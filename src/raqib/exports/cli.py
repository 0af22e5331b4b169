"""``raqib export FORMAT -o FILE``: incidents to a file, with its signed manifest beside it."""

from __future__ import annotations

from pathlib import Path

import click

from raqib.cli.base import progress_bar, require_migrated, with_django

FORMAT_KEYS = ("acled", "geojson", "hxl", "xlsx")


@click.command()
@click.argument("fmt", metavar="acled|geojson|hxl|xlsx", type=click.Choice(FORMAT_KEYS))
@click.option("--since", metavar="D", default=None, help="Incidents from this date (YYYY-MM-DD, or an ISO date and time).")
@click.option("--until", metavar="D", default=None, help="Incidents up to this date (the whole day).")
@click.option("--zone", metavar="Z", default=None, help="Only incidents in the zone with this key.")
@click.option("--category", metavar="C", default=None, help="Only this category (e.g. ceasefire_violation).")
@click.option("--state", metavar="S", default=None, help="Only incidents in this verification state (e.g. closed).")
@click.option("--as", "as_user", metavar="USER", default=None,
              help="Export only what this user may see (e.g. a liaison officer's share); default: everything.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="The file to write; FILE.manifest.json is written beside it, signed.")
@with_django
def export(fmt: str, since: str | None, until: str | None, zone: str | None, category: str | None,
           state: str | None, as_user: str | None, output: Path) -> None:
    """Export incidents as ACLED-compatible CSV, GeoJSON, CSV with HXL hashtags or XLSX.

    Writes FILE and FILE.manifest.json (the file's SHA-256 signed with the mission's key);
    check it later with "raqib verify FILE".
    """
    from django.utils.translation import gettext as _

    from raqib.accounts.models import User
    from raqib.exports.filters import parse_filters
    from raqib.exports.services import export_to_file

    require_migrated()
    user = None
    if as_user is not None:
        user = User.objects.filter(username=as_user).first()
        if user is None:
            raise click.ClickException(_("No user named “%(name)s”.") % {"name": as_user})
    filters = parse_filters(since=since, until=until, zone=zone, category=category, state=state)
    with progress_bar(_("Exporting incidents")) as progress:
        written = export_to_file(fmt, user, filters, output, progress=progress)
    click.echo(_("%(n)d incidents written to %(path)s (%(bytes)d bytes).")
               % {"n": written.count, "path": written.path, "bytes": written.bytes})
    click.echo(_("Signed manifest: %(path)s") % {"path": written.manifest})
