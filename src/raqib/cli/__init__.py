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
from raqib.agreements import cli as compliance_cli
from raqib.cli import accounts, data, demo, serve
from raqib.cli.base import wrap_errors
from raqib.embargo import cli as embargo_cli
from raqib.exports import cli as exports_cli
from raqib.forces import cli as forces_cli
from raqib.hazards import cli as hazards_cli
from raqib.integrity import cli as integrity_cli
from raqib.mission import cli as patrols_cli
from raqib.openrosa import cli as openrosa_cli
from raqib.osint.cli import osint
from raqib.osint.worker_cli import worker
from raqib.reports import cli as reports_cli


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
                data.map_summary, data.backup, data.restore, osint, worker,
                integrity_cli.key, integrity_cli.verify, exports_cli.export, reports_cli.report,
                forces_cli.forces, compliance_cli.compliance, embargo_cli.embargo,
                patrols_cli.patrols, openrosa_cli.forms, hazards_cli.hazards):
    cli.add_command(command)


def main(argv: Sequence[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raqib.settings")
    cli.main(args=list(argv) if argv is not None else None, prog_name="raqib")
