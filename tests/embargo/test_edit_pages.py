"""The page that corrects an arms-embargo event: who may open it, what it shows, what it saves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client

from raqib.accounts.models import User
from raqib.actors.models import Party
from raqib.core.audit import history
from raqib.embargo.models import EmbargoEvent
from raqib.embargo.services import create_event, update_event
from raqib.geo.models import Place

from form_support import as_shown

AsUser = Callable[[str], Client]
SEEN = dt.datetime(2021, 1, 10, 6, 25, 37, tzinfo=dt.UTC)  # to the second, as a track file has it


@pytest.fixture
def event(users: dict[str, User], bases: dict[str, Place]) -> EmbargoEvent:
    return create_event({"vector": "air", "occurred_at": SEEN, "icao24": "896450", "flag": "TR",
                         "destination": bases["al-khadim-airbase"], "cargo": "Crates unloaded at night."},
                        users["verifier"])


def edit_url(event: EmbargoEvent) -> str:
    return f"/embargo/{event.pk}/edit/"


def test_the_edit_page_shows_the_events_current_values(as_user: AsUser, event: EmbargoEvent,
                                                       bases: dict[str, Place]) -> None:
    response = as_user("verifier").get(edit_url(event))

    assert response.status_code == 200 and event.reference in response.content.decode()
    shown = as_shown(response)
    assert shown["vector"] == ["air"] and shown["occurred_at"] == ["2021-01-10T06:25:37"]
    assert shown["icao24"] == ["896450"] and shown["flag"] == ["TR"] and shown["registration"] == [""]
    assert shown["destination"] == [str(bases["al-khadim-airbase"].pk)]
    assert shown["supplier"] == [""] and shown["lat"] == [""]
    assert shown["cargo"] == ["Crates unloaded at night."] and shown["note"] == [""]


def test_a_valid_edit_changes_the_event_and_records_why(as_user: AsUser, event: EmbargoEvent,
                                                        parties: dict[str, Party]) -> None:
    client = as_user("chief")
    data = as_shown(client.get(edit_url(event)))
    data.update(registration="tc-ogx", callsign="thy6312", supplier=str(parties["wagner"].pk),
                recipient=str(parties["lna"].pk), lat="31.9985", lon="21.1918",
                evidence="Photos from the apron.", note="Panel of Experts letter of 2 February")

    response = client.post(edit_url(event), data)

    assert response.status_code == 302 and response["Location"] == f"/embargo/{event.pk}/"
    event.refresh_from_db()
    assert (event.registration, event.callsign) == ("TC-OGX", "THY6312")  # as the service writes them
    assert (event.supplier, event.recipient) == (parties["wagner"], parties["lna"])
    assert (event.lat, event.lon, event.evidence) == (31.9985, 21.1918, "Photos from the apron.")
    assert event.occurred_at == SEEN and event.cargo == "Crates unloaded at night." and event.state == "suspected"
    entry = history(event).last()
    assert entry is not None and entry.action == "update" and entry.actor_name == "chief"
    assert entry.note == "Panel of Experts letter of 2 February"
    assert entry.before is not None and entry.after is not None
    assert entry.before["registration"] == "" and entry.after["registration"] == "TC-OGX"
    assert "Changes saved." in client.get(response["Location"]).content.decode()


def test_a_form_sent_back_untouched_records_nothing_and_keeps_the_second(as_user: AsUser,
                                                                         event: EmbargoEvent) -> None:
    client = as_user("verifier")
    entries = history(event).count()

    response = client.post(edit_url(event), as_shown(client.get(edit_url(event))))

    assert response.status_code == 302 and history(event).count() == entries
    event.refresh_from_db()
    assert event.occurred_at == SEEN
    assert "Nothing was changed." in client.get(response["Location"]).content.decode()


def test_a_new_time_is_saved(as_user: AsUser, event: EmbargoEvent) -> None:
    client = as_user("verifier")
    client.post(edit_url(event), {**as_shown(client.get(edit_url(event))), "occurred_at": "2021-01-10T07:00"})
    event.refresh_from_db()
    assert event.occurred_at == dt.datetime(2021, 1, 10, 7, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("change", "error"), [
    ({"vector": "sea"}, "Only a delivery by air names an aircraft."),  # refused by the service
    ({"icao24": "zz64z0"}, "six hexadecimal characters"),
    ({"lat": "31.9985"}, "Give both the latitude and the longitude, or neither."),
    ({"occurred_at": ""}, "This field is required."),
    ({"supplier": "999999"}, "Select a valid choice"),
])
def test_an_invalid_edit_shows_the_error_and_changes_nothing(as_user: AsUser, event: EmbargoEvent,
                                                              change: dict[str, str], error: str) -> None:
    client = as_user("chief")
    data = as_shown(client.get(edit_url(event)))
    before = (EmbargoEvent.objects.values().get(pk=event.pk), history(event).count())

    response = client.post(edit_url(event), {**data, "evidence": "Changed.", **change})

    assert response.status_code == 400
    page = response.content.decode()
    assert error in page and "Please correct the fields marked below." in page
    assert "Changed.</textarea>" in page  # what was typed is kept
    assert (EmbargoEvent.objects.values().get(pk=event.pk), history(event).count()) == before


@pytest.mark.parametrize("name", ["monitor", "team_leader"])
def test_staff_who_see_the_event_but_may_not_change_it_get_403(as_user: AsUser, event: EmbargoEvent,
                                                                name: str) -> None:
    client = as_user(name)
    assert client.get(f"/embargo/{event.pk}/").status_code == 200
    assert client.get(edit_url(event)).status_code == 403
    assert client.post(edit_url(event), {"vector": "air", "occurred_at": "2021-01-10T06:00",
                                         "cargo": "Nothing."}).status_code == 403
    event.refresh_from_db()
    assert event.cargo == "Crates unloaded at night."


def test_the_detail_page_offers_the_edit_link_only_to_analysts(as_user: AsUser, event: EmbargoEvent) -> None:
    link = f'href="{edit_url(event)}"'
    for name in ("verifier", "chief", "admin"):
        assert link in as_user(name).get(f"/embargo/{event.pk}/").content.decode(), name
    for name in ("monitor", "team_leader"):
        assert link not in as_user(name).get(f"/embargo/{event.pk}/").content.decode(), name


@pytest.mark.parametrize("name", ["liaison_gna", "public"])
def test_who_cannot_see_the_event_gets_404(as_user: AsUser, event: EmbargoEvent, name: str) -> None:
    client = as_user(name)
    assert client.get(edit_url(event)).status_code == 404
    assert client.post(edit_url(event), {"vector": "air", "occurred_at": "2021-01-10T06:00",
                                         "cargo": "Nothing."}).status_code == 404
    event.refresh_from_db()
    assert event.cargo == "Crates unloaded at night."


def test_a_missing_event_is_404_and_a_visitor_is_sent_to_sign_in(as_user: AsUser, client: Client,
                                                                 event: EmbargoEvent) -> None:
    assert as_user("chief").get("/embargo/999999/edit/").status_code == 404
    response = client.get(edit_url(event))
    assert response.status_code == 302 and response["Location"].startswith("/signin/")


def test_a_change_made_meanwhile_is_not_undone_by_the_form(as_user: AsUser, event: EmbargoEvent) -> None:
    client = as_user("verifier")
    data = as_shown(client.get(edit_url(event)))
    update_event(event, {"cargo": "Armoured vehicles, per the Panel."}, None)

    client.post(edit_url(event), {**data, "flag": "RU"})

    event.refresh_from_db()
    assert (event.flag, event.cargo) == ("RU", "Armoured vehicles, per the Panel.")


def test_the_edit_page_works_in_both_languages(as_user: AsUser, event: EmbargoEvent) -> None:
    client = as_user("chief")
    english = client.get(edit_url(event)).content.decode()
    assert '<html lang="en"' in english and "Why the change was made" in english

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    arabic = client.get(edit_url(event))
    assert arabic.status_code == 200
    page = arabic.content.decode()
    assert '<html lang="ar" dir="rtl">' in page and "Aircraft registration" not in page
