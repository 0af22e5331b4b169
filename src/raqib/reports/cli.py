"""``raqib report daily|period|public``: render a report to a file, with its signed manifest.

The command line renders as the system (every record), in the language asked with --lang; the
file is written whole or not at all, and FILE.manifest.json beside it is signed with the
mission's key (``raqib verify FILE`` checks it).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from raqib.cli.base import require_migrated, with_django

LANG = click.option("--lang", type=click.Choice(["ar", "en"]), default="en", show_default=True,
                    help="The report's language (Arabic is written right to left).")
FORMAT = click.option("--format", "fmt", type=click.Choice(["pdf", "html"]), default="pdf", show_default=True,
                      help="PDF, or the HTML it is made from.")
OUT = click.option("-o", "--output", "out", required=True, metavar="FILE",
                   type=click.Path(dir_okay=False, writable=True, path_type=Path), help="The file to write.")
DAY = click.DateTime(formats=["%Y-%m-%d"])


@click.group()
def report() -> None:
    """Render the mission's reports (daily, periodic, public summary) as PDF or HTML."""


def _write(kind: str, start: dt.date, end: dt.date, lang: str, fmt: str, out: Path) -> None:
    from django.utils.translation import gettext as _

    from raqib.reports.services import write_file
    from raqib.reports.spec import ReportSpec

    require_migrated()
    written, manifest = write_file(ReportSpec(kind, start, end, lang), fmt, out)
    click.echo(_("Wrote %(file)s") % {"file": written})
    if manifest is not None:
        click.echo(_("Signed manifest: %(file)s") % {"file": manifest})


@report.command()
@click.option("--date", "day", required=True, type=DAY, metavar="YYYY-MM-DD", help="The day (mission local time).")
@LANG
@FORMAT
@OUT
@with_django
def daily(day: dt.datetime, lang: str, fmt: str, out: Path) -> None:
    """The daily report of one day: incidents and observations by category and zone against the
    previous day and the 7-day average, notable incidents, restrictions, hazards, foreign forces,
    the map of the day."""
    _write("daily", day.date(), day.date(), lang, fmt, out)


def _period(kind: str, start: dt.datetime, end: dt.datetime, lang: str, fmt: str, out: Path) -> None:
    if end < start:
        raise click.UsageError("--to is before --from.")
    _write(kind, start.date(), end.date(), lang, fmt, out)


@report.command()
@click.option("--from", "start", required=True, type=DAY, metavar="YYYY-MM-DD", help="First day of the period.")
@click.option("--to", "end", required=True, type=DAY, metavar="YYYY-MM-DD", help="Last day of the period (included).")
@LANG
@FORMAT
@OUT
@with_django
def period(start: dt.datetime, end: dt.datetime, lang: str, fmt: str, out: Path) -> None:
    """The periodic report of any period (30, 60, 90 days...): trends, provisions and their
    compliance, foreign forces against baseline and deadline, land released, embargo events,
    zone phases, the map."""
    _period("periodic", start, end, lang, fmt, out)


@report.command()
@click.option("--from", "start", required=True, type=DAY, metavar="YYYY-MM-DD", help="First day of the period.")
@click.option("--to", "end", required=True, type=DAY, metavar="YYYY-MM-DD", help="Last day of the period (included).")
@LANG
@FORMAT
@OUT
@with_django
def public(start: dt.datetime, end: dt.datetime, lang: str, fmt: str, out: Path) -> None:
    """The public summary of a period: the periodic report redacted by rule (no sources, no
    witness or monitor identities, attribution only when verified, unverified locations
    coarsened to a 0.1° grid)."""
    _period("public", start, end, lang, fmt, out)
