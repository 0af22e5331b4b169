"""Valid requests, each spoilt a little (a field replaced by an odd value), never make a 500,
and whatever they wrote leaves the audit chain intact."""

from __future__ import annotations

import json
import random

import pytest

from raqib.core import audit

pytestmark = pytest.mark.django_db

ODD = [None, True, 0, -1, 2**63, 10**30, 1.5, "", "٣", "😀", "x" * 400, [], ["2"], {}, [{"party": "lna"}],
       "2021-01-10", "2021-01-10T08:00:00", "2021-01-10T07:00:00Z", "9999-12-31T23:59:59-14:00", "lna", "sirte",
       "triaged", "closed", "verifier", "party", "verified", "could_not_be_verified", "fair", 90, 180]
SPARE_FIELDS = ["outcome", "confidence", "attribution", "attributed_party", "outcome_reason", "occurred_end",
                "killed_min", "killed_max", "response_at", "claimed_end", "filing_party", "items"]


def requests(incident: int, allegation: int) -> list[tuple[str, str, dict]]:
    return [
        ("POST", "/incidents", {"category": "ceasefire_violation", "subtype": "shelling", "place": "sirte",
                                "occurred_start": "2021-01-10T08:00:00Z", "lat": 31.2, "lon": 16.5,
                                "parties": [{"party": "lna", "role": "target"}], "provisions": ["2"]}),
        ("PATCH", f"/incidents/{incident}", {"severity": 2, "parties": [{"party": "gna"}], "provisions": [],
                                             "lat": 31.0}),
        ("POST", f"/incidents/{incident}/verification/transition", {"state": "triaged"}),
        ("POST", f"/incidents/{incident}/verification/assign", {"username": "verifier"}),
        ("POST", f"/incidents/{incident}/sources", {"kind": "testimony", "url": "https://example.org"}),
        ("POST", "/observations", {"method": "heard", "event_class": "flare", "incident": incident,
                                   "observed_start": "2021-01-10T08:00:00Z"}),
        ("POST", "/allegations", {"claimed_start": "2021-01-10T08:00:00Z", "category": "other", "summary": "s",
                                  "language": "en", "filer_kind": "public", "provision": "1"}),
        ("PATCH", f"/allegations/{allegation}", {"incident": incident, "response": "no"}),
        ("POST", "/zones/sirte-triangle/transition", {"status": "suspended"}),
    ]


def test_no_spoilt_request_makes_a_500(as_, make_incident, make_allegation, zone, places, provisions):
    rnd = random.Random(2020)
    clients = [as_(role) for role in ["monitor", "verifier", "chief", "liaison_gna", "public"]]
    base = requests(make_incident(shared_with_jmc=True).pk, make_allegation().pk)
    failures = []
    for _ in range(300):
        method, path, body = rnd.choice(base)
        body = dict(body)
        for _ in range(rnd.randint(0, 2)):
            body[rnd.choice(list(body) + SPARE_FIELDS)] = rnd.choice(ODD)
        response = rnd.choice(clients).call(method, path, json.dumps(body))
        if response.status_code >= 500 or "error" not in response.json() and response.status_code >= 400:
            failures.append((method, path, body, response.status_code))
    assert failures == []
    assert list(audit.verify()) == []
