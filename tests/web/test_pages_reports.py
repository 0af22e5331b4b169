"""A monitor files what the team saw: an incident, its observation and photos, through the services."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from raqib.core import audit
from raqib.incidents.models import Evidence, Incident, Observation

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def report(**overrides):
    data = {
        "category": "ceasefire_violation", "subtype": "shelling", "method": "heard",
        "event_class": "explosion_impact", "observed_start": "2021-01-10T08:00", "observed_end": "2021-01-10T08:30",
        "time_precision": "hour", "lat": "31.1", "lon": "16.6", "location_precision": "exact", "count": "3",
        "severity": "2", "notes": "Three impacts south of the city.", "language": "en",
    }
    data.update(overrides)
    return data


def test_a_monitor_files_an_observation_that_becomes_an_incident(as_user, zone, place, users):
    photo = SimpleUploadedFile("crater.png", PNG, content_type="image/png")
    response = as_user("monitor").post(reverse("web:new_report"), {**report(place=place.pk), "photos": [photo]})
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert response["Location"] == reverse("web:incident", args=[incident.pk])
    assert (incident.category, incident.subtype, incident.zone_id, incident.place_id) == (
        "ceasefire_violation", "shelling", zone.pk, place.pk)
    assert incident.created_by == users["monitor"] and incident.verification.state == "received"
    assert incident.description_en == "Three impacts south of the city."
    # The window was typed in the mission's time zone; without an agreement that is UTC.
    assert incident.occurred_start.isoformat() == "2021-01-10T08:00:00+00:00"
    observation = Observation.objects.get()
    assert (observation.incident_id, observation.count, observation.method) == (incident.pk, 3, "heard")
    evidence = Evidence.objects.get()
    assert (evidence.incident_id, evidence.media_type, evidence.size) == (incident.pk, "image/png", len(PNG))
    assert list(audit.verify()) == []


def test_the_window_is_read_in_the_mission_time_zone(as_user, zone, agreement):
    as_user("monitor").post(reverse("web:new_report"), report())
    # Africa/Tripoli is UTC+2.
    assert Incident.objects.get().occurred_start.isoformat() == "2021-01-10T06:00:00+00:00"


def test_a_subtype_of_another_category_is_refused(as_user, zone):
    response = as_user("monitor").post(reverse("web:new_report"), report(subtype="mine_sighting"))
    assert response.status_code == 400
    assert Incident.objects.count() == 0


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_recorded(as_user, zone):
    fake = SimpleUploadedFile("x.png", b"<script>alert(1)</script>", content_type="image/png")
    response = as_user("monitor").post(reverse("web:new_report"), {**report(), "photos": [fake]})
    assert response.status_code == 400
    assert Incident.objects.count() == 0 and Observation.objects.count() == 0


def test_a_liaison_may_not_file_observations(as_user, zone):
    assert as_user("liaison_gna").post(reverse("web:new_report"), report()).status_code == 403
    assert Incident.objects.count() == 0


def test_an_observation_and_photos_are_added_to_an_incident(as_user, make_incident):
    incident = make_incident()
    client = as_user("team_leader")
    data = {k: v for k, v in report().items() if k in ("method", "event_class", "observed_start", "observed_end",
                                                        "count", "notes")}
    assert client.post(reverse("web:new_observation", args=[incident.pk]), data).status_code == 302
    assert incident.observations.count() == 1
    photo = SimpleUploadedFile("a.png", PNG, content_type="image/png")
    assert client.post(reverse("web:add_photos", args=[incident.pk]), {"photos": [photo]}).status_code == 302
    assert incident.evidence.count() == 1


def test_the_gazetteer_search_finds_a_place_by_its_arabic_or_english_name(as_user, place):
    client = as_user("monitor")
    for query in ("سرت", "sirte", "Surt"):
        page = client.get(reverse("web:place_search"), {"q": query}).content.decode()
        assert f'data-place-id="{place.pk}"' in page, query
    assert "data-place-id" not in client.get(reverse("web:place_search"), {"q": "Benghazi"}).content.decode()


def test_the_map_data_follows_the_filters_and_aggregates(as_user, make_incident, zone):
    make_incident()
    make_incident(category="foreign_forces", subtype="arrival")
    client = as_user("monitor")
    cells = client.get(reverse("web:map_incidents"), {"zoom": "5"}).json()["cells"]
    assert sum(c["count"] for c in cells) == 2 and len(cells) == 1
    one = client.get(reverse("web:map_incidents"), {"zoom": "5", "category": "foreign_forces"}).json()["cells"]
    assert len(one) == 1 and one[0]["count"] == 1 and one[0]["url"].startswith("/incidents/")
    zones = client.get(reverse("web:map_zones")).json()
    assert zones["features"][0]["properties"]["status"] == "active"


def test_the_list_filters_by_text_and_reference(as_user, make_incident):
    first = make_incident(description_en="Tank column near Abu Grein")
    make_incident()
    client = as_user("monitor")
    page = client.get(reverse("web:incidents"), {"text": "abu grein"}).content.decode()
    assert first.reference in page and "1 incident" in page
    page = client.get(reverse("web:incidents"), {"text": first.reference}).content.decode()
    assert "1 incident" in page
    partial = client.get(reverse("web:incidents"), {"text": "nothing"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "0 incidents" in partial
