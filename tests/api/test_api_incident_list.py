"""The incident list: filters, keyset pagination and a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest

from raqib.verification import services as verification

pytestmark = pytest.mark.django_db

DAY = dt.datetime(2021, 1, 10, 8, 0, tzinfo=dt.UTC)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_it_lists_newest_first(as_, make_incident):
    old = make_incident(occurred_start=DAY - dt.timedelta(days=2))
    new = make_incident(occurred_start=DAY)
    assert ids(as_("monitor").get_json("/incidents")) == [new.pk, old.pk]


def test_it_filters_by_bounding_box(as_, make_incident):
    sirte = make_incident()
    benghazi = make_incident(lat=32.1, lon=20.1)
    assert ids(as_("monitor").get_json("/incidents", bbox="16.0,31.0,17.0,31.5")) == [sirte.pk]
    assert ids(as_("monitor").get_json("/incidents", bbox="19.5,31.5,21,33")) == [benghazi.pk]


def test_since_and_until_match_incidents_whose_window_overlaps(as_, make_incident):
    long = make_incident(occurred_start=DAY, occurred_end=DAY + dt.timedelta(days=3))  # 10th to 13th
    short = make_incident(occurred_start=DAY + dt.timedelta(days=5))  # the 15th
    client = as_("monitor")
    assert ids(client.get_json("/incidents", since="2021-01-12T00:00:00Z")) == [short.pk, long.pk]
    assert ids(client.get_json("/incidents", since="2021-01-14")) == [short.pk]
    assert ids(client.get_json("/incidents", until="2021-01-10")) == [long.pk]  # a date: the whole day
    assert ids(client.get_json("/incidents", since="2021-01-11", until="2021-01-12")) == [long.pk]
    assert ids(client.get_json("/incidents", since="2021-01-15T10:00:00+02:00")) == [short.pk]
    # A "+" sent unencoded arrives as a space, and is understood.
    assert ids(client.get("/api/v1/incidents?since=2021-01-15T10:00:00+02:00")) == [short.pk]


def test_it_filters_by_category_and_subtype(as_, make_incident):
    shelling = make_incident()
    arrival = make_incident(category="foreign_forces", subtype="arrival")
    client = as_("monitor")
    assert ids(client.get_json("/incidents", category="foreign_forces")) == [arrival.pk]
    assert ids(client.get_json("/incidents", subtype="shelling")) == [shelling.pk]


def test_it_filters_by_zone_key_or_id(as_, make_incident, zone):
    inside = make_incident()
    make_incident(lat=32.1, lon=20.1)
    assert ids(as_("monitor").get_json("/incidents", zone="sirte-triangle")) == [inside.pk]
    assert ids(as_("monitor").get_json("/incidents", zone=str(zone.pk))) == [inside.pk]
    assert ids(as_("monitor").get_json("/incidents", zone="nowhere")) == []


def test_it_filters_by_party(as_, make_incident, parties):
    accused = make_incident(parties=[(parties["lna"], "alleged_perpetrator")])
    make_incident(parties=[(parties["gna"], "target")])
    assert ids(as_("monitor").get_json("/incidents", party="lna")) == [accused.pk]


def test_a_liaison_filters_by_party_only_among_the_incidents_shared_with_them(as_, make_incident, parties):
    shared = make_incident(shared_with_jmc=True, parties=[(parties["lna"], "alleged_perpetrator")])
    make_incident(parties=[(parties["lna"], "alleged_perpetrator")])
    assert ids(as_("liaison_gna").get_json("/incidents", party="lna")) == [shared.pk]


def test_it_filters_by_verification_state(as_, make_incident, users):
    triaged = make_incident()
    make_incident()
    verification.transition(triaged.verification, "triaged", users["verifier"])
    assert ids(as_("monitor").get_json("/incidents", state="triaged")) == [triaged.pk]


def test_it_finds_text_in_either_description(as_, make_incident):
    english = make_incident(description_en="Mortar rounds near the airport")
    arabic = make_incident(description_en="", description_ar="قذائف هاون قرب المطار")
    assert ids(as_("monitor").get_json("/incidents", q="mortar")) == [english.pk]
    assert ids(as_("monitor").get_json("/incidents", q="هاون")) == [arabic.pk]


def test_a_liaison_lists_only_what_is_shared_with_the_jmc(as_, make_incident):
    shared = make_incident(shared_with_jmc=True)
    make_incident()
    assert ids(as_("liaison_lna").get_json("/incidents")) == [shared.pk]


def test_the_public_may_not_list_incidents(as_, make_incident):
    make_incident()
    assert as_("public").get_json("/incidents").status_code == 403


def test_walking_the_cursor_visits_every_incident_once_in_order(as_, make_incident):
    # Several incidents share a start, so the id must break the tie.
    made = [make_incident(occurred_start=DAY - dt.timedelta(hours=i // 3)) for i in range(11)]
    expected = [i.pk for i in sorted(made, key=lambda i: (i.occurred_start, i.pk), reverse=True)]
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 4, **({"cursor": cursor} if cursor else {})}
        response = as_("monitor").get_json("/incidents", **params)
        seen += ids(response)
        cursor = response.json()["next"]
        pages += 1
        if cursor is None:
            break
    assert seen == expected
    assert pages == 3


def test_a_cursor_keeps_its_place_when_newer_incidents_arrive(as_, make_incident):
    first = [make_incident(occurred_start=DAY - dt.timedelta(hours=i)) for i in range(4)]
    response = as_("monitor").get_json("/incidents", limit=2)
    make_incident(occurred_start=DAY + dt.timedelta(days=1))
    rest = as_("monitor").get_json("/incidents", limit=2, cursor=response.json()["next"])
    assert ids(rest) == [first[2].pk, first[3].pk]


def test_the_list_runs_a_fixed_number_of_queries(as_, make_incident, parties, provisions, places,
                                                 django_assert_max_num_queries):
    for i in range(30):
        make_incident(occurred_start=DAY - dt.timedelta(hours=i), place=places["sirte"],
                      parties=[(parties["lna"], "perpetrator"), (parties["gna"], "target")],
                      provisions=[provisions["ceasefire"]])
    client = as_("verifier")
    client.get_json("/incidents")  # the first request also records the token's use
    with django_assert_max_num_queries(5):
        response = client.get_json("/incidents", limit=30)
    assert len(ids(response)) == 30
    assert all(len(item["parties"]) == 2 for item in response.json()["items"])
