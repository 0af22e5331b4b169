"""``raqib demo``: a ready-to-try mission on this machine in one command."""

from __future__ import annotations

import functools
import os
from typing import Any

import click
from rich.table import Table

from raqib.cli import base
from raqib.cli.base import progress_bar, with_django
from raqib.cli.data import echo_counts, load_profile
from raqib.cli.serve import run_server

PROFILE = "libya-2020"


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
@plain_http_on_loopback
@with_django
def demo(port: int, no_serve: bool) -> None:
    """Set up a demo mission and serve it.

    Migrates the database, loads the libya-2020 profile, generates a synthetic month of
    monitoring, creates one user per role and prints their passwords, then serves on
    127.0.0.1:PORT. Running it again changes nothing. Give it a data dir of its own: it
    refuses a database holding real incidents.
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
    show_users(generator.ensure_users())
    if not no_serve:
        run_server("127.0.0.1", port, threads=4)
