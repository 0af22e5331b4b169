"""``raqib embargo``: arms-embargo work from the command line (run as the system)."""

from __future__ import annotations

from pathlib import Path

import click

from raqib.cli.base import require_migrated, with_django


@click.group()
def embargo() -> None:
    """Arms-embargo events and flight or vessel track files."""


@embargo.command("import-tracks")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--vector", type=click.Choice(["air", "sea"]), default=None,
              help="The kind of track; the file's header must agree (default: read from the header).")
@with_django
def import_tracks(file: Path, vector: str | None) -> None:
    """Import a track file (CSV with the header identifier,time,lat,lon,altitude_ft or
    identifier,time,lat,lon,speed_kn) and flag each arrival at a watched base as a suspected
    event. All or nothing; the same file is imported once."""
    from django.utils.translation import gettext as _

    from raqib.embargo import services, tracks

    require_migrated()
    if file.stat().st_size > tracks.MAX_BYTES:
        raise click.ClickException(_("The track file is larger than %(n)d MB.") % {"n": tracks.MAX_BYTES // (1024 * 1024)})
    record = services.import_tracks(file.read_bytes(), file.name, None, vector=vector)
    click.echo(_("%(rows)d rows read (%(platforms)d platforms); %(events)d arrivals flagged as suspected events.")
               % {"rows": record.rows_read, "platforms": record.platforms, "events": record.arrivals_flagged})
