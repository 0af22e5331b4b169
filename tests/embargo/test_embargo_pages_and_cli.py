"""The arms-embargo pages (list, detail, state form, import form) and ``raqib embargo import-tracks``."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile

from raqib.cli import cli
from raqib.embargo.models import EmbargoEvent, TrackImport
from raqib.embargo.services import create_event

from .conftest import AIR_TRACKS

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(users, bases):
    return create_event({"vector": "air", "occurred_at": dt.datetime(2021, 1, 10, 6, tzinfo=dt.UTC),
                         "icao24": "896450", "destination": bases["al-khadim-airbase"]}, users["verifier"])


@pytest.mark.parametrize(("name", "status"), [("monitor", 200), ("verifier", 200), ("chief", 200),
                                              ("liaison_gna", 403), ("public", 403)])
def test_the_pages_answer_each_role(as_user, event, name, status):
    client = as_user(name)
    assert client.get("/embargo/").status_code == status
    assert client.get(f"/embargo/{event.pk}/").status_code == status


def test_the_detail_offers_the_state_form_to_analysts_only(as_user, event):
    assert "Change the state" in as_user("verifier").get(f"/embargo/{event.pk}/").content.decode()
    assert "Change the state" not in as_user("monitor").get(f"/embargo/{event.pk}/").content.decode()


def test_an_analyst_moves_an_event_and_a_monitor_may_not(as_user, event):
    assert as_user("monitor").post(f"/embargo/{event.pk}/state/", {"state": "documented"}).status_code == 403
    response = as_user("chief").post(f"/embargo/{event.pk}/state/", {"state": "documented", "note": "photos"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.state == "documented"
    assert as_user("chief").post(f"/embargo/{event.pk}/state/", {"state": "suspected"}).status_code == 400


def test_the_import_form_flags_the_arrivals(as_user, bases):
    client = as_user("verifier")
    assert client.get("/embargo/import/").status_code == 200
    upload = SimpleUploadedFile("flights.csv", AIR_TRACKS.encode(), content_type="text/csv")
    response = client.post("/embargo/import/", {"file": upload, "vector": "air"})
    assert response.status_code == 302
    assert TrackImport.objects.get().arrivals_flagged == 3 and EmbargoEvent.objects.count() == 3
    listed = client.get(response["Location"]).content.decode()
    assert "flights.csv" in listed and "896450" in listed


def test_the_import_form_shows_the_refusal(as_user, bases):
    upload = SimpleUploadedFile("bad.csv", b"identifier,time\nA,B\n", content_type="text/csv")
    response = as_user("chief").post("/embargo/import/", {"file": upload})
    assert response.status_code == 400 and "Line 1" in response.content.decode()
    assert as_user("monitor").get("/embargo/import/").status_code == 403


def test_the_cli_imports_a_track_file_and_refuses_it_twice(bases, tmp_path):
    path = tmp_path / "flights.csv"
    path.write_text(AIR_TRACKS, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["embargo", "import-tracks", str(path), "--vector", "air"])
    assert result.exit_code == 0, result.output
    assert "23 rows read" in result.output and "3 arrivals flagged" in result.output
    again = runner.invoke(cli, ["embargo", "import-tracks", str(path)])
    assert again.exit_code == 1 and "already imported" in again.output
    other = tmp_path / "other.csv"
    other.write_text(AIR_TRACKS + "X,2021-02-01T00:00:00Z,1,1,0\n", encoding="utf-8")
    wrong = runner.invoke(cli, ["embargo", "import-tracks", str(other), "--vector", "sea"])
    assert wrong.exit_code == 1 and "Line 1" in wrong.output
    usage = runner.invoke(cli, ["embargo", "import-tracks", str(path), "--vector", "rail"])
    assert usage.exit_code == 2
    assert EmbargoEvent.objects.count() == 3
