"""Every error is {"error": "..."} with a 4xx, and no input, however odd, makes a 500."""

from __future__ import annotations

import pytest

from raqib.incidents.models import Incident

pytestmark = pytest.mark.django_db


def assert_refused(response, status: int | None = None) -> str:
    assert 400 <= response.status_code < 500, (response.status_code, response.content)
    if status is not None:
        assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    message = response.json()["error"]
    assert isinstance(message, str) and message
    return message


def test_an_unknown_address_under_the_api_answers_json_404(as_):
    for path in ["/api/v1/nothing-here", "/api/v1/incidents/abc", "/api/v2/incidents", "/api/v1/"]:
        assert_refused(as_("monitor").get(path), 404)


def test_a_wrong_method_answers_json_405_naming_the_allowed_ones(as_):
    response = as_("monitor").call("DELETE", "/incidents")
    assert "POST" in assert_refused(response, 405)
    assert "GET" in response["Allow"]


def test_malformed_json_is_a_400_and_saves_nothing(as_, zone):
    message = assert_refused(as_("monitor").call("POST", "/incidents", '{"category": "ceasefire_violation",'), 400)
    assert "JSON" in message
    assert not Incident.objects.exists()


@pytest.mark.parametrize("body", ["[]", "[1, 2]", '"text"', "42", "null", "true"])
def test_a_body_that_is_not_a_json_object_is_a_422(as_, body):
    assert "JSON object" in assert_refused(as_("monitor").call("POST", "/incidents", body), 422)


def test_an_empty_body_is_a_422_asking_for_one(as_):
    assert "body" in assert_refused(as_("monitor").call("POST", "/incidents", ""), 422)


@pytest.mark.parametrize("field,value,status", [
    ("lat", "north", 422),
    ("lat", 91, 422),
    ("lon", -180.5, 422),
    ("killed_min", "many", 422),
    ("killed_min", 10**30, 422),
    ("killed_min", -1, 422),
    ("killed_min", 1.5, 422),
    ("severity", 9, 422),
    ("occurred_start", "2021-01-10T08:00:00", 422),  # naive
    ("occurred_start", "yesterday", 422),
    ("occurred_start", "0001-01-01T00:00:00+01:00", 422),
    ("occurred_start", "9999-12-31T23:59:59-14:00", 422),
    ("description_en", "a\u0000b", 400),  # NUL, refused with the body
    ("description_en", "x" * 20_001, 422),
    ("parties", "lna", 422),
    ("parties", [{"party": "lna", "role": "perpetrator", "extra": 1}], 422),
    ("provisions", [{"number": 2}], 422),
    ("shared_with_jmc", "perhaps", 422),
    ("unknown_field", 1, 422),
    ("category", None, 422),
    ("category", "picnic", 400),
    ("subtype", "grenade_picnic", 400),
    ("time_precision", "eon", 400),
    ("place", "atlantis", 400),
    ("parties", [{"party": "martians", "role": "perpetrator"}], 400),
    ("parties", [{"party": "lna", "role": "bystander"}], 400),
    ("provisions", ["99"], 400),
    ("provisions", [2**70], 422),
    ("occurred_end", "2021-01-09T08:00:00Z", 400),  # before the start
])
def test_odd_incident_input_is_refused_with_a_message_naming_the_problem(as_, incident_payload, zone, field, value,
                                                                          status):
    message = assert_refused(as_("monitor").post_json("/incidents", incident_payload(**{field: value})), status)
    if status == 422:
        assert field in message
    assert not Incident.objects.exists()


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_non_finite_coordinates_are_refused(as_, literal):
    body = ('{"category": "ceasefire_violation", "subtype": "shelling", "occurred_start": "2021-01-10T08:00:00Z",'
            f' "lat": {literal}, "lon": 16.5}}')
    assert "lat" in assert_refused(as_("monitor").call("POST", "/incidents", body), 422)
    assert not Incident.objects.exists()


def test_an_unpaired_surrogate_is_refused(as_, incident_payload):
    body = ('{"category": "ceasefire_violation", "subtype": "shelling", "occurred_start": "2021-01-10T08:00:00Z",'
            ' "lat": 31.2, "lon": 16.5, "description_en": "\\ud800"}')
    assert_refused(as_("monitor").call("POST", "/incidents", body), 400)


def test_a_deeply_nested_body_is_refused(as_):
    assert_refused(as_("monitor").call("POST", "/incidents", "[" * 100_000 + "]" * 100_000), 400)


def test_a_body_over_the_size_limit_is_refused(as_, settings, incident_payload):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    assert_refused(as_("monitor").post_json("/incidents", incident_payload(description_en="x" * 5000)), 413)


def test_arabic_text_is_stored_and_returned_as_written(as_, incident_payload, zone):
    text = "سقوط ثلاث قذائف جنوب سرت"
    response = as_("monitor").post_json("/incidents", incident_payload(description_ar=text, original_language="ar"))
    assert response.status_code == 201
    assert text in response.content.decode("utf-8")
    assert response.json()["description_ar"] == text


@pytest.mark.parametrize("query", [
    "limit=abc", "limit=0", "limit=501", "limit=99999999999999999999999", "cursor=%%%", "cursor=bm90LWpzb24",
    "cursor=WzFd", "cursor=WyJ4IiwgMV0", "cursor=WyIyMDIxLTAxLTEwVDA4OjAwOjAwIiwgMV0", "cursor=" + "A" * 500,
    "cursor=WyIyMDIxLTAxLTEwVDA4OjAwOjAwWiIsIDk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5XQ",
    "bbox=1,2,3", "bbox=a,b,c,d", "bbox=nan,0,1,1", "bbox=0,0,inf,1", "bbox=10,0,5,1", "bbox=0,-91,1,1",
    "since=yesterday", "since=2021-01-10T08:00:00", "until=2021-13-01", "since=2021-02-01&until=2021-01-01",
    "since=0001-01-01T00:00:00%2B01:00", "category=picnic", "subtype=nope", "state=lost", "q=%00",
])
def test_odd_list_parameters_are_refused_with_a_message(as_, query):
    assert_refused(as_("monitor").get(f"/api/v1/incidents?{query}"))


@pytest.mark.parametrize("path", ["/incidents/99999999999999999999999", "/incidents/0",
                                  "/observations/18446744073709551616", "/provisions/99999999999999999999",
                                  "/allegations/9223372036854775808", "/zones/%F0%9F%98%80", "/places/x" + "y" * 3000])
def test_huge_or_odd_ids_are_simply_not_found(as_, path):
    assert_refused(as_("chief").get("/api/v1" + path), 404)


def test_unicode_and_odd_search_text_does_not_break_the_place_search(as_, places):
    for q in ["😀", "'; DROP TABLE geo_place; --", "%", "_", "\\", "ـــ", " "]:
        response = as_("public").get_json("/places", q=q)
        assert response.status_code == 200, (q, response.content)
