"""``/api/v1/restrictions`` through the real HTTP stack."""

from __future__ import annotations

import json

import pytest

from raqib.movement.models import Restriction

from .conftest import API

pytestmark = pytest.mark.django_db

BODY = {"kind": "denial", "occurred_at": "2021-01-10T08:00:00Z", "party": "lna", "place": "sirte",
        "lat": 31.2089, "lon": 16.5887, "duration_minutes": 90, "reason_given": "No authorisation",
        "task_affected": "Patrol to the eastern gate"}


def post(client, path, body):
    return client.post(API + path, json.dumps(body), content_type="application/json")


def test_a_monitor_records_a_restriction_with_its_zone(as_, zone, sirte):
    response = post(as_("monitor"), "/restrictions", BODY)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["party"], body["place"], body["zone"], body["state"], body["reference"]) == (
        "denial", "lna", "sirte", "sirte-triangle", "reported", f"FOM-{body['id']:06d}")
    assert Restriction.objects.get().created_by.username == "monitor"


@pytest.mark.parametrize(("change", "status"), [
    ({"kind": "roadblock"}, 422), ({"party": "nobody"}, 400), ({"lat": None}, 400),
    ({"duration_minutes": -1}, 422), ({"occurred_at": "2021-01-10T08:00:00"}, 422), ({"extra": 1}, 422),
    ({"party": None}, 400),
])
def test_a_wrong_restriction_is_refused_and_nothing_written(as_, sirte, change, status):
    response = post(as_("team_leader"), "/restrictions", {**BODY, **change})
    assert response.status_code == status and "error" in response.json()
    assert Restriction.objects.count() == 0


def test_liaison_officers_and_the_public_may_not_record(as_, sirte):
    assert post(as_("liaison_gna"), "/restrictions", BODY).status_code == 403
    assert post(as_("public"), "/restrictions", BODY).status_code == 403


def test_the_list_filters_and_a_liaison_sees_only_own_and_shared(as_, make_restriction):
    own = make_restriction(party="gna", kind="delay")
    other = make_restriction(party="lna")
    shared = make_restriction(party="wagner", shared_with_jmc=True, day=20)
    ids = lambda client, **q: [r["id"] for r in client.get(f"{API}/restrictions", q).json()["items"]]  # noqa: E731
    assert ids(as_("monitor")) == [shared.pk, other.pk, own.pk]
    assert set(ids(as_("liaison_gna"))) == {own.pk, shared.pk}
    assert ids(as_("monitor"), kind="delay") == [own.pk]
    assert ids(as_("monitor"), party="wagner") == [shared.pk]
    assert ids(as_("monitor"), since="2021-01-10") == [shared.pk]
    assert as_("liaison_gna").get(f"{API}/restrictions/{other.pk}").status_code == 404
    assert as_("liaison_gna").get(f"{API}/restrictions/{own.pk}").status_code == 200
    assert as_("public").get(f"{API}/restrictions").status_code == 403
    assert as_("monitor").get(f"{API}/restrictions", {"kind": "x"}).status_code == 400


def test_an_analyst_moves_a_restriction_and_an_illegal_move_is_409(as_, make_restriction):
    restriction = make_restriction()
    path = f"/restrictions/{restriction.pk}/transition"
    assert post(as_("monitor"), path, {"state": "resolved"}).status_code == 403
    response = post(as_("verifier"), path, {"state": "raised_with_jmc", "on": "2021-01-12"})
    assert response.status_code == 200, response.content
    assert (response.json()["raised_with_jmc_on"], response.json()["shared_with_jmc"]) == ("2021-01-12", True)
    assert post(as_("chief"), path, {"state": "reported"}).status_code == 409
    restriction.refresh_from_db()
    assert restriction.state == "raised_with_jmc"


def test_the_counts_per_party(as_, make_restriction):
    make_restriction(party="lna", day=3)
    make_restriction(party="lna", day=4, kind="delay")
    make_restriction(party="gna", day=5, shared_with_jmc=True)
    make_restriction(party="wagner", day=25, kind="uav_interference")
    body = as_("chief").get(f"{API}/restrictions/counts", {"since": "2021-01-01", "until": "2021-01-10"}).json()
    assert [(r["party"], r["total"]) for r in body["items"]] == [("lna", 2), ("gna", 1)]
    assert body["items"][0]["by_kind"]["delay"] == 1
    liaison = as_("liaison_gna").get(f"{API}/restrictions/counts").json()
    assert [(r["party"], r["total"]) for r in liaison["items"]] == [("gna", 1)]
    assert as_("chief").get(f"{API}/restrictions/counts", {"since": "2021-02-01", "until": "2021-01-01"}).status_code == 400
    assert as_("public").get(f"{API}/restrictions/counts").status_code == 403


ODD = [None, True, 0, -1, 2**63, 1.5, "", "٣", "😀", "x" * 400, [], {}, "2021-01-10", "2021-01-10T08:00:00",
       "9999-12-31T23:59:59-14:00", "lna", "sirte", "resolved", "\x00", 527041]


def test_no_spoilt_request_makes_a_500(as_, make_restriction, sirte):
    import random

    from raqib.core import audit

    rnd = random.Random(2021)
    restriction = make_restriction()
    base = [("/restrictions", BODY),
            (f"/restrictions/{restriction.pk}/transition", {"state": "raised_with_jmc", "on": "2021-01-12"})]
    clients = [as_(n) for n in ("monitor", "verifier", "chief", "liaison_gna", "public")]
    failures = []
    for _ in range(150):
        path, body = rnd.choice(base)
        body = dict(body)
        for _ in range(rnd.randint(1, 2)):
            body[rnd.choice([*body, "team", "incident", "zone"])] = rnd.choice(ODD)
        response = post(rnd.choice(clients), path, body)
        if response.status_code >= 500 or (response.status_code >= 400 and "error" not in response.json()):
            failures.append((path, body, response.status_code))
    for query in ({"since": "x"}, {"until": "2021-13-01"}, {"party": "😀"}, {"limit": 0}, {"cursor": "zz"}):
        response = as_("chief").get(f"{API}/restrictions", query)
        if response.status_code >= 500:
            failures.append(("list", query, response.status_code))
    assert failures == []
    assert list(audit.verify()) == []
