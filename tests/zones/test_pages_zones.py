"""The zone pages: checklist, indicators, handover, the recommended next zone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from raqib.geo.models import Handover, Zone, ZoneReadiness


@pytest.fixture
def as_user(users):
    def make(name: str) -> Client:
        client = Client()
        client.force_login(users[name])
        return client

    return make


def test_the_chief_sees_the_checklist_forms_and_records_an_item(as_user, jufra):
    chief = as_user("chief")
    page = chief.get(reverse("web:zone", args=[jufra.pk])).content.decode()
    assert "Readiness checklist" in page and 'value="consent:lna"' in page
    assert "Verified ceasefire violations (last 14 days)" in page

    response = chief.post(reverse("web:zone_readiness", args=[jufra.pk]),
                          {"key": "consent:lna", "met": "on", "note": "Given at the JMC"})

    assert response.status_code == 302
    row = ZoneReadiness.objects.get(zone=jufra)
    assert (row.item, row.party.key, row.met, row.note) == ("consent", "lna", True, "Given at the JMC")
    assert "Given at the JMC" in chief.get(reverse("web:zone", args=[jufra.pk])).content.decode()


def test_a_bad_checklist_key_is_refused_on_the_page(as_user, jufra):
    response = as_user("chief").post(reverse("web:zone_readiness", args=[jufra.pk]), {"key": "consent:nobody"})
    assert response.status_code == 400 and "Unknown party" in response.content.decode()
    response = as_user("chief").post(reverse("web:zone_readiness", args=[jufra.pk]), {"key": "morale"})
    assert response.status_code == 400 and "Unknown readiness item" in response.content.decode()
    assert not ZoneReadiness.objects.exists()


def test_a_liaison_officer_reads_the_checklist_but_cannot_edit_it(as_user, jufra, meet):
    meet(jufra, "security")
    client = as_user("liaison_lna")
    page = client.get(reverse("web:zone", args=[jufra.pk])).content.decode()
    assert "Readiness checklist" in page and 'name="key"' not in page
    assert "Verified ceasefire violations" not in page  # indicators are the staff's
    assert client.post(reverse("web:zone_readiness", args=[jufra.pk]), {"key": "security"}).status_code == 403
    assert client.post(reverse("web:zone_handover", args=[jufra.pk]), {}).status_code == 403
    assert ZoneReadiness.objects.get().met is True


def test_the_public_reads_the_zone_but_not_its_checklist_and_edits_nothing(as_user, zone):
    client = as_user("public")
    response = client.get(reverse("web:zone", args=[zone.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sirte triangle" in page and "Readiness checklist" not in page and "Handover" not in page
    assert client.post(reverse("web:zone_readiness", args=[zone.pk]), {"key": "security", "met": "on"}).status_code == 403
    assert client.post(reverse("web:zone_handover", args=[zone.pk]), {
        "handed_over_on": "2021-06-01", "receiving_authority_en": "X"}).status_code == 403
    assert client.get(reverse("web:zones")).status_code == 200


def test_the_chief_records_the_handover_from_the_zone_page(as_user, zone):
    chief = as_user("chief")
    assert "Record the handover" in chief.get(reverse("web:zone", args=[zone.pk])).content.decode()
    url = reverse("web:zone_handover", args=[zone.pk])
    assert chief.post(url, {"handed_over_on": "2021-06-01"}).status_code == 400  # no authority named

    response = chief.post(url, {"handed_over_on": "2021-06-01", "receiving_authority_en": "Joint Military Force",
                                "receiving_authority_ar": "القوة العسكرية المشتركة"})

    assert response.status_code == 302
    zone.refresh_from_db()
    assert zone.status == "handed_over"
    assert Handover.objects.get(zone=zone).handed_over_on == dt.date(2021, 6, 1)
    page = chief.get(reverse("web:zone", args=[zone.pk])).content.decode()
    assert "Joint Military Force" in page and "Record the handover" not in page
    arabic = chief.get(reverse("web:zone", args=[zone.pk]), HTTP_ACCEPT_LANGUAGE="ar")
    assert arabic.status_code == 200


def test_the_zone_list_shows_the_recommended_next_zone_to_the_staff(as_user, zone, jufra, make_zone):
    make_zone("oil-crescent", phase=3, status="planned")
    page = as_user("monitor").get(reverse("web:zones")).content.decode()
    recommended = page.split('id="recommended-zone"', 1)[1].split("</p>", 1)[0]
    assert "Jufra Area" in recommended and "Oil Crescent" not in recommended
    assert 'id="recommended-zone"' not in as_user("liaison_gna").get(reverse("web:zones")).content.decode()


def test_the_indicators_are_shown_as_of_a_chosen_day(as_user, zone, verified):
    verified(occurred_start=dt.datetime(2021, 1, 10, 8, tzinfo=dt.UTC))
    page = as_user("chief").get(reverse("web:zone", args=[zone.pk]), {"at": "2021-01-15"}).content.decode()
    assert '<dd class="num" id="indicator-violations">1</dd>' in page
    page = as_user("chief").get(reverse("web:zone", args=[zone.pk]), {"at": "2021-02-15"}).content.decode()
    assert '<dd class="num" id="indicator-violations">0</dd>' in page
    assert as_user("chief").get(reverse("web:zone", args=[zone.pk]), {"at": "nonsense"}).status_code == 200


def test_activation_refused_on_the_page_names_the_unmet_items(as_user, jufra, meet):
    meet(jufra, "security", "logistics", "medical", "operational", "consent:gna")
    response = as_user("chief").post(reverse("web:zone_transition", args=[jufra.pk]), {"status": "active"})
    assert response.status_code == 400
    assert "Libyan National Army" in response.content.decode()
    assert Zone.objects.get(pk=jufra.pk).status == "assessment"
