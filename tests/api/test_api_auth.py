"""Tokens, the documentation and the addresses around the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from raqib.accounts.models import ApiToken
from raqib.core import services

pytestmark = pytest.mark.django_db


def test_a_request_without_a_token_is_refused_with_a_json_401(anonymous):
    response = anonymous.get_json("/parties")
    assert response.status_code == 401
    assert "Bearer" in response.json()["error"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer rq_not-a-token", "Bearer " + "x" * 5000,
                                    "Token rq_abc", "Bearer rq_\u00e9\u00e9"])
def test_a_malformed_or_unknown_token_is_refused_with_401(users, client_with_header, header):
    response = client_with_header(header).get_json("/parties")
    assert response.status_code == 401
    assert response.json()["error"]


def test_a_revoked_token_is_refused(as_, tokens):
    ApiToken.objects.update(revoked=True)
    assert as_("monitor").get_json("/parties").status_code == 401


def test_an_inactive_users_token_is_refused(as_, users):
    services.update(users["monitor"], None, {"is_active": False})
    assert as_("monitor").get_json("/parties").status_code == 401


def test_it_records_a_tokens_use_at_most_once_a_minute(as_, users):
    token = ApiToken.objects.get(user=users["monitor"])
    assert token.last_used_at is None
    client = as_("monitor")
    assert client.get_json("/parties").status_code == 200
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    assert client.get_json("/parties").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == first

    # A minute later (and in another process, whose cache knows nothing) it is written again.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    cache.clear()
    assert client.get_json("/parties").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at > first - dt.timedelta(seconds=1)
    assert timezone.now() - token.last_used_at < dt.timedelta(minutes=1)


def test_the_openapi_document_is_served_and_lists_the_paths(anonymous):
    response = anonymous.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["version"] == "1"
    paths = set(document["paths"])
    for expected in ["/incidents", "/incidents/bulk", "/incidents/{incident_id}",
                     "/incidents/{incident_id}/verification", "/incidents/{incident_id}/verification/transition",
                     "/incidents/{incident_id}/verification/assign", "/incidents/{incident_id}/sources",
                     "/observations", "/observations/{observation_id}", "/allegations",
                     "/allegations/{allegation_id}", "/zones", "/zones/{key}", "/zones/{key}/transition",
                     "/places", "/places/{key}", "/parties", "/parties/{key}", "/provisions",
                     "/provisions/{provision_id}", "/audit"]:
        assert "/api/v1" + expected in paths
    assert "bearer" in str(document["components"]["securitySchemes"]).lower()


def test_the_docs_page_loads_its_assets_from_raqib_not_a_cdn(anonymous):
    page = anonymous.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "cdn" not in html and "https://" not in html and "http://" not in html
    for asset in ["swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js"]:
        assert f"/api/v1/docs/assets/{asset}" in html
        assert anonymous.get(f"/api/v1/docs/assets/{asset}").status_code == 200


def test_the_docs_serve_no_file_but_their_own(anonymous):
    response = anonymous.get("/api/v1/docs/assets/settings.py")
    assert response.status_code == 404
    assert response.json()["error"]



def test_an_unknown_address_outside_the_api_is_not_answered_in_json(anonymous):
    response = anonymous.get("/no-such-page-anywhere/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")


def test_wrong_tokens_from_one_address_are_locked_out_with_429_and_other_addresses_are_not(
        users, tokens, client_with_header, settings):
    settings.AXES_FAILURE_LIMIT = 3
    guesser = client_with_header("Bearer rq_guess", REMOTE_ADDR="203.0.113.7")
    assert [guesser.get_json("/parties").status_code for _ in range(3)] == [401, 401, 401]
    locked = guesser.get_json("/parties")
    assert locked.status_code == 429
    assert "minutes" in locked.json()["error"] and int(locked["Retry-After"]) > 0
    # Locked out means even a right token from that address waits out the cool-off.
    right_from_there = client_with_header(f"Bearer {tokens['monitor']}", REMOTE_ADDR="203.0.113.7")
    assert right_from_there.get_json("/parties").status_code == 429
    elsewhere = client_with_header(f"Bearer {tokens['monitor']}", REMOTE_ADDR="198.51.100.2")
    assert elsewhere.get_json("/parties").status_code == 200
