"""``raqib demo``: a ready-to-try mission on this machine in one command."""

from __future__ import annotations

import datetime as dt
import functools
import os
import random
from typing import Any

import click
from rich.table import Table

from raqib.cli import base
from raqib.cli.base import progress_bar, with_django
from raqib.cli.data import echo_counts, load_profile
from raqib.cli.serve import run_server

PROFILE = "libya-2020"
# Synthetic incidents for benchmarks: written a thousand at a time, over two years from this day.
SYNTHETIC_BATCH = 1000
SYNTHETIC_START = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
SYNTHETIC_DAYS = 730


def refuse_real_data() -> None:
    """The demo writes synthetic incidents and users with known passwords: never among real ones."""
    from django.utils.translation import gettext as _

    from raqib.incidents.models import Incident

    if Incident.objects.filter(synthetic=False).exists():
        raise click.ClickException(_("This database holds real incidents; run the demo in a data dir of its own "
                                     "(--data-dir)."))


def show_users(users: list[tuple[str, str, str]]) -> None:
    table = Table(title="Demo users")
    for column in ("user", "role", "password"):
        table.add_column(column)
    for row in users:
        table.add_row(*row)
    base.stdout().print(table)



def synthetic_incidents(count: int, progress: Any, seed: int = 2021) -> int:
    """Write ``count`` synthetic incidents around the profile's towns over two years, through the
    service's bulk path (party roles, verification records and the audit chain included), as the
    demo monitor. Deterministic for a given database size and seed; returns how many were written."""
    from django.utils.translation import gettext as _

    from raqib.accounts.models import User
    from raqib.actors.models import Party
    from raqib.core import taxonomy
    from raqib.geo.models import Place
    from raqib.incidents.models import Incident, IncidentParty
    from raqib.incidents.services import IncidentData, create_incidents

    towns = list(Place.objects.filter(kind__in=("city", "town"), lat__isnull=False, lon__isnull=False))
    if not towns:
        raise click.ClickException(_("No towns with a position in the gazetteer: load a profile first."))
    parties = list(Party.objects.filter(kind="signatory_party")) or list(Party.objects.all()[:2])
    kinds = [(c.key, s.key) for c in taxonomy.CATEGORIES for s in c.subtypes]
    roles = IncidentParty.Role.values
    actor = User.objects.filter(username="monitor").first()
    rng = random.Random(seed + Incident.objects.count())
    progress(0, total=count, description=_("Synthetic incidents"))
    written = 0
    while written < count:
        batch = []
        for _n in range(min(SYNTHETIC_BATCH, count - written)):
            category, subtype = rng.choice(kinds)
            town = rng.choice(towns)
            assert town.lat is not None and town.lon is not None  # towns are chosen with a position
            start = SYNTHETIC_START + dt.timedelta(minutes=rng.randrange(SYNTHETIC_DAYS * 24 * 60))
            killed = rng.choice((0, 0, 0, 0, 1, 2, 3))
            batch.append(IncidentData(
                category=category, subtype=subtype, occurred_start=start,
                occurred_end=start + dt.timedelta(minutes=rng.choice((0, 30, 60, 180))),
                lat=round(town.lat + rng.uniform(-0.3, 0.3), 5), lon=round(town.lon + rng.uniform(-0.3, 0.3), 5),
                location_precision="near", place=town,
                parties=[(rng.choice(parties), rng.choice(roles))] if parties else [],
                killed_min=0, killed_max=killed, severity=rng.randint(1, 4),
                description_en=f"Synthetic incident near {town.name_en}.",
                description_ar=f"حادثة تجريبية قرب {town.name_ar}.", shared_with_jmc=rng.random() < 0.3,
                synthetic=True))
        create_incidents(batch, actor)
        written += len(batch)
        progress(len(batch))
    return written


def plain_http_on_loopback(func: Any) -> Any:
    """The demo serves plain HTTP on 127.0.0.1, where browsers refuse Secure cookies: sign-in
    needs them without the flag (unless RAQIB_SECURE_COOKIES says otherwise)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        os.environ.setdefault("RAQIB_SECURE_COOKIES", "false")
        return func(*args, **kwargs)

    return wrapper


@click.command()
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), metavar="PORT",
              help="Port to serve on (127.0.0.1 only).")
@click.option("--no-serve", is_flag=True, help="Prepare the demo and stop, without serving it.")
@click.option("--incidents", "extra", type=click.IntRange(0, 10_000_000), default=0, show_default=True, metavar="N",
              help="Also write N synthetic incidents (for benchmarks; N more on every run), through the bulk "
                   "path with their audit entries.")
@plain_http_on_loopback
@with_django
def demo(port: int, no_serve: bool, extra: int) -> None:
    """Set up a demo mission and serve it.

    Migrates the database, loads the libya-2020 profile, generates a synthetic month of
    monitoring, creates one user per role and prints their passwords, then serves on
    127.0.0.1:PORT. Running it again changes nothing. Give it a data dir of its own: it
    refuses a database holding real incidents. With ``--incidents N`` it also writes N synthetic
    incidents around the towns over two years (a million, for benchmarks), N more on
    every run.
    """
    from django.utils.translation import gettext as _

    from raqib import demo as generator

    with progress_bar() as progress:
        base.migrate(progress)
    refuse_real_data()
    click.echo(_("Profile %(name)s:") % {"name": PROFILE})
    echo_counts(load_profile(PROFILE), indent="  ")
    with progress_bar(_("Generating the synthetic month")) as progress:
        counts = generator.generate(progress=progress)
    click.echo(_("Synthetic month:"))
    echo_counts(counts, indent="  ")
    users = generator.ensure_users()
    if extra:
        with progress_bar(_("Synthetic incidents")) as progress:
            written = synthetic_incidents(extra, progress)
        click.echo(_("Synthetic incidents written: %(n)d") % {"n": written})
    show_users(users)
    if not no_serve:
        run_server("127.0.0.1", port, threads=4)
