"""What the issue's "done when" asks, in a real browser with the network cut off."""

from __future__ import annotations

import re

import pytest

from raqib.incidents.models import Allegation, Incident, Observation
from raqib.verification.models import Verification

pytestmark = pytest.mark.django_db(transaction=True)

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201e5a1c3370000000049454e44ae426082")


def test_a_monitor_files_an_observation_by_clicking_on_the_map(session, shoot, mission, users):
    monitor = session()
    monitor.sign_in("monitor")
    page = monitor.page
    page.goto("/incidents/new/")
    monitor.wait_for_map()
    shoot(monitor, "en-new-observation")
    page.select_option("#id_category", "ceasefire_violation")
    page.select_option("#id_subtype", "shelling")
    page.select_option("#id_event_class", "explosion_impact")
    page.select_option("#id_method", "heard")
    page.fill("#id_count", "3")
    page.fill("#id_observed_start", "2021-01-10T08:00")
    page.fill("#id_observed_end", "2021-01-10T08:30")
    # The gazetteer answers in Arabic or English and moves the map's point to the place.
    page.fill("#place-search", "سرت")
    page.click(".place-choice")
    assert page.input_value("#id_lat").startswith("31.2")
    # Then the monitor clicks on the map itself: the point and the fields follow the click.
    box = page.locator("#map").bounding_box()
    page.locator("#map").click(position={"x": box["width"] * 0.45, "y": box["height"] * 0.55})
    lat, lon = float(page.input_value("#id_lat")), float(page.input_value("#id_lon"))
    assert (lat, lon) != (31.2089, 16.5887)
    assert 19 < lat < 34 and 9 < lon < 26
    page.fill("#id_notes", "Three impacts heard south of Sirte.")
    page.set_input_files("#id_photos", files=[{"name": "crater.png", "mimeType": "image/png", "buffer": PNG}])
    page.click("#report-form button[type=submit]")
    page.wait_for_url(re.compile(r"/incidents/\d+/$"))
    incident = Incident.objects.get()
    assert (round(incident.lat, 4), round(incident.lon, 4)) == (round(lat, 4), round(lon, 4))
    assert incident.place == mission["sirte"] and incident.created_by == users["monitor"]
    assert Observation.objects.get().incident == incident and incident.evidence.count() == 1
    assert page.locator(".thumbs img").count() == 1
    shoot(monitor, "en-incident-as-monitor")
    assert monitor.errors == []


def _move(page, state, **selects):
    page.select_option("#id_state", state)
    for field, value in selects.items():
        page.select_option(f"#id_{field}", value)
    page.click("#transition-form button[type=submit]")
    page.wait_for_selector(".message.success")


def test_a_verifier_takes_an_incident_to_verified_and_the_chief_closes_it(session, shoot, mission, make_incident, users):
    incident = make_incident()
    verifier = session()
    verifier.sign_in("verifier")
    page = verifier.page
    page.goto("/verification/")
    shoot(verifier, "en-verification-queue")
    page.click(f"a:text('{incident.reference}')")
    page.click("button[name=me]")
    _move(page, "triaged")
    _move(page, "under_verification")
    page.fill("#id_findings", "Three craters found at the reported point.")
    _move(page, "findings_drafted", outcome="verified", confidence="fair", attribution="not_attributable")
    # Review and closure are the chief's: the verifier is not offered them.
    assert page.locator("#id_state option[value=reviewed]").count() == 0
    shoot(verifier, "en-incident-as-verifier")

    chief = session()
    chief.sign_in("chief")
    chief.page.goto(f"/incidents/{incident.pk}/")
    _move(chief.page, "reviewed")
    _move(chief.page, "closed")
    assert chief.page.text_content("#verification-state").strip() == "closed"
    verification = Verification.objects.get(incident=incident)
    assert (verification.state, verification.outcome, verification.assigned_to) == ("closed", "verified", users["verifier"])
    shoot(chief, "en-incident-closed")
    assert verifier.errors == [] and chief.errors == []


