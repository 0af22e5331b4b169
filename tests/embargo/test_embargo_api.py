"""``/api/v1/embargo`` through the real HTTP stack: who reads, who writes, the track upload."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from raqib.embargo.models import EmbargoEvent, TrackImport
from raqib.embargo.services import create_event

from .conftest import AIR_TRACKS, API, SEA_TRACKS

pytestmark = pytest.mark.django_db

EVENT = {"vector": "sea", "occurred_at": "2021-01-14T10:00:00Z", "imo": "9074729", "vessel_name": "Ankara",
         "flag": "tr", "destination": "benghazi-port", "recipient": "lna", "supplier": "wagner",
         "cargo": "Armoured vehicles seen on deck", "evidence": "Satellite image of 14 Jan."}


def post(client, path, body):
    return client.post(API + path, json.dumps(body), content_type="application/json")


def test_an_analyst_records_an_event_and_the_staff_read_it(as_, bases, parties):
    response = post(as_("verifier"), "/embargo/events", EVENT)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["state"], body["flag"], body["destination"], body["recipient"], body["next_states"]) == (
        "suspected", "TR", "benghazi-port", "lna", ["documented"])
    for name in ("monitor", "team_leader", "chief"):
        assert as_(name).get(f"{API}/embargo/events/{body['id']}").status_code == 200
    listed = as_("monitor").get(f"{API}/embargo/events", {"vector": "sea"}).json()["items"]
    assert [e["id"] for e in listed] == [body["id"]]


@pytest.mark.parametrize("name", ["liaison_gna", "liaison_lna", "public"])
def test_liaison_officers_and_the_public_see_nothing(as_, bases, parties, users, name):
    event = create_event({"vector": "air", "occurred_at": dt.datetime(2021, 1, 10, 6, tzinfo=dt.UTC)}, None)
    assert as_(name).get(f"{API}/embargo/events").status_code == 403
    assert as_(name).get(f"{API}/embargo/events/{event.pk}").status_code == 404
    assert as_(name).get(f"{API}/embargo/tracks").status_code == 403


def test_a_monitor_may_not_record_move_or_import(as_, bases, parties):
    assert post(as_("monitor"), "/embargo/events", EVENT).status_code == 403
    event_id = post(as_("verifier"), "/embargo/events", EVENT).json()["id"]
    assert post(as_("monitor"), f"/embargo/events/{event_id}/transition", {"state": "documented"}).status_code == 403
    response = as_("monitor").post(f"{API}/embargo/tracks", AIR_TRACKS, content_type="text/csv")
    assert response.status_code == 403
    assert EmbargoEvent.objects.get().state == "suspected" and TrackImport.objects.count() == 0


def test_a_transition_moves_forward_and_an_illegal_one_is_409(as_, bases, parties):
    event_id = post(as_("verifier"), "/embargo/events", EVENT).json()["id"]
    response = post(as_("chief"), f"/embargo/events/{event_id}/transition", {"state": "panel_finding"})
    assert response.status_code == 409 and "error" in response.json()
    response = post(as_("chief"), f"/embargo/events/{event_id}/transition", {"state": "documented", "note": "Imagery"})
    assert response.status_code == 200 and response.json()["state"] == "documented"
    assert EmbargoEvent.objects.get(pk=event_id).state == "documented"


def test_a_wrong_identifier_is_400_naming_it(as_, bases, parties):
    response = post(as_("verifier"), "/embargo/events", {**EVENT, "imo": "9074728"})
    assert response.status_code == 400 and "imo" in response.json()["error"]
    assert EmbargoEvent.objects.count() == 0


def test_tracks_are_imported_as_a_csv_body_and_the_same_file_again_is_409(as_, bases):
    response = as_("verifier").post(f"{API}/embargo/tracks?name=flights.csv", AIR_TRACKS, content_type="text/csv")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["file_name"], body["rows_read"], body["arrivals_flagged"], len(body["events"])) == (
        "flights.csv", 23, 3, 3)
    again = as_("chief").post(f"{API}/embargo/tracks", AIR_TRACKS, content_type="text/csv")
    assert again.status_code == 409
    assert EmbargoEvent.objects.count() == 3
    listed = as_("monitor").get(f"{API}/embargo/events", {"track_import": body["id"]}).json()["items"]
    assert len(listed) == 3


def test_tracks_are_imported_as_a_multipart_upload(as_, bases):
    upload = SimpleUploadedFile("ais.csv", SEA_TRACKS.encode(), content_type="text/csv")
    response = as_("chief").post(f"{API}/embargo/tracks?vector=sea", {"file": upload})
    assert response.status_code == 201, response.content
    assert (response.json()["file_name"], response.json()["arrivals_flagged"]) == ("ais.csv", 1)


def test_a_malformed_track_file_is_400_naming_the_line_and_writes_nothing(as_, bases):
    broken = AIR_TRACKS.replace("31.9900,21.1800,800", "31.9900,221.1800,800")
    response = as_("verifier").post(f"{API}/embargo/tracks", broken, content_type="text/csv")
    assert response.status_code == 400
    assert response.json()["error"].startswith("Line 4:")
    assert TrackImport.objects.count() == 0 and EmbargoEvent.objects.count() == 0


def test_a_track_upload_of_another_type_is_400(as_, bases):
    response = as_("verifier").post(f"{API}/embargo/tracks", json.dumps({"a": 1}), content_type="application/json")
    assert response.status_code == 400


ODD = [None, True, 0, -1, 2**63, 1.5, "", "٣", "😀", "x" * 400, [], {}, "2021-01-10", "2021-01-10T08:00:00",
       "9999-12-31T23:59:59-14:00", "lna", "benghazi-port", "documented", "sea", "\x00"]


def test_no_spoilt_request_makes_a_500(as_, bases, parties):
    import random

    from raqib.core import audit

    rnd = random.Random(1970)
    event_id = post(as_("verifier"), "/embargo/events", EVENT).json()["id"]
    base = [("/embargo/events", EVENT), (f"/embargo/events/{event_id}/transition", {"state": "documented"})]
    clients = [as_(n) for n in ("monitor", "verifier", "chief", "liaison_gna", "public")]
    failures = []
    for _ in range(150):
        path, body = rnd.choice(base)
        body = dict(body)
        for _ in range(rnd.randint(1, 2)):
            body[rnd.choice([*body, "imo", "icao24", "lat", "incident", "supplier"])] = rnd.choice(ODD)
        response = post(rnd.choice(clients), path, body)
        if response.status_code >= 500 or (response.status_code >= 400 and "error" not in response.json()):
            failures.append((path, body, response.status_code))
    for junk in (b"\xff\xfe", b"identifier,time,lat,lon,altitude_ft\n" + b'"' * 5000, b"\x00" * 10):
        response = as_("verifier").post(f"{API}/embargo/tracks", junk, content_type="text/csv")
        if response.status_code != 400:
            failures.append(("tracks", junk[:20], response.status_code))
    assert failures == []
    assert list(audit.verify()) == []
