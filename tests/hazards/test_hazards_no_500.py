"""Valid hazard requests, each spoilt a little, never make a 500 and leave the audit chain intact."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

from raqib.core import audit
from raqib.geo.models import Zone
from raqib.hazards.models import HazardArea

from .conftest import ON_ROAD, ApiClient

ODD: list[Any] = [None, True, 0, -1, 2**63, 10**30, 1.5, "", "٣", "😀", "x" * 400, [], ["2"], {}, ["ied"],
                  {"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]}, {"type": "Polygon", "coordinates": "x"},
                  {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]},
                  "2021-01-10", "2021-01-10T07:00:00Z", "9999-12-31", "closed", "active", "clearance", "cleared",
                  "killed", "deminer", "LBY-SRT-0001", "sirte-triangle", 90, 180]
SPARE = ["outcome", "zone", "incident", "area_m2", "hazard", "victims", "lat", "state"]


def test_no_spoilt_hazard_request_makes_a_500(as_: Callable[[str], ApiClient], make_hazard: Callable[..., HazardArea],
                                               zone: Zone) -> None:
    hazard = make_hazard(area_m2=10**9)
    code = hazard.code
    base: list[tuple[str, str, dict[str, Any]]] = [
        ("POST", "/hazards", {"code": "LBY-SRT-0500", "name": "n", "geometry": ON_ROAD, "reported_on": "2021-01-02",
                      "ordnance_types": ["uxo"], "status": "confirmed"}),
        ("PATCH", f"/hazards/{code}", {"name": "n", "area_m2": 10**9, "geometry": ON_ROAD}),
        ("POST", f"/hazards/{code}/transition", {"state": "worked_on"}),
        ("POST", f"/hazards/{code}/land-releases", {"method": "clearance", "area_m2": 10, "operator": "UNMAS",
                                            "started_on": "2021-01-02", "finished_on": "2021-01-03"}),
        ("POST", "/hazards/accidents", {"occurred_at": "2021-01-10T07:00:00Z", "hazard": code, "lat": 31.2, "lon": 16.5,
                                "victims": [{"category": "civilian", "outcome": "killed"}]}),
    ]
    rnd = random.Random(2021)
    clients = [as_(role) for role in ["monitor", "verifier", "chief", "liaison_gna", "public"]]
    failures = []
    for _ in range(300):
        method, path, body = rnd.choice(base)
        body = dict(body)
        for _ in range(rnd.randint(0, 2)):
            body[rnd.choice(list(body) + SPARE)] = rnd.choice(ODD)
        client = rnd.choice(clients)
        response = client.generic(method, "/api/v1" + path, json.dumps(body), content_type="application/json")
        if response.status_code >= 500 or (response.status_code >= 400 and "error" not in response.json()):
            failures.append((path, body, response.status_code))
    for params in ({"state": "x" * 400}, {"zone": "nowhere"}, {"cursor": "garbage"}, {"limit": "0"}):
        response = as_("monitor").get("/api/v1/hazards", params)
        if response.status_code >= 500:
            failures.append(("/hazards", params, response.status_code))
    assert failures == []
    assert list(audit.verify()) == []
