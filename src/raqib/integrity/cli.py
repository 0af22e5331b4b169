"""``raqib key show`` and ``raqib verify FILE``: the mission's signing key and the check of a
signed file. Verifying needs no database, only the manifest beside the file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from raqib.cli.base import with_django


@click.group()
def key() -> None:
    """The mission's Ed25519 key that signs exports and reports."""


@key.command("show")
@with_django
def key_show() -> None:
    """Print the public key (base64 and PEM) and its fingerprint (created on first use)."""
    from django.utils.translation import gettext as _

    from raqib.integrity import mission_public_key

    public = mission_public_key(create=True)
    assert public is not None
    click.echo(_("Algorithm:   Ed25519"))
    click.echo(_("Public key:  %(key)s") % {"key": public.base64})
    click.echo(_("Fingerprint: %(fp)s") % {"fp": public.fingerprint_grouped})
    click.echo(public.pem.rstrip())


@click.command()
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--key", "expected", metavar="FINGERPRINT", default=None,
              help="Require this key fingerprint (as shown on the mission's About page) instead of "
                   "comparing with this installation's key.")
@with_django
def verify(path: Path, expected: str | None) -> None:
    """Check FILE against its signed manifest (FILE.manifest.json), or a manifest and every file
    it lists.

    Exits 0 and prints "valid" when the signature holds and every file is byte for byte as
    signed; exits 1 saying what differs otherwise (a changed byte, a bad signature, a missing
    manifest or file, another key).
    """
    from django.utils.translation import gettext as _

    from raqib.integrity import verify as check
    from raqib.integrity.manifest import describe

    result = check(path, expected_fingerprint=expected)
    lines = list(describe(result))
    if result.valid:
        click.echo(_("valid"))
    else:
        click.echo(_("INVALID"), err=True)
    for line in lines:
        click.echo(line, err=not result.valid)
    out_err = not result.valid
    if result.manifest is not None and result.manifest.exists():
        click.echo(_("manifest:    %(m)s") % {"m": result.manifest}, err=out_err)
    if result.issuer:
        click.echo(_("issuer:      %(i)s, signed %(t)s") % {"i": result.issuer, "t": result.created_at}, err=out_err)
    if result.fingerprint:
        click.echo(_("key:         %(fp)s") % {"fp": result.fingerprint_grouped}, err=out_err)
        notes = {
            "mission": _("this is this mission's signing key"),
            "expected": _("the fingerprint you gave"),
            "unknown": _("no mission key here to compare with: check this fingerprint against the one "
                         "the mission publishes on its About page"),
            "other": _("NOT this mission's key"),
        }
        click.echo(f"             {notes[result.key_status]}", err=out_err)
    if not result.valid:
        sys.exit(1)
