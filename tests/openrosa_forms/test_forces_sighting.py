"""The foreign-forces sighting form: a phone reports foreign forces seen; it becomes an incident,
and a reported movement when an analyst or the chief sends an arrival or departure."""

from __future__ import annotations

import datetime as dt

import pytest

from raqib.actors.services import upsert_party
from raqib.forces.models import Contingent, ForceMovement
from raqib.forces.services import transition_movement, upsert_contingent
from raqib.incidents.models import Evidence, Incident, Observation
from raqib.openrosa import builtin
from raqib.openrosa.models import Submission

from .support import PHOTO, instance

pytestmark = pytest.mark.django_db

FORM = "raqib_forces_sighting"


@pytest.fixture
def wagner(parties) -> Contingent:
    russia, _ = upsert_party("russia", {"name_en": "Russia", "name_ar": "روسيا", "kind": "foreign_state"}, {}, None)
    contingent, _ = upsert_contingent("wagner", {"name_en": "Wagner Group", "name_ar": "مجموعة فاغنر",
                                                 "sponsor": russia, "actor": parties["wagner"],
                                                 "kind": "private_military_company"}, [], None)
    return contingent


def sighting(instance_id: str = "uuid:f1", deprecated: str = "", **values: str) -> bytes:
    base = {"observed_start": "2021-01-10T07:40:00.000+02:00", "observed_end": "2021-01-10T07:55:00.000+02:00",
            "location": "31.2089 16.5887 12.0 5.0", "subtype": "arrival", "count": "40", "estimate_max": "60",
            "contingent": "Russian speakers, no insignia", "contingent_key": "wagner",
            "notes": "Two Il-76 unloaded at the airbase", "photo": "apron.jpg"}
    return instance(FORM, {**base, **values}, instance_id, deprecated)


def test_a_sighting_from_a_monitor_becomes_a_foreign_forces_incident_and_observation(published, phone, wagner,
                                                                                    parties, users) -> None:
    response = phone("monitor").submit(sighting(), ("apron.jpg", PHOTO))
    assert response.status_code == 201
    incident = Incident.objects.get()
    assert (incident.category, incident.subtype, incident.lat, incident.lon) == (
        "foreign_forces", "arrival", 31.2089, 16.5887)
    assert incident.occurred_start == dt.datetime(2021, 1, 10, 5, 40, tzinfo=dt.UTC)
    assert incident.description_en.startswith("Two Il-76 unloaded at the airbase")
    assert "Counted: 40 (estimated up to 60)." in incident.description_en
    assert [(r.party, r.role) for r in incident.party_roles.all()] == [(parties["wagner"], "involved")]
    observation = Observation.objects.get()
    assert (observation.incident, observation.count, observation.event_class) == (incident, 40, "movement")
    assert Evidence.objects.get().incident == incident
    # The monitor's arrival is a reported movement: it counts only once an analyst verifies it.
    movement = ForceMovement.objects.get()
    assert (movement.state, movement.incident, movement.personnel_min) == ("reported", incident, 40)
    assert builtin.records_of(Submission.objects.get(), Incident) == [incident]


def test_an_arrival_sent_by_the_chief_records_a_reported_movement_too(published, phone, wagner) -> None:
    assert phone("chief").submit(sighting()).status_code == 201
    movement = ForceMovement.objects.get()
    incident = Incident.objects.get()
    assert (movement.contingent, movement.kind, movement.state, movement.occurred_on) == (
        wagner, "arrival", "reported", dt.date(2021, 1, 10))
    assert (movement.personnel_min, movement.personnel_max, movement.incident) == (40, 60, incident)
    assert builtin.records_of(Submission.objects.get(), ForceMovement) == [movement]


def test_a_presence_sighting_records_no_movement(published, phone, wagner) -> None:
    assert phone("chief").submit(sighting(subtype="presence")).status_code == 201
    assert Incident.objects.get().subtype == "presence" and not ForceMovement.objects.exists()


def test_an_unknown_contingent_key_is_written_into_the_description(published, phone, wagner) -> None:
    assert phone("chief").submit(sighting(contingent_key="nosuchforce")).status_code == 201
    incident = Incident.objects.get()
    assert "The contingent key “nosuchforce” is not known." in incident.description_en
    assert "Russian speakers, no insignia" in incident.description_en
    assert not incident.party_roles.exists() and not ForceMovement.objects.exists()


def test_the_contingent_is_found_from_its_name_when_no_key_is_given(published, phone, wagner) -> None:
    assert phone("chief").submit(sighting(contingent_key="", contingent="wagner group")).status_code == 201
    assert ForceMovement.objects.get().contingent == wagner


def test_arabic_notes_make_an_arabic_description(published, phone, wagner) -> None:
    assert phone("monitor").submit(sighting(notes="طائرتان هبطتا في القاعدة", photo="")).status_code == 201
    incident = Incident.objects.get()
    assert incident.original_language == "ar" and incident.description_en == ""
    assert incident.description_ar.startswith("طائرتان هبطتا في القاعدة") and "العدد المعدود: 40" in incident.description_ar


def test_an_edit_updates_the_incident_and_the_movement_instead_of_duplicating(published, phone, wagner) -> None:
    chief = phone("chief")
    chief.submit(sighting())
    edit = sighting(instance_id="uuid:f2", deprecated="uuid:f1", subtype="departure", count="30", estimate_max="")
    assert chief.submit(edit).status_code == 201
    incident = Incident.objects.get()
    movement = ForceMovement.objects.get()
    assert incident.subtype == "departure" and "Counted: 30." in incident.description_en
    assert (movement.kind, movement.personnel_min, movement.personnel_max) == ("departure", 30, 30)
    assert Observation.objects.count() == 1
    again = Submission.objects.get(instance_id="uuid:f2")
    assert builtin.records_of(again, Incident) == [incident] and builtin.records_of(again, ForceMovement) == [movement]


def test_an_edit_leaves_a_verified_movement_alone(published, phone, wagner, users) -> None:
    chief = phone("chief")
    chief.submit(sighting())
    transition_movement(ForceMovement.objects.get(), "verified", users["verifier"])
    assert chief.submit(sighting(instance_id="uuid:f2", deprecated="uuid:f1", count="5", estimate_max="")
                        ).status_code == 201
    movement = ForceMovement.objects.get()
    assert (movement.state, movement.personnel_min) == ("verified", 40)


@pytest.mark.parametrize("bad", [{"subtype": "shelling"}, {"count": "0"}, {"estimate_max": "10"},
                                 {"observed_start": "yesterday"}])
def test_a_bad_value_is_refused_and_nothing_is_kept(published, phone, wagner, bad) -> None:
    response = phone("monitor").submit(sighting(**bad), ("apron.jpg", PHOTO))
    assert response.status_code == 400
    assert next(iter(bad)) in response.content.decode()
    assert not Submission.objects.exists() and not Incident.objects.exists() and not Evidence.objects.exists()
