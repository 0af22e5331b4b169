"""Commands over the database as a whole: migrate, profile load, audit verify, map check and
rebuild, backup, restore."""

from __future__ import annotations

from pathlib import Path

import click

from raqib.cli import base
from raqib.cli.base import progress_bar, require_migrated, with_django


@click.command()
@with_django
def migrate() -> None:
    """Create or upgrade the database (creates the data dir if needed)."""
    from django.utils.translation import gettext as _

    with progress_bar() as progress:
        applied = base.migrate(progress)
    click.echo(_("Database up to date (%(n)d migrations applied).") % {"n": applied})


@click.group()
def profile() -> None:
    """Mission profiles (parties, places, zones, agreement)."""


def load_profile(name: str) -> dict[str, int]:
    from raqib import profiles

    with progress_bar() as progress:
        return profiles.load(name, progress=progress)


def echo_counts(counts: dict[str, int], indent: str = "") -> None:
    for kind, count in counts.items():
        click.echo(f"{indent}{kind}: {count}")


@profile.command("load")
@click.argument("name", metavar="NAME")
@with_django
def profile_load(name: str) -> None:
    """Load profile NAME (e.g. libya-2020); loading it again changes nothing."""
    require_migrated()
    echo_counts(load_profile(name))


@click.group()
def audit() -> None:
    """The tamper-evident audit chain."""


@audit.command("verify")
@with_django
def audit_verify() -> None:
    """Check the whole chain and every audited record against it.

    Exits 0 if intact, printing the counts and the chain head (keep its hash elsewhere);
    else 1, naming each problem (the first bad entry first) on stderr.
    """
    from django.utils.translation import gettext as _

    from raqib.core import audit as chain
    from raqib.core.backup import consistent_read
    from raqib.core.models import AuditEntry, AuditHead

    require_migrated()
    with consistent_read():
        head = AuditHead.objects.get(pk=1)
        entries = AuditEntry.objects.count()
        total = chain.count_items()
        with progress_bar(_("Verifying the audit chain")) as progress:
            progress(0, total)
            problems = list(chain.verify(progress=progress))
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo(_("audit chain broken: %(n)d problems") % {"n": len(problems)}, err=True)
        raise click.exceptions.Exit(1)
    click.echo(_("audit chain intact: %(entries)d entries, %(records)d records")
               % {"entries": entries, "records": total - entries})
    # Written down elsewhere, the head proves later that the history was not rebuilt.
    click.echo(_("chain head: entry %(seq)d, hash %(hash)s") % {"seq": head.seq, "hash": head.hash})


@click.group("map")
def map_summary() -> None:
    """The map's summary of incidents per grid cell, which the database keeps on every write."""


@map_summary.command("check")
@with_django
def map_check() -> None:
    """Count the incidents per cell afresh and compare with the summary.

    Exits 0 if they agree; else 1, naming each cell that differs on stderr (then run
    `raqib map rebuild`).
    """
    from django.utils.translation import gettext as _

    from raqib.core.backup import consistent_read
    from raqib.incidents import mapcells

    require_migrated()
    with consistent_read():
        problems = mapcells.differences()
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        click.echo(_("map summary differs from the incidents in %(n)d cells") % {"n": len(problems)}, err=True)
        raise click.exceptions.Exit(1)
    click.echo(_("map summary matches the incidents"))


@map_summary.command("rebuild")
@with_django
def map_rebuild() -> None:
    """Count the map's summary afresh from the incidents (a restore does this by itself)."""
    from django.utils.translation import gettext as _

    from raqib.incidents import mapcells

    require_migrated()
    click.echo(_("map summary rebuilt: %(n)d rows") % {"n": mapcells.rebuild()})


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_django
def backup(file: Path) -> None:
    """Write a backup of everything to FILE.

    FILE (a gzip tar) holds every record, the users with their password hashes, the API
    tokens, the audit chain and the evidence files, read as one consistent snapshot while
    Raqib keeps running. An existing FILE is replaced only once the new backup is complete.
    """
    from django.utils.translation import gettext as _

    from raqib.core import backup as backups

    require_migrated()
    with progress_bar() as progress:
        manifest = backups.backup(file, progress=progress)
    click.echo(_("Backup written to %(file)s: %(records)d records, %(files)d evidence files, audit chain at "
                 "entry %(seq)d.") % {"file": file, "records": sum(manifest["counts"].values()),
                                       "files": manifest["evidence_files"], "seq": manifest["audit_head"]["seq"]})


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the mission records the database already holds.")
@with_django
def restore(file: Path, force: bool) -> None:
    """Restore the backup FILE.

    Migrates the database first. The whole file is checked before anything is touched; a database that already holds
    mission records is refused unless --force.
    """
    from django.utils.translation import gettext as _

    from raqib.core import backup as backups

    with progress_bar() as progress:
        base.migrate(progress)
    with progress_bar() as progress:
        manifest = backups.restore(file, force=force, progress=progress)
    click.echo(_("Restored %(records)d records and %(files)d evidence files; audit chain at entry %(seq)d. "
                 "Run “raqib audit verify” to check it.")
               % {"records": sum(manifest["counts"].values()), "files": manifest["evidence_files"],
                  "seq": manifest["audit_head"]["seq"]})
