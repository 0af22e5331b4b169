"""The admin edits reference data through the services, so the audit chain records it."""

from __future__ import annotations

from django.urls import reverse

from raqib.actors.models import Party
from raqib.core import audit
from raqib.core.models import AuditEntry
from raqib.geo.models import Place


def test_an_admin_adds_a_party_and_the_chain_records_it(as_user, parties):
    client = as_user("admin")
    response = client.post(reverse("admin:actors_party_add"), {
        "key": "jmc", "name_en": "Joint Military Commission", "name_ar": "اللجنة العسكرية المشتركة",
        "kind": "ceasefire_body", "acled_inter": "", "sponsors": [parties["gna"].pk], "notes": "", "source": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    party = Party.objects.get(key="jmc")
    assert list(party.sponsors.all()) == [parties["gna"]]
    entry = AuditEntry.objects.filter(model="actors.party", object_id=str(party.pk)).get()
    assert entry.actor_name == "admin" and entry.action == "create"
    assert list(audit.verify()) == []


def test_an_admin_edits_a_place_keeping_its_variant_names(as_user, db):
    from raqib.geo.services import upsert_place

    place, _ = upsert_place("sirte", {"name_en": "Sirte", "name_ar": "سرت", "lat": 31.2, "lon": 16.6, "kind": "city"},
                            ["Surt"], None)
    response = as_user("admin").post(reverse("admin:geo_place_change", args=[place.pk]), {
        "name_en": "Sirte", "name_ar": "سرت", "kind": "city", "lat": "31.21", "lon": "16.59",
        "precision": "town", "admin_area": "Sirte District", "source": ""})
    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.lat, place.admin_area) == (31.21, "Sirte District")
    assert "Surt" in set(place.names.values_list("name", flat=True))
    assert list(audit.verify()) == []


def test_an_admin_deletes_a_party_with_its_aliases_through_the_chain(as_user, parties):
    client = as_user("admin")
    response = client.post(reverse("admin:actors_party_delete", args=[parties["wagner"].pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Party.objects.filter(key="wagner").exists()
    assert list(audit.verify()) == []


def test_only_administrators_change_reference_data(as_user, parties):
    chief = as_user("chief")
    # The chief is not staff in Django's sense: the admin sends them to its sign-in.
    assert chief.get(reverse("admin:actors_party_changelist")).status_code == 302
    assert Place.objects.count() == 0
