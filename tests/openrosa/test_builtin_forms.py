"""Raqib's built-in forms: published from the XLSForms in the code, their submissions become
mission records in the same transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from raqib.cli import cli
from raqib.incidents.models import Evidence, Incident, Observation
from raqib.openrosa import builtin
from raqib.openrosa.models import Submission, XForm

pytestmark = pytest.mark.django_db

PHOTO = b"\xff\xd8\xff\xe0 a photo of the crater"


def report(instance_id: str = "uuid:r1", deprecated: str = "", notes: str = "Three impacts south of Sirte",
           photo: str = "crater.jpg", subtype: str = "shelling", count: str = "3") -> bytes:
    meta = f"<instanceID>{instance_id}</instanceID>" + (f"<deprecatedID>{deprecated}</deprecatedID>" if deprecated else "")
    return f"""<?xml version='1.0' encoding='UTF-8'?>
<data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" id="raqib_incident_report"
 version="2026112901"><start>2021-01-10T08:00:00.000+02:00</start><end>2021-01-10T08:20:00.000+02:00</end>
<deviceid>collect:abc</deviceid><observed_start>2021-01-10T07:40:00.000+02:00</observed_start>
<observed_end>2021-01-10T07:55:00.000+02:00</observed_end><time_precision>exact</time_precision>
<location>31.2089 16.5887 12.0 5.0</location><location_precision>exact</location_precision><method>heard</method>
<event_class>explosion_impact</event_class><subtype>{subtype}</subtype><count>{count}</count>
<assessed_weapon>122 mm rocket</assessed_weapon><bearing>185</bearing><distance>3-5</distance>
<notes>{notes}</notes><photo>{photo}</photo><meta>{meta}<instanceName>x</instanceName></meta></data>""".encode()


@pytest.fixture
def published(db) -> XForm:
    builtin.load(None)
    return XForm.objects.get(form_id="raqib_incident_report")


def test_the_builtin_command_publishes_the_incident_report_once(db) -> None:
    first = CliRunner().invoke(cli, ["forms", "builtin"], catch_exceptions=False)
    again = CliRunner().invoke(cli, ["forms", "builtin"], catch_exceptions=False)
    assert first.exit_code == 0 and "Published raqib_incident_report" in first.output
    assert "raqib_incident_report version 2026112901 is up to date" in again.output
    xform = XForm.objects.get(form_id="raqib_incident_report")
    assert xform.builtin and xform.binary_paths == ["photo"]
    assert XForm.objects.filter(builtin=True).count() == len(builtin.all_forms())


def test_the_incident_report_has_english_and_arabic_labels(published) -> None:
    assert 'lang="English (en)"' in published.xml and 'lang="Arabic (ar)"' in published.xml
    assert "متى بدأ الحدث؟" in published.xml


def test_a_report_from_a_phone_becomes_an_incident_an_observation_and_evidence(published, phone) -> None:
    response = phone("monitor").submit(report(), ("crater.jpg", PHOTO))
    assert response.status_code == 201
    incident = Incident.objects.get()
    assert (incident.category, incident.subtype) == ("ceasefire_violation", "shelling")
    assert incident.occurred_start == dt.datetime(2021, 1, 10, 5, 40, tzinfo=dt.UTC)
    assert (incident.lat, incident.lon) == (31.2089, 16.5887)
    assert incident.created_by.username == "monitor"
    observation = Observation.objects.get()
    assert (observation.incident, observation.count, observation.bearing, observation.assessed_weapon) == (
        incident, 3, 185, "122 mm rocket")
    evidence = Evidence.objects.get()
    assert (evidence.incident, evidence.original_name, evidence.size) == (incident, "crater.jpg", len(PHOTO))
    submission = Submission.objects.get()
    assert builtin.records_of(submission, Incident) == [incident]


def test_the_same_report_sent_again_makes_nothing_new(published, phone) -> None:
    monitor = phone("monitor")
    monitor.submit(report(), ("crater.jpg", PHOTO))
    assert monitor.submit(report(), ("crater.jpg", PHOTO)).status_code == 201
    assert (Incident.objects.count(), Observation.objects.count(), Evidence.objects.count()) == (1, 1, 1)


def test_a_photo_sent_in_a_later_request_is_added_to_the_incident(published, phone) -> None:
    monitor = phone("monitor")
    assert monitor.submit(report()).status_code == 201
    assert not Evidence.objects.exists()
    assert monitor.submit(report(), ("crater.jpg", PHOTO)).status_code == 201
    assert Evidence.objects.get().incident == Incident.objects.get()


def test_an_edit_on_the_phone_updates_the_incident_instead_of_making_another(published, phone) -> None:
    monitor = phone("monitor")
    monitor.submit(report())
    edit = report(instance_id="uuid:r2", deprecated="uuid:r1", subtype="small_arms_fire", notes="Shots, not shells")
    assert monitor.submit(edit).status_code == 201
    incident = Incident.objects.get()
    assert incident.subtype == "small_arms_fire" and incident.description_en == "Shots, not shells"
    assert builtin.records_of(Submission.objects.get(instance_id="uuid:r2"), Incident) == [incident]


def test_a_report_the_incident_rules_refuse_is_refused_whole(published, phone) -> None:
    response = phone("monitor").submit(report(subtype="no_such_subtype"), ("crater.jpg", PHOTO))
    assert response.status_code == 400
    assert not Submission.objects.exists() and not Incident.objects.exists() and not Evidence.objects.exists()


def test_arabic_notes_are_kept_as_the_arabic_description(published, phone) -> None:
    assert phone("monitor").submit(report(notes="ثلاث قذائف جنوب سرت")).status_code == 201
    incident = Incident.objects.get()
    assert (incident.original_language, incident.description_ar) == ("ar", "ثلاث قذائف جنوب سرت")
