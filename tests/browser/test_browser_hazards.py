"""The explosive-hazards map layer (hazards.js over map.js), offline, in Chromium."""

from __future__ import annotations

import datetime as dt

from raqib.hazards.services import create_hazard


def _square(lon, lat, half=0.01):
    return {"type": "Polygon", "coordinates": [[[lon - half, lat - half], [lon + half, lat - half],
                                                [lon + half, lat + half], [lon - half, lat + half],
                                                [lon - half, lat - half]]]}


def test_the_hazard_map_draws_each_hazardous_area_for_a_liaison_officer(session, shoot, mission, users):
    for n, (lon, lat, status) in enumerate([(16.5887, 31.2089, "confirmed"), (16.423, 31.2075, "suspected")], 1):
        create_hazard({"code": f"LBY-SRT-{n:04d}", "name": f"Hazard {n}", "status": status,
                       "geometry": _square(lon, lat), "reported_on": dt.date(2021, 1, 4)}, None)
    liaison = session()
    liaison.sign_in("liaison_gna")
    page = liaison.page
    page.goto("/hazards/")
    liaison.wait_for_map()
    page.wait_for_selector("#map[data-hazards-ready='2']", timeout=15_000)
    assert page.locator("#map path.hazard").count() == 2
    shoot(liaison, "en-hazards-map")
    # A click on the drawn area itself (another layer may lie over its centre, so not by position).
    page.locator("#map path.hazard").first.dispatch_event("click")
    page.wait_for_url("**/hazards/*/")
    assert "LBY-SRT-000" in page.content()
    assert liaison.errors == []
