"""``raqib user`` and ``raqib token``: accounts, created by the system (actor None)."""

from __future__ import annotations

import sys
from typing import TextIO

import click

from raqib.cli.base import require_migrated, with_django

ROLES = "monitor, team_leader, verifier, chief, liaison, public, admin"


def _is_terminal(stream: TextIO) -> bool:
    return stream.isatty()


def read_password() -> str:
    """One line from stdin; on a terminal, asked twice without echo."""
    stdin = sys.stdin
    if _is_terminal(stdin):
        return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))
    password = stdin.readline().rstrip("\r\n")
    if not password:
        from django.utils.translation import gettext as _

        raise click.ClickException(_("No password on standard input (give it as one line)."))
    return password


@click.group()
def user() -> None:
    """Manage users."""


@user.command("create")
@click.argument("name")
@click.option("--role", required=True, metavar="ROLE", help=f"One of: {ROLES}.")
@click.option("--party", metavar="PARTY", help="Key of the party a liaison officer is bound to (e.g. gna).")
@with_django
def user_create(name: str, role: str, party: str | None) -> None:
    """Create user NAME. The password is read from stdin (one line), or asked for twice on a terminal."""
    from django.utils.translation import gettext as _

    from raqib.accounts.services import create_user
    from raqib.actors.models import Party

    require_migrated()
    bound = None
    if party is not None:
        bound = Party.objects.filter(key=party).first()
        if bound is None:
            raise click.ClickException(_("There is no party with the key “%(key)s”.") % {"key": party})
    created = create_user(name, role, read_password(), None, party=bound)
    click.echo(_("Created user %(name)s (%(role)s).") % {"name": created.username, "role": created.role})


@click.group()
def token() -> None:
    """Manage API tokens."""


@token.command("create")
@click.argument("name")
@with_django
def token_create(name: str) -> None:
    """Print a new API token for user NAME (shown once; only its hash is kept)."""
    from django.utils.translation import gettext as _

    from raqib.accounts.models import User
    from raqib.accounts.services import issue_token

    require_migrated()
    owner = User.objects.filter(username=name).first()
    if owner is None:
        raise click.ClickException(_("There is no user named “%(name)s”.") % {"name": name})
    click.echo(issue_token(owner, None, "cli"))
