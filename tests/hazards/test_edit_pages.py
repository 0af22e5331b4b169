"""The page that corrects a hazardous area: who may open it, what it shows, what it saves."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from raqib.core.audit import history
from raqib.hazards.models import HazardArea
from raqib.hazards.services import area_m2_of, update_hazard

from form_support import as_shown

from .conftest import OFF_ROAD, ON_ROAD

PageAs = Callable[[str], Client]
MakeHazard = Callable[..., HazardArea]


def edit_url(hazard: HazardArea) -> str:
    return f"/hazards/{hazard.pk}/edit/"


def test_the_edit_page_shows_the_hazards_current_values(page_as: PageAs, make_hazard: MakeHazard) -> None:
    hazard = make_hazard(area_m2=12_345)
    response = page_as("monitor").get(edit_url(hazard))

    assert response.status_code == 200
    page = response.content.decode()
    assert hazard.code in page and 'value="Wadi Jarif junction"' in page
    assert 'value="2021-01-04"' in page and 'value="12345"' in page
    assert "Anti-tank mines seen on the verge." in page
    assert 'name="code"' not in page  # a hazard keeps its code
    shown = as_shown(response)
    assert shown["name"] == ["Wadi Jarif junction"] and shown["reported_on"] == ["2021-01-04"]
    assert shown["ordnance_types"] == ["at_mine", "uxo"] and shown["status"] == ["confirmed"]
    assert shown["area_m2"] == ["12345"] and shown["contamination_evidence"] == ["Anti-tank mines seen on the verge."]
    assert json.loads(shown["geometry"][0]) == ON_ROAD and shown["note"] == [""]


def test_a_valid_edit_changes_the_hazard_and_records_why(page_as: PageAs, make_hazard: MakeHazard) -> None:
    hazard = make_hazard(status="suspected", area_m2=12_345)
    client = page_as("team_leader")
    data = as_shown(client.get(edit_url(hazard)))
    data.update(name="Wadi Jarif junction (east)", status="confirmed", ordnance_types=["uxo"],
                contamination_evidence="Two anti-tank mines found.", note="Survey report of 12 January")

    response = client.post(edit_url(hazard), data)

    assert response.status_code == 302 and response["Location"] == f"/hazards/{hazard.pk}/"
    hazard.refresh_from_db()
    assert (hazard.name, hazard.status, hazard.ordnance_types) == ("Wadi Jarif junction (east)", "confirmed", ["uxo"])
    assert hazard.contamination_evidence == "Two anti-tank mines found." and hazard.area_m2 == 12_345
    entry = history(hazard).last()
    assert entry is not None and entry.action == "update" and entry.actor_name == "team_leader"
    assert entry.note == "Survey report of 12 January"
    assert entry.before is not None and entry.after is not None
    assert entry.before["status"] == "suspected" and entry.after["status"] == "confirmed"
    assert "Changes saved." in client.get(response["Location"]).content.decode()


def test_a_new_polygon_gets_its_area_computed_unless_the_area_changes_too(page_as: PageAs,
                                                                          make_hazard: MakeHazard) -> None:
    hazard = make_hazard(area_m2=12_345)
    client = page_as("monitor")
    data = as_shown(client.get(edit_url(hazard)))

    client.post(edit_url(hazard), {**data, "geometry": json.dumps(OFF_ROAD)})
    hazard.refresh_from_db()
    assert hazard.geometry == OFF_ROAD and hazard.area_m2 == area_m2_of_polygon(OFF_ROAD)

    data = as_shown(client.get(edit_url(hazard)))
    client.post(edit_url(hazard), {**data, "geometry": json.dumps(ON_ROAD), "area_m2": "9000"})
    hazard.refresh_from_db()
    assert hazard.geometry == ON_ROAD and hazard.area_m2 == 9000


def test_an_emptied_area_is_computed_from_the_polygon(page_as: PageAs, make_hazard: MakeHazard) -> None:
    hazard = make_hazard(area_m2=12_345)
    client = page_as("monitor")
    client.post(edit_url(hazard), {**as_shown(client.get(edit_url(hazard))), "area_m2": ""})
    hazard.refresh_from_db()
    assert hazard.area_m2 == area_m2_of_polygon(ON_ROAD)


def area_m2_of_polygon(geometry: dict[str, Any]) -> int:
    from shapely.geometry import shape

    return area_m2_of(shape(geometry))


def test_a_form_sent_back_untouched_records_nothing(page_as: PageAs, make_hazard: MakeHazard) -> None:
    hazard = make_hazard(area_m2=12_345)
    client = page_as("monitor")
    entries = history(hazard).count()

    response = client.post(edit_url(hazard), as_shown(client.get(edit_url(hazard))))

    assert response.status_code == 302 and history(hazard).count() == entries
    assert "Nothing was changed." in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(("change", "error"), [
    ({"geometry": '{"type": "Point", "coordinates": [16.4, 31.2]}'}, "Polygon"),
    ({"geometry": "not json"}, "This is not valid JSON."),
    ({"status": "suspected"}, "Select a valid choice"),  # a confirmed area is never downgraded
    ({"name": ""}, "This field is required."),
])
def test_an_invalid_edit_shows_the_error_and_changes_nothing(page_as: PageAs, make_hazard: MakeHazard,
                                                              change: dict[str, str], error: str) -> None:
    hazard = make_hazard()
    client = page_as("monitor")
    data = as_shown(client.get(edit_url(hazard)))
    before = (HazardArea.objects.values().get(pk=hazard.pk), history(hazard).count())

    response = client.post(edit_url(hazard), {**data, "contamination_evidence": "Changed.", **change})

    assert response.status_code == 400
    page = response.content.decode()
    assert error in page and "Please correct the fields marked below." in page
    assert "Changed.</textarea>" in page  # what was typed is kept
    assert (HazardArea.objects.values().get(pk=hazard.pk), history(hazard).count()) == before


def test_a_refusal_of_the_service_is_shown_on_the_form(page_as: PageAs, make_hazard: MakeHazard) -> None:
    ring = [[round(16.5 + 0.01 * math.cos(2 * math.pi * i / 5_001), 6),
             round(30.9 + 0.01 * math.sin(2 * math.pi * i / 5_001), 6)] for i in range(5_001)]
    hazard = make_hazard()
    client = page_as("monitor")
    polygon = {"type": "Polygon", "coordinates": [ring + ring[:1]]}
    data = as_shown(client.get(edit_url(hazard)))
    response = client.post(edit_url(hazard), {**data, "geometry": json.dumps(polygon)})
    assert response.status_code == 400 and "The polygon has more than 5000 points." in response.content.decode()
    hazard.refresh_from_db()
    assert hazard.geometry == ON_ROAD


@pytest.mark.parametrize("name", ["liaison_gna", "liaison_lna"])
def test_a_liaison_officer_sees_the_hazard_but_may_not_edit_it(page_as: PageAs, make_hazard: MakeHazard,
                                                               name: str) -> None:
    hazard = make_hazard()
    client = page_as(name)
    assert client.get(f"/hazards/{hazard.pk}/").status_code == 200
    assert client.get(edit_url(hazard)).status_code == 403
    assert client.post(edit_url(hazard), {"name": "Renamed"}).status_code == 403
    hazard.refresh_from_db()
    assert hazard.name == "Wadi Jarif junction"


def test_the_detail_page_offers_the_edit_link_only_to_those_who_may_edit(page_as: PageAs,
                                                                        make_hazard: MakeHazard) -> None:
    hazard = make_hazard()
    link = f'href="{edit_url(hazard)}"'
    for name in ("monitor", "team_leader", "verifier", "chief", "admin"):
        assert link in page_as(name).get(f"/hazards/{hazard.pk}/").content.decode(), name
    assert link not in page_as("liaison_gna").get(f"/hazards/{hazard.pk}/").content.decode()


def test_who_cannot_see_the_hazard_gets_404(page_as: PageAs, make_hazard: MakeHazard) -> None:
    hazard = make_hazard()
    public = page_as("public")
    assert public.get(edit_url(hazard)).status_code == 404
    assert public.post(edit_url(hazard), {"name": "Renamed"}).status_code == 404
    assert page_as("chief").get("/hazards/999999/edit/").status_code == 404
    hazard.refresh_from_db()
    assert hazard.name == "Wadi Jarif junction"


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client: Client, make_hazard: MakeHazard) -> None:
    response = client.get(edit_url(make_hazard()))
    assert response.status_code == 302 and response["Location"].startswith("/signin/")


def test_a_change_made_meanwhile_is_not_undone_by_the_form(page_as: PageAs, make_hazard: MakeHazard) -> None:
    hazard = make_hazard()
    client = page_as("monitor")
    data = as_shown(client.get(edit_url(hazard)))
    update_hazard(hazard, {"contamination_evidence": "Corrected by someone else."}, None)

    client.post(edit_url(hazard), {**data, "name": "Wadi Jarif east"})

    hazard.refresh_from_db()
    assert (hazard.name, hazard.contamination_evidence) == ("Wadi Jarif east", "Corrected by someone else.")


def test_the_edit_page_works_in_both_languages(page_as: PageAs, make_hazard: MakeHazard) -> None:
    hazard = make_hazard()
    client = page_as("chief")
    english = client.get(edit_url(hazard)).content.decode()
    assert '<html lang="en"' in english and "Why the change was made" in english

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    arabic = client.get(edit_url(hazard))
    assert arabic.status_code == 200
    page = arabic.content.decode()
    assert '<html lang="ar" dir="rtl">' in page and "Reported on" not in page