def test_a_liaison_files_an_allegation_and_gets_404_on_the_other_partys(session, shoot, mission, parties, users):
    from raqib.incidents.services import create_allegation

    theirs = create_allegation({"category": "ceasefire_violation", "claimed_start": _when(), "claimed_end": _when(),
                                "summary": "LNA allegation", "language": "en", "received_at": _when()},
                               users["liaison_lna"])
    liaison = session()
    liaison.sign_in("liaison_gna", "ar")
    page = liaison.page
    page.goto("/allegations/new/")
    liaison.wait_for_map()
    page.select_option("#id_category", "ceasefire_violation")
    page.select_option("#id_claimed_actor", str(parties["lna"].pk))
    page.fill("#id_claimed_start", "2021-01-10T06:00")
    page.fill("#id_claimed_end", "2021-01-10T07:00")
    page.fill("#id_summary", "قصف مدفعي جنوب سرت استهدف مواقعنا.")
    box = page.locator("#map").bounding_box()
    page.locator("#map").click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    shoot(liaison, "ar-new-allegation")
    page.click("#allegation-form button[type=submit]")
    page.wait_for_url(re.compile(r"/allegations/\d+/$"))
    ours = Allegation.objects.get(filed_by=users["liaison_gna"])
    assert ours.filing_party == parties["gna"] and ours.lat is not None
    page.goto("/allegations/")
    assert ours.reference in page.content() and theirs.reference not in page.content()
    shoot(liaison, "ar-our-allegations")
    response = page.goto(f"/allegations/{theirs.pk}/")
    assert response.status == 404
    # The browser logs the 404 itself; nothing else went wrong.
    assert [e for e in liaison.errors if "404" not in e] == []


def _when():
    import datetime as dt

    return dt.datetime(2021, 1, 10, 6, tzinfo=dt.UTC)


VISIBLE_LATIN = """() => {
  const skip = el => el.closest('[translate=no], [dir=auto], script, style, [lang]:not([lang=ar])');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || skip(el) || !node.textContent.trim()) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const text = node.textContent.replace(/\\b(INC|ALG)-\\d+\\b/g, '');
    if (/[A-Za-z]{2,}/.test(text)) found.push(node.textContent.trim());
  }
  return found;
}"""

PAGES = [("dashboard", "/dashboard/"), ("incidents", "/incidents/"), ("incident", None), ("verification", "/verification/"),
         ("allegations", "/allegations/"), ("zones", "/zones/"), ("zone", None), ("mission", "/mission/"),
         ("agreement", "/agreement/"), ("new-observation", "/incidents/new/")]


def test_the_arabic_pages_are_right_to_left_and_fully_translated(session, shoot, mission, make_incident):
    incident = make_incident(shared_with_jmc=True)
    chief = session()
    chief.sign_in("chief", "ar")
    page = chief.page
    urls = {"incident": f"/incidents/{incident.pk}/", "zone": f"/zones/{mission['zone'].pk}/"}
    for name, url in PAGES:
        page.goto(url or urls[name])
        if page.locator("#map").count():
            chief.wait_for_map()
        assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
        assert page.evaluate(VISIBLE_LATIN) == [], name
        shoot(chief, f"ar-{name}")
    # The switch on every page: back to English, same page, left to right.
    page.click(".language-switch button[value=en]")
    page.wait_for_function("document.documentElement.dir === 'ltr'")
    for name, url in PAGES:
        page.goto(url or urls[name])
        if page.locator("#map").count():
            chief.wait_for_map()
        shoot(chief, f"en-{name}")
    assert chief.errors == []


def test_the_map_shows_the_zones_with_the_network_cut_off(session, shoot, mission, make_incident):
    make_incident()
    make_incident(category="foreign_forces", subtype="arrival")
    monitor = session()
    monitor.sign_in("monitor")
    page = monitor.page
    page.goto("/incidents/")
    monitor.wait_for_map()
    assert page.locator("#map path.zone").count() >= 1
    assert page.locator("#map path.town").count() >= 1
    assert page.locator("#map .marker").count() >= 1
    # The outline of Libya is drawn from Raqib's own file: the map has a base with no tiles.
    assert page.locator("#map path").count() > page.locator("#map path.zone, #map path.town").count()
    assert all(re.match(r"^(http://(127\.0\.0\.1|localhost)[:/]|data:)", url) for url in monitor.requests), \
        [u for u in monitor.requests if "127.0.0.1" not in u]
    # Filtering the list redraws the map's incidents (htmx swaps the list, the map follows).
    page.select_option("#id_category", "foreign_forces")
    page.wait_for_selector("#result-count:text('1 incident')")
    page.wait_for_function("document.querySelectorAll('#map .marker').length === 1")
    shoot(monitor, "en-incidents-map-offline")
    assert monitor.errors == []
