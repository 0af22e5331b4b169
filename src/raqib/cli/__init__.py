"""The ``raqib`` command line. Each command parses its arguments and calls one function.

Exit statuses: 0 done, 1 refused or failed (the message says why), 2 a usage or configuration
error (a malformed RAQIB_* variable, a bad option).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import click

import raqib
from raqib.cli import accounts, data, demo, serve
from raqib.cli.base import wrap_errors
from raqib.osint.cli import osint
from raqib.osint.worker_cli import worker


class RaqibGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        return wrap_errors(lambda: super(RaqibGroup, self).invoke(ctx))


@click.group(cls=RaqibGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(raqib.__version__, prog_name="raqib")
def cli() -> None:
    """Raqib, the information system of a ceasefire monitoring mission.

    Every command takes --data-dir (or RAQIB_DATA_DIR): the folder holding the SQLite
    database, the evidence store and the secret key.
    """


for command in (demo.demo, serve.serve, data.migrate, accounts.user, accounts.token, data.profile, data.audit,
                data.backup, data.restore, osint, worker):
    cli.add_command(command)


def main(argv: Sequence[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raqib.settings")
    cli.main(args=list(argv) if argv is not None else None, prog_name="raqib")
