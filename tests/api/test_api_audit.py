"""The audit trail through the API: analysts only, and still intact after API writes."""

from __future__ import annotations

import pytest

from raqib.core import audit

pytestmark = pytest.mark.django_db


def test_an_analyst_reads_an_incidents_history(as_, incident_payload, zone):
    created = as_("monitor").post_json("/incidents", incident_payload()).json()
    as_("monitor").patch_json(f"/incidents/{created['id']}", {"severity": 3, "note": "upgraded"})
    response = as_("verifier").get_json("/audit", model="incidents.incident", object_id=str(created["id"]))
    assert response.status_code == 200
    entries = response.json()["items"]
    assert [e["action"] for e in entries] == ["create", "update"]
    assert entries[1]["actor"] == "monitor" and entries[1]["note"] == "upgraded"
    assert entries[1]["after"]["severity"] == 3
    assert list(audit.verify()) == []


def test_walking_the_audit_trail_visits_every_entry_once_in_order(as_, make_incident):
    for _ in range(3):
        make_incident()
    seen, cursor = [], None
    while True:
        page = as_("chief").get_json("/audit", limit=4, **({"cursor": cursor} if cursor else {})).json()
        seen += [e["seq"] for e in page["items"]]
        if not (cursor := page["next"]):
            break
    assert seen == sorted(set(seen)) == list(range(1, len(seen) + 1))


@pytest.mark.parametrize("role", ["monitor", "team_leader", "liaison_gna", "public"])
def test_only_analysts_read_the_audit_trail(as_, role, make_incident):
    make_incident()
    response = as_(role).get_json("/audit")
    assert response.status_code == 403
    assert response.json()["error"]
