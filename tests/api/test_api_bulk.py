"""Filing many incidents at once: all or none, and never more than the cap."""

from __future__ import annotations

import pytest

from raqib.core import audit
from raqib.incidents.models import Incident

pytestmark = pytest.mark.django_db


def test_a_json_list_of_incidents_is_filed_and_their_ids_returned(as_, incident_payload, zone):
    response = as_("monitor").post_json("/incidents/bulk", [incident_payload(), incident_payload(lat=31.1)])
    assert response.status_code == 201, response.content
    created = response.json()["ids"]
    assert sorted(created) == sorted(Incident.objects.values_list("pk", flat=True))
    assert len(created) == 2
    assert list(audit.verify()) == []


def test_an_items_object_is_taken_too(as_, incident_payload):
    response = as_("monitor").post_json("/incidents/bulk", {"items": [incident_payload()]})
    assert response.status_code == 201
    assert Incident.objects.count() == 1


def test_one_bad_incident_files_none_and_is_named(as_, incident_payload):
    items = [incident_payload(), incident_payload(), incident_payload(parties=[{"party": "martians"}])]
    response = as_("monitor").post_json("/incidents/bulk", items)
    assert response.status_code == 400
    assert "2" in response.json()["error"] and "martians" in response.json()["error"]
    assert not Incident.objects.exists()


def test_a_schema_error_names_the_item_and_field(as_, incident_payload):
    response = as_("monitor").post_json("/incidents/bulk", [incident_payload(), incident_payload(lat="x")])
    assert response.status_code == 422
    assert "[1].lat" in response.json()["error"]
    assert not Incident.objects.exists()


def test_a_batch_over_the_cap_is_refused_before_anything_is_read(as_, incident_payload, settings):
    settings.API_MAX_BULK = 3
    response = as_("monitor").post_json("/incidents/bulk", [incident_payload()] * 4)
    assert response.status_code == 422
    assert "3" in response.json()["error"]
    assert not Incident.objects.exists()
    assert as_("monitor").post_json("/incidents/bulk", [incident_payload()] * 3).status_code == 201


@pytest.mark.parametrize("body", [[], {"items": []}, {"items": 3}, {"rows": []}, "\"lots\""])
def test_an_empty_or_shapeless_batch_is_refused(as_, body):
    response = as_("monitor").post_json("/incidents/bulk", body)
    assert response.status_code == 422
    assert response.json()["error"]


def test_a_liaison_may_not_file_in_bulk(as_, incident_payload):
    assert as_("liaison_gna").post_json("/incidents/bulk", [incident_payload()]).status_code == 403
    assert not Incident.objects.exists()


def test_a_batch_sent_again_with_its_idempotency_key_is_written_once_and_answered_alike(as_, incident_payload):
    client = as_("monitor")
    batch = [incident_payload(description_en=f"retry test {i}") for i in range(3)]
    first = client.call("POST", "/incidents/bulk", batch, HTTP_IDEMPOTENCY_KEY="batch-0001")
    again = client.call("POST", "/incidents/bulk", batch, HTTP_IDEMPOTENCY_KEY="batch-0001")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Incident.objects.filter(description_en__startswith="retry test").count() == 3
    other = client.call("POST", "/incidents/bulk", batch[:1], HTTP_IDEMPOTENCY_KEY="batch-0001")
    assert other.status_code == 409 and "Idempotency-Key" in other.json()["error"]
    # Another user's key is their own.
    assert as_("team_leader").call("POST", "/incidents/bulk", batch, HTTP_IDEMPOTENCY_KEY="batch-0001").status_code == 201


def test_a_single_incident_sent_again_with_its_key_is_the_same_incident(as_, incident_payload):
    client = as_("monitor")
    first = client.post_json("/incidents", incident_payload(description_en="once only"))
    assert first.status_code == 201
    keyed = [client.call("POST", "/incidents", incident_payload(description_en="keyed once"), HTTP_IDEMPOTENCY_KEY="k-1")
             for _ in range(2)]
    assert [r.status_code for r in keyed] == [201, 201] and keyed[0].json() == keyed[1].json()
    assert Incident.objects.filter(description_en="keyed once").count() == 1


def test_a_malformed_idempotency_key_is_refused(as_, incident_payload):
    response = as_("monitor").call("POST", "/incidents/bulk", [incident_payload()], HTTP_IDEMPOTENCY_KEY="x" * 201)
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["error"]
