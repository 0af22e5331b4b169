"""The freedom-of-movement pages: list with counts per party, detail, record and state forms."""

from __future__ import annotations

import pytest

from raqib.movement.models import Restriction

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "status"), [("monitor", 200), ("team_leader", 200), ("chief", 200),
                                              ("liaison_gna", 200), ("public", 403)])
def test_the_list_answers_each_role(as_user, make_restriction, name, status):
    make_restriction()
    assert as_user(name).get("/restrictions/").status_code == status


def test_the_list_counts_per_party_for_the_period(as_user, make_restriction):
    make_restriction(party="wagner", day=3)
    make_restriction(party="wagner", day=4)
    make_restriction(party="lna", day=40)
    page = as_user("chief").get("/restrictions/", {"since": "2021-01-01", "until": "2021-01-31"}).content.decode()
    counts = page.split('id="counts"')[1].split("</table>")[0]
    assert "Wagner Group" in counts and "Libyan National Army" not in counts
    assert "<strong>2</strong>" in counts


def test_a_liaison_opens_their_own_partys_restriction_but_not_the_others(as_user, make_restriction):
    own, other = make_restriction(party="gna"), make_restriction(party="lna")
    client = as_user("liaison_gna")
    assert client.get(f"/restrictions/{own.pk}/").status_code == 200
    assert client.get(f"/restrictions/{other.pk}/").status_code == 404
    assert "Change the state" not in client.get(f"/restrictions/{own.pk}/").content.decode()


def test_a_team_leader_records_a_restriction(as_user, parties, sirte, zone):
    client = as_user("team_leader")
    assert client.get("/restrictions/new/").status_code == 200
    response = client.post("/restrictions/new/", {
        "kind": "delay", "occurred_at": "2021-01-10T08:00", "duration_minutes": "45", "party": parties["gna"].pk,
        "task_affected": "Patrol to Abu Grein", "place": sirte.pk, "lat": "31.2", "lon": "16.6"})
    assert response.status_code == 302, response.content.decode()
    restriction = Restriction.objects.get()
    assert (restriction.kind, restriction.party, restriction.zone, restriction.duration_minutes) == (
        "delay", parties["gna"], zone, 45)
    refused = client.post("/restrictions/new/", {"kind": "delay", "occurred_at": "2021-01-10T08:00"})
    assert refused.status_code == 400 and Restriction.objects.count() == 1
    assert as_user("liaison_gna").get("/restrictions/new/").status_code == 403


def test_an_analyst_raises_it_with_the_jmc_from_the_page(as_user, make_restriction):
    restriction = make_restriction()
    assert as_user("monitor").post(f"/restrictions/{restriction.pk}/state/", {"state": "resolved"}).status_code == 403
    response = as_user("verifier").post(f"/restrictions/{restriction.pk}/state/",
                                        {"state": "raised_with_jmc", "on": "2021-01-08"})
    assert response.status_code == 302
    restriction.refresh_from_db()
    assert restriction.state == "raised_with_jmc" and restriction.shared_with_jmc
    assert as_user("verifier").post(f"/restrictions/{restriction.pk}/state/", {"state": "reported"}).status_code == 400


def test_the_pages_render_right_to_left_in_arabic(as_user, make_restriction, settings):
    restriction = make_restriction(party="wagner")
    client = as_user("chief")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    for path in ("/restrictions/", f"/restrictions/{restriction.pk}/", "/restrictions/new/", "/embargo/",
                 "/embargo/import/"):
        response = client.get(path)
        assert response.status_code == 200 and '<html lang="ar" dir="rtl">' in response.content.decode()
    assert "مجموعة فاغنر" in client.get("/restrictions/").content.decode()
