"""Publishing XLSForms (who may, versions, warnings) and the ``raqib forms`` commands."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from raqib.cli import cli
from raqib.core.errors import Conflict, Forbidden
from raqib.openrosa.models import XForm
from raqib.openrosa.services import export_csv, upload_xlsform

from .support import INSTANCES, TUTORIAL, needs_odk
from .test_protocol import simple_form, simple_instance

pytestmark = pytest.mark.django_db


def invoke(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), env={"LC_ALL": None, "LC_MESSAGES": None, "LANG": None},
                              catch_exceptions=False)


def test_only_the_chief_or_an_administrator_may_publish(users) -> None:
    for role in ("monitor", "team_leader", "verifier", "liaison_gna", "public"):
        with pytest.raises(Forbidden):
            upload_xlsform("simple.csv", simple_form(), users[role])
    assert upload_xlsform("simple.csv", simple_form(), users["chief"]).xform.uploaded_by == users["chief"]


def test_publishing_the_same_form_again_changes_nothing(db) -> None:
    first = upload_xlsform("simple.csv", simple_form(), None)
    again = upload_xlsform("simple.csv", simple_form(), None)
    assert first.created and not again.created
    assert XForm.objects.count() == 1


def test_a_changed_form_without_a_new_version_is_refused(db) -> None:
    upload_xlsform("simple.csv", simple_form(), None)
    with pytest.raises(Conflict, match="new version"):
        upload_xlsform("simple.csv", simple_form(label="Changed"), None)


def test_a_new_version_replaces_the_old_on_the_phones(db) -> None:
    old = upload_xlsform("simple.csv", simple_form(), None).xform
    new = upload_xlsform("simple.csv", simple_form(version="2", label="Changed"), None).xform
    old.refresh_from_db()
    assert new.active and not old.active
    assert list(XForm.objects.filter(active=True)) == [new]


def test_the_cli_publishes_prints_warnings_and_lists(tmp_path: Path, db) -> None:
    form = tmp_path / "simple.csv"
    form.write_bytes(simple_form())
    result = invoke("forms", "upload", str(form))
    assert result.exit_code == 0, result.output
    assert "Published form simple version 1" in result.output
    listing = invoke("forms", "list")
    assert listing.output.startswith("simple\t1\tactive\tuploaded\t0\tsimple")


@needs_odk
def test_the_cli_shows_pyxform_warnings(db) -> None:
    result = CliRunner().invoke(cli, ["forms", "upload", str(TUTORIAL / "tutorial.xls")], catch_exceptions=False)
    assert result.exit_code == 0
    assert "warning: " in result.output and "max-pixels" in result.output


def test_the_cli_refuses_a_broken_form_with_exit_1(tmp_path: Path, db) -> None:
    form = tmp_path / "broken.csv"
    form.write_bytes(b"survey,,\n,type,name\n,no_such_type,q\n")
    result = invoke("forms", "upload", str(form))
    assert result.exit_code == 1
    assert "cannot be converted" in result.output


def test_the_export_flattens_groups_and_repeats(tmp_path: Path, phone, db) -> None:
    upload_xlsform("simple.csv", simple_form(), None)
    monitor = phone("monitor")
    monitor.submit(simple_instance(instance_id="uuid:1", name="=HYPERLINK()"))
    nested = (b"<data id='simple'><name>Ali</name><visit><place>Sirte</place></visit><visit><place>Jufra</place>"
              b"</visit><meta><instanceID>uuid:2</instanceID></meta></data>")
    assert monitor.submit(nested).status_code == 201
    out = tmp_path / "simple.csv"
    result = invoke("forms", "export", "simple", "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["instance_id"] for r in rows] == ["uuid:1", "uuid:2"]
    assert rows[0]["name"] == "'=HYPERLINK()"  # never a formula in a spreadsheet
    assert (rows[1]["visit[1]/place"], rows[1]["visit[2]/place"]) == ("Sirte", "Jufra")
    assert rows[1]["submitted_by"] == "monitor" and rows[1]["current"] == "yes"


def test_the_export_of_an_unknown_form_is_refused(tmp_path: Path, db) -> None:
    result = invoke("forms", "export", "nothing", "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 1
    assert not (tmp_path / "x.csv").exists()


@needs_odk
def test_the_export_keeps_only_current_versions_unless_asked(phone, db) -> None:
    upload_xlsform("tutorial.xls", (TUTORIAL / "tutorial.xls").read_bytes(), None)
    monitor = phone("monitor")
    monitor.submit(INSTANCES / "tutorial_2012-06-27_11-27-53_w_uuid.xml")
    monitor.submit(INSTANCES / "tutorial_2012-06-27_11-27-53_w_uuid_edited.xml")
    current, every = io.StringIO(), io.StringIO()
    assert export_csv("tutorial", current, None) == 1
    assert export_csv("tutorial", every, None, all_versions=True) == 2
    assert "Dick n Jane" in current.getvalue()
