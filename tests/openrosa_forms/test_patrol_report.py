"""The patrol report form: a phone files the report of the patrol whose number the monitor typed."""

from __future__ import annotations

import datetime as dt

import pytest

from raqib.incidents.models import Evidence, Incident
from raqib.mission.models import PatrolReport
from raqib.openrosa import builtin
from raqib.openrosa.models import Submission

from .support import PHOTO, instance

pytestmark = pytest.mark.django_db

FORM = "raqib_patrol_report"


def report(patrol: int, *, nothing: str = "yes", summary: str = "Coastal road quiet", incident: dict | None = None,
           instance_id: str = "uuid:p1", deprecated: str = "") -> bytes:
    values: dict = {"patrol": patrol, "nothing_observed": nothing, "summary": summary}
    if incident is not None:
        values["incident"] = {"report_incident": "yes", "category": "ceasefire_violation", "subtype": "shelling",
                              "observed_start": "2021-01-10T07:40:00.000+02:00",
                              "observed_end": "2021-01-10T07:55:00.000+02:00",
                              "location": "31.2089 16.5887 12.0 5.0", "description": "Two impacts near the gate",
                              "photo": "impact.jpg", **incident}
    elif nothing == "no":
        values["incident"] = {"report_incident": "no"}
    return instance(FORM, values, instance_id, deprecated)


def test_nothing_observed_files_the_patrols_report_and_no_incident(published, phone, patrol, users) -> None:
    response = phone("monitor").submit(report(patrol.pk))
    assert response.status_code == 201
    filed = PatrolReport.objects.get()
    assert (filed.patrol, filed.nothing_observed, filed.summary, filed.filed_by) == (
        patrol, True, "Coastal road quiet", users["monitor"])
    assert filed.filed_at == dt.datetime(2021, 1, 10, 6, 20, tzinfo=dt.UTC)  # when the form was finished
    assert not Incident.objects.exists()
    assert builtin.records_of(Submission.objects.get(), PatrolReport) == [filed]


def test_an_observed_incident_becomes_an_incident_linked_to_the_report_with_its_photo(published, phone,
                                                                                      patrol) -> None:
    response = phone("monitor").submit(report(patrol.pk, nothing="no", incident={}), ("impact.jpg", PHOTO))
    assert response.status_code == 201
    filed = PatrolReport.objects.get()
    incident = Incident.objects.get()
    assert not filed.nothing_observed and list(filed.incidents.all()) == [incident]
    assert (incident.category, incident.subtype, incident.lat, incident.lon) == (
        "ceasefire_violation", "shelling", 31.2089, 16.5887)
    assert incident.occurred_start == dt.datetime(2021, 1, 10, 5, 40, tzinfo=dt.UTC)
    assert incident.description_en == "Two impacts near the gate"
    evidence = Evidence.objects.get()
    assert (evidence.incident, evidence.original_name) == (incident, "impact.jpg")


def test_an_arabic_description_is_kept_as_the_arabic_description(published, phone, patrol) -> None:
    xml = report(patrol.pk, nothing="no", incident={"description": "قذيفتان قرب البوابة", "photo": ""})
    assert phone("monitor").submit(xml).status_code == 201
    incident = Incident.objects.get()
    assert (incident.original_language, incident.description_ar, incident.description_en) == (
        "ar", "قذيفتان قرب البوابة", "")


def test_an_edit_updates_the_report_and_its_incident_instead_of_duplicating(published, phone, patrol) -> None:
    monitor = phone("monitor")
    assert monitor.submit(report(patrol.pk, nothing="no", incident={"photo": ""})).status_code == 201
    edit = report(patrol.pk, nothing="no", summary="Road checked to km 40",
                  incident={"subtype": "small_arms_fire", "photo": ""}, instance_id="uuid:p2", deprecated="uuid:p1")
    assert monitor.submit(edit).status_code == 201
    filed = PatrolReport.objects.get()
    incident = Incident.objects.get()
    assert filed.summary == "Road checked to km 40" and incident.subtype == "small_arms_fire"
    assert list(filed.incidents.all()) == [incident]
    assert builtin.records_of(Submission.objects.get(instance_id="uuid:p2"), PatrolReport) == [filed]


def test_an_edit_to_nothing_observed_unlinks_the_incident(published, phone, patrol) -> None:
    monitor = phone("monitor")
    monitor.submit(report(patrol.pk, nothing="no", incident={"photo": ""}))
    assert monitor.submit(report(patrol.pk, instance_id="uuid:p2", deprecated="uuid:p1")).status_code == 201
    filed = PatrolReport.objects.get()
    assert filed.nothing_observed and not filed.incidents.exists()


def test_an_unknown_patrol_number_is_refused_with_the_number_and_nothing_is_kept(published, phone, patrol) -> None:
    response = phone("monitor").submit(report(99999, nothing="no", incident={}), ("impact.jpg", PHOTO))
    assert response.status_code == 400
    assert "99999" in response.content.decode()
    assert not Submission.objects.exists() and not PatrolReport.objects.exists() and not Incident.objects.exists()
    assert not Evidence.objects.exists()


def test_a_monitor_outside_the_team_cannot_report_on_its_patrol(published, phone, patrol, users) -> None:
    from raqib.accounts.models import Role
    from raqib.accounts.services import create_user
    from openrosa.support import PASSWORD

    create_user("outsider", Role.MONITOR, PASSWORD, None)
    response = phone("outsider").submit(report(patrol.pk))
    assert response.status_code == 403
    assert not Submission.objects.exists() and not PatrolReport.objects.exists()


def test_a_second_report_on_the_same_patrol_is_a_conflict(published, phone, patrol) -> None:
    monitor = phone("monitor")
    assert monitor.submit(report(patrol.pk)).status_code == 201
    response = monitor.submit(report(patrol.pk, instance_id="uuid:other"))
    assert response.status_code == 409
    assert PatrolReport.objects.count() == 1 and Submission.objects.count() == 1


def test_something_observed_without_a_summary_or_an_incident_is_refused(published, phone, patrol) -> None:
    response = phone("monitor").submit(report(patrol.pk, nothing="no", summary=""))
    assert response.status_code == 400
    assert not PatrolReport.objects.exists()
