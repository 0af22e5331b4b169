"""Allegations: a liaison officer files and reads their own party's, analysts handle them."""

from __future__ import annotations

import json

import pytest

from raqib.core import audit
from raqib.incidents.models import Allegation

pytestmark = pytest.mark.django_db

BODY = {"claimed_start": "2021-01-10T08:00:00Z", "category": "ceasefire_violation",
        "summary": "تعرضت مواقعنا لقصف مدفعي جنوب سرت", "language": "ar", "claimed_actor": "lna", "place": "sirte"}


def test_a_liaison_files_for_their_own_party_whatever_they_send(as_, parties, places):
    body = {**BODY, "filer_kind": "media", "filing_party": "lna"}
    response = as_("liaison_gna").post_json("/allegations", body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["filer_kind"], created["filing_party"]) == ("party", "gna")
    assert created["reference"].startswith("ALG-")
    assert created["summary"] == BODY["summary"]
    assert Allegation.objects.get().filed_by.username == "liaison_gna"
    assert list(audit.verify()) == []


def test_a_liaison_cannot_read_the_other_partys_allegation(as_, make_allegation):
    allegation = make_allegation("liaison_gna")
    assert as_("liaison_lna").get_json(f"/allegations/{allegation.pk}").status_code == 404
    assert as_("liaison_gna").get_json(f"/allegations/{allegation.pk}").status_code == 200


def test_a_liaison_lists_only_their_own_partys_allegations(as_, make_allegation):
    own = make_allegation("liaison_lna")
    make_allegation("liaison_gna")
    response = as_("liaison_lna").get_json("/allegations")
    assert [a["id"] for a in response.json()["items"]] == [own.pk]
    assert len(as_("verifier").get_json("/allegations").json()["items"]) == 2


def test_the_public_may_neither_file_nor_read_allegations(as_, make_allegation, parties):
    allegation = make_allegation()
    assert as_("public").post_json("/allegations", BODY).status_code == 403
    assert as_("public").get_json("/allegations").status_code == 403
    assert as_("public").get_json(f"/allegations/{allegation.pk}").status_code == 404
    assert Allegation.objects.count() == 1


def test_an_analyst_links_an_allegation_and_records_the_response(as_, make_allegation, make_incident):
    allegation, incident = make_allegation(), make_incident()
    response = as_("verifier").patch_json(f"/allegations/{allegation.pk}", {
        "incident": incident.pk, "response": "We deny it.", "response_at": "2021-01-11T10:00:00+02:00"})
    assert response.status_code == 200, response.content
    allegation.refresh_from_db()
    assert allegation.incident == incident and allegation.response == "We deny it."
    assert response.json()["response_at"] == "2021-01-11T08:00:00Z"
    assert list(audit.verify()) == []


@pytest.mark.parametrize("who,status", [("liaison_gna", 403), ("liaison_lna", 404), ("monitor", 403)])
def test_only_analysts_change_an_allegation(as_, make_allegation, who, status):
    allegation = make_allegation("liaison_gna")
    assert as_(who).patch_json(f"/allegations/{allegation.pk}", {"response": "edited"}).status_code == status
    allegation.refresh_from_db()
    assert allegation.response == ""


@pytest.mark.parametrize("changes,status", [
    ({"incident": 999}, 400), ({"filing_party": "lna"}, 422), ({"summary": "rewritten"}, 422),
    ({"response": None}, 422), ({"response_at": "2021-01-11T10:00:00"}, 422), ({"provision": "77"}, 400),
])
def test_an_invalid_allegation_change_is_refused_and_changes_nothing(as_, make_allegation, changes, status):
    allegation = make_allegation()
    before = audit.snapshot(allegation)
    assert as_("chief").patch_json(f"/allegations/{allegation.pk}", changes).status_code == status
    assert audit.snapshot(allegation) == before


@pytest.mark.parametrize("changes,status", [
    ({"category": "picnic"}, 400),
    ({"claimed_end": "2021-01-01T00:00:00Z"}, 422),
    ({"summary": ""}, 422),
    ({"language": "fr"}, 400),
    ({"claimed_actor": "martians"}, 400),
    ({"lat": float("nan")}, 422),
    ({"claimed_start": "2021-01-10"}, 422),
])
def test_an_invalid_allegation_is_refused_and_nothing_is_saved(as_, parties, places, changes, status):
    body = {**BODY, **changes}
    response = as_("liaison_gna").call("POST", "/allegations", json.dumps(body, allow_nan=True))
    assert response.status_code == status, response.content
    assert response.json()["error"]
    assert not Allegation.objects.exists()
