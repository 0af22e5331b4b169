"""The movement restriction form: a phone records a restriction on the team's freedom of movement."""

from __future__ import annotations

import datetime as dt

import pytest

from raqib.movement.models import Restriction
from raqib.movement.services import transition_restriction
from raqib.openrosa import builtin
from raqib.openrosa.models import Submission, SubmissionAttachment

from .support import PHOTO, instance

pytestmark = pytest.mark.django_db

FORM = "raqib_movement_restriction"


def restriction(instance_id: str = "uuid:m1", deprecated: str = "", **values: str) -> bytes:
    base = {"kind": "denial", "occurred_at": "2021-01-10T09:15:00.000+02:00", "duration_minutes": "45",
            "location": "31.2089 16.5887 12.0 5.0", "party": "lna", "actor_description": "Checkpoint at km 12",
            "reason_given": "No authorisation from the command", "task_affected": "Visit to the Wadi Jarif bridge",
            "description": "Stopped and turned back", "photo": "checkpoint.jpg"}
    return instance(FORM, {**base, **values}, instance_id, deprecated)


def test_a_restriction_from_a_phone_is_recorded_with_its_party_team_and_zone(published, phone, team, zone,
                                                                             parties, users) -> None:
    response = phone("monitor").submit(restriction(), ("checkpoint.jpg", PHOTO))
    assert response.status_code == 201
    r = Restriction.objects.get()
    assert (r.kind, r.party, r.actor_description, r.lat, r.lon) == (
        "denial", parties["lna"], "Checkpoint at km 12", 31.2089, 16.5887)
    assert r.occurred_at == dt.datetime(2021, 1, 10, 7, 15, tzinfo=dt.UTC)
    assert (r.duration_minutes, r.reason_given, r.task_affected, r.description) == (
        45, "No authorisation from the command", "Visit to the Wadi Jarif bridge", "Stopped and turned back")
    assert (r.team, r.zone, r.state, r.created_by) == (team, zone, "reported", users["monitor"])
    submission = Submission.objects.get()
    assert builtin.records_of(submission, Restriction) == [r]
    # Restrictions keep no evidence: the photo stays with the submission.
    assert SubmissionAttachment.objects.get().name == "checkpoint.jpg"


def test_a_party_not_known_is_recorded_without_a_party_but_with_the_description(published, phone) -> None:
    assert phone("monitor").submit(restriction(party="unknown", actor_description="Armed men, no insignia")
                                   ).status_code == 201
    r = Restriction.objects.get()
    assert r.party is None and r.actor_description == "Armed men, no insignia"


def test_an_unknown_party_key_is_refused_with_the_key_and_nothing_is_kept(published, phone) -> None:
    response = phone("monitor").submit(restriction(party="nosuchparty"), ("checkpoint.jpg", PHOTO))
    assert response.status_code == 400
    assert "nosuchparty" in response.content.decode()
    assert not Submission.objects.exists() and not Restriction.objects.exists()


def test_a_party_not_known_and_not_described_is_refused(published, phone) -> None:
    response = phone("monitor").submit(restriction(party="unknown", actor_description=""))
    assert response.status_code == 400
    assert not Restriction.objects.exists()


def test_an_unknown_kind_is_refused(published, phone) -> None:
    assert phone("monitor").submit(restriction(kind="roadblock")).status_code == 400
    assert not Restriction.objects.exists()


def test_an_edit_updates_the_restriction_instead_of_duplicating(published, phone, parties) -> None:
    monitor = phone("monitor")
    monitor.submit(restriction())
    edit = restriction(instance_id="uuid:m2", deprecated="uuid:m1", kind="delay", party="gna", duration_minutes="90")
    assert monitor.submit(edit).status_code == 201
    r = Restriction.objects.get()
    assert (r.kind, r.party, r.duration_minutes) == ("delay", parties["gna"], 90)
    assert builtin.records_of(Submission.objects.get(instance_id="uuid:m2"), Restriction) == [r]


def test_an_edit_after_analysts_raised_it_keeps_the_restriction_as_it_is(published, phone, users) -> None:
    monitor = phone("monitor")
    monitor.submit(restriction())
    transition_restriction(Restriction.objects.get(), "raised_with_jmc", users["chief"])
    assert monitor.submit(restriction(instance_id="uuid:m2", deprecated="uuid:m1", kind="delay")).status_code == 201
    r = Restriction.objects.get()
    assert (r.kind, r.state) == ("denial", "raised_with_jmc")
    assert Submission.objects.get(instance_id="uuid:m2").data["kind"] == "delay"
