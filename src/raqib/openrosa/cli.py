"""``raqib forms``: field forms for phones (OpenRosa), run by the operator (the system actor)."""

from __future__ import annotations

from pathlib import Path

import click

from raqib.cli.base import require_migrated, with_django


@click.group()
def forms() -> None:
    """Field forms for ODK Collect, KoboCollect and Enketo (OpenRosa)."""


def _show_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)


@forms.command("upload")
@click.argument("xlsform", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--media", "media", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              metavar="FILE", help="A media file the form uses (an image, a CSV); may be repeated.")
@with_django
def upload(xlsform: Path, media: tuple[Path, ...]) -> None:
    """Convert XLSFORM (.xlsx, .xls or .csv) and publish it to the phones.

    pyxform's warnings are printed; its errors refuse the form (exit 1). Publishing the same
    form again changes nothing; a changed form needs a new version in its settings sheet.
    """
    from django.utils.translation import gettext as _

    from raqib.openrosa.services import upload_xlsform

    require_migrated()
    result = upload_xlsform(xlsform.name, xlsform.read_bytes(), None,
                            media=[(p.name, p.read_bytes()) for p in media])
    _show_warnings(result.warnings)
    xform = result.xform
    text = _("Published form %(id)s version %(v)s (md5:%(md5)s).") if result.created else \
        _("Form %(id)s version %(v)s is already published (md5:%(md5)s).")
    click.echo(text % {"id": xform.form_id, "v": xform.version or "-", "md5": xform.md5})


@forms.command("list")
@click.option("--all-versions", is_flag=True, help="Also list versions no longer shown to phones.")
@with_django
def list_forms(all_versions: bool) -> None:
    """List the forms: id, version, active, built-in, submissions, title."""
    from django.db.models import Count

    from raqib.openrosa.models import XForm

    require_migrated()
    qs = XForm.objects.all() if all_versions else XForm.objects.filter(active=True)
    for xform in qs.annotate(n=Count("submissions")).order_by("form_id", "-uploaded_at"):
        click.echo("\t".join([xform.form_id, xform.version or "-", "active" if xform.active else "hidden",
                              "built-in" if xform.builtin else "uploaded", str(xform.n), xform.title]))


@forms.command("export")
@click.argument("form_id")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True,
              help="The CSV file to write.")
@click.option("--all-versions", is_flag=True, help="Also export the versions that edits replaced.")
@with_django
def export(form_id: str, output: Path, all_versions: bool) -> None:
    """Write the submissions of FORM_ID to a CSV file, one column per field."""
    from django.utils.translation import gettext as _

    from raqib.openrosa.services import export_csv

    require_migrated()
    tmp = output.with_name(output.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            rows = export_csv(form_id, out, None, all_versions=all_versions)
        tmp.replace(output)
    finally:
        tmp.unlink(missing_ok=True)
    click.echo(_("Wrote %(n)d submissions to %(path)s.") % {"n": rows, "path": output})


@forms.command("builtin")
@with_django
def builtin() -> None:
    """Publish Raqib's built-in forms (kept as XLSForms in the code); unchanged ones stay as they are."""
    from django.utils.translation import gettext as _

    from raqib.openrosa.builtin import load

    require_migrated()
    for result in load(None):
        _show_warnings(result.warnings)
        text = _("Published %(id)s version %(v)s.") if result.created else _("%(id)s version %(v)s is up to date.")
        click.echo(text % {"id": result.xform.form_id, "v": result.xform.version or "-"})
