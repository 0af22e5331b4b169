"""``raqib export``, ``GET /api/v1/exports/{format}`` and the export page."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from raqib.core import access
from raqib.incidents.models import Incident

API = "/api/v1/exports"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


# --- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["acled", "geojson", "hxl", "xlsx"])
def test_raqib_export_writes_the_file_and_its_signed_manifest(mission, invoke, tmp_path, fmt):
    out = tmp_path / f"incidents.{fmt}"
    result = invoke("export", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "4 incidents written" in result.output
    assert Path(f"{out}.manifest.json").exists()
    assert invoke("verify", str(out)).exit_code == 0


def test_raqib_verify_fails_on_an_export_changed_by_one_byte(mission, invoke, tmp_path):
    out = tmp_path / "incidents.csv"
    invoke("export", "acled", "-o", str(out))
    data = bytearray(out.read_bytes())
    data[-3] = ord("9") if data[-3] != ord("9") else ord("8")
    out.write_bytes(bytes(data))
    result = invoke("verify", str(out))
    assert result.exit_code == 1 and "incidents.csv: changed" in result.output


def test_raqib_export_takes_the_filters(mission, invoke, tmp_path):
    out = tmp_path / "f.csv"
    result = invoke("export", "acled", "--since", "2021-01-12", "--until", "2021-02-28", "--zone", "sirte-triangle",
                    "--category", "foreign_forces", "--state", "triaged", "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [r["event_id_cnty"] for r in rows] == [f"LBY{mission['internal'].pk}"]


def test_raqib_export_as_a_liaison_holds_only_their_share(mission, invoke, users, tmp_path):
    out = tmp_path / "liaison.geojson"
    assert invoke("export", "geojson", "--as", "liaison_gna", "-o", str(out)).exit_code == 0
    ids = {f["id"] for f in json.loads(out.read_text())["features"]}
    assert ids == set(access.visible(Incident.objects.all(), users["liaison_gna"]).values_list("pk", flat=True))


@pytest.mark.parametrize(("args", "message"), [
    (["acled", "--as", "public"], "Your role may not export incidents."),
    (["acled", "--as", "nobody"], "No user named"),
    (["acled", "--since", "last week"], "since: not an ISO 8601 date"),
    (["acled", "--zone", "atlantis"], "Unknown zone"),
])
def test_raqib_export_refuses_with_a_message_and_writes_nothing(mission, invoke, tmp_path, args, message):
    out = tmp_path / "refused.csv"
    result = invoke("export", *args, "-o", str(out))
    assert result.exit_code == 1 and message in result.output
    assert list(tmp_path.iterdir()) == []


def test_raqib_export_refuses_an_unknown_format_as_a_usage_error(mission, invoke, tmp_path):
    result = invoke("export", "pdf", "-o", str(tmp_path / "x"))
    assert result.exit_code == 2


# --- the API -----------------------------------------------------------------------------------------


def test_the_api_streams_an_acled_export(mission, tokens):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {tokens['chief']}")
    response = client.get(f"{API}/acled", {"since": "2021-01-01", "zone": "sirte-triangle"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="raqib-incidents-acled-')
    rows = list(csv.DictReader(io.StringIO(body(response).decode())))
    assert len(rows) == 3


def test_the_api_export_applies_the_callers_access(mission, tokens, users):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {tokens['liaison_lna']}")
    response = client.get(f"{API}/geojson")
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    ids = {f["id"] for f in json.loads(body(response))["features"]}
    assert ids == set(access.visible(Incident.objects.all(), users["liaison_lna"]).values_list("pk", flat=True))


def test_the_api_export_is_refused_to_the_public_role(mission, tokens):
    response = Client(HTTP_AUTHORIZATION=f"Bearer {tokens['public']}").get(f"{API}/acled")
    assert response.status_code == 403 and "may not export" in response.json()["error"]


def test_the_api_export_needs_a_token(mission):
    assert Client().get(f"{API}/acled").status_code == 401


@pytest.mark.parametrize(("path", "params", "message"), [
    ("pdf", {}, "Unknown export format"),
    ("acled", {"since": "soon"}, "since: not an ISO 8601"),
    ("acled", {"category": "gossip"}, "Unknown category"),
    ("acled", {"state": "x"}, "Unknown verification state"),
    ("acled", {"zone": "nowhere"}, "Unknown zone"),
])
def test_the_api_answers_a_bad_request_with_a_message(mission, tokens, path, params, message):
    response = Client(HTTP_AUTHORIZATION=f"Bearer {tokens['chief']}").get(f"{API}/{path}", params)
    assert response.status_code == 400 and message in response.json()["error"]


def test_the_api_xlsx_export_opens(mission, tokens, tmp_path):
    response = Client(HTTP_AUTHORIZATION=f"Bearer {tokens['verifier']}").get(f"{API}/xlsx")
    assert response.status_code == 200
    path = tmp_path / "x.xlsx"
    path.write_bytes(body(response))
    assert len(list(openpyxl.load_workbook(path, read_only=True)["Incidents"].iter_rows())) == 5


def test_the_export_endpoint_is_in_the_openapi_document(db):
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/exports/{fmt}" in schema["paths"]


# --- the page ----------------------------------------------------------------------------------------------


def test_the_export_page_shows_the_form_to_staff_and_liaisons(mission, as_user):
    for name in ("monitor", "chief", "liaison_gna"):
        response = as_user(name).get(reverse("web:exports"))
        assert response.status_code == 200 and 'name="format"' in response.content.decode()


def test_the_export_page_is_refused_to_the_public_and_signed_out(mission, as_user, client):
    assert as_user("public").get(reverse("web:exports")).status_code == 403
    assert client.get(reverse("web:exports")).status_code == 302


def test_the_export_page_downloads_the_file_with_the_users_access(mission, as_user, users):
    response = as_user("liaison_lna").get(reverse("web:exports"), {"format": "acled", "since": "", "until": "",
                                                                   "zone": "", "category": "", "state": ""})
    assert response.status_code == 200 and response.streaming
    rows = list(csv.DictReader(io.StringIO(body(response).decode())))
    expected = access.visible(Incident.objects.all(), users["liaison_lna"]).values_list("pk", flat=True)
    assert {int(r["event_id_cnty"][3:]) for r in rows} == set(expected)


def test_the_export_page_says_what_is_wrong(mission, as_user):
    response = as_user("chief").get(reverse("web:exports"), {"format": "acled", "since": "2021-03-01",
                                                             "until": "2021-01-01"})
    assert response.status_code == 400 and "is after" in response.content.decode()


def test_the_menu_offers_exports_to_staff_only(mission, as_user):
    assert reverse("web:exports") in as_user("monitor").get(reverse("web:zones")).content.decode()
    assert reverse("web:exports") not in as_user("public").get(reverse("web:zones")).content.decode()
