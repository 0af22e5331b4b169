"""The explosive hazard report form: a phone records a suspected hazardous area."""

from __future__ import annotations

import datetime as dt
import math

import pytest
import shapely

from raqib.hazards.models import HazardArea
from raqib.hazards.services import update_hazard
from raqib.incidents.models import Evidence
from raqib.openrosa import builtin
from raqib.openrosa.handlers.hazard_report import circle
from raqib.openrosa.models import Submission, SubmissionAttachment

from .support import PHOTO, instance

pytestmark = pytest.mark.django_db

FORM = "raqib_hazard_report"


def hazard(instance_id: str = "uuid:h1", deprecated: str = "", **values: str) -> bytes:
    base = {"location": "31.2089 16.5887 12.0 5.0", "radius_m": "100", "name": "Abu Grein junction, western verge",
            "found_on": "2021-01-10", "ordnance_types": "uxo ap_mine",
            "contamination_evidence": "Two mortar bombs on the verge; residents report a mine accident",
            "photo": "verge.jpg"}
    return instance(FORM, {**base, **values}, instance_id, deprecated)


def test_a_hazard_report_becomes_a_suspected_area_around_the_point(published, phone, zone) -> None:
    response = phone("monitor").submit(hazard(), ("verge.jpg", PHOTO))
    assert response.status_code == 201
    area = HazardArea.objects.get()
    submission = Submission.objects.get()
    assert (area.code, area.status, area.state, area.zone) == (f"FLD-{submission.pk:06d}", "suspected", "active", zone)
    assert (area.name, area.reported_on) == ("Abu Grein junction, western verge", dt.date(2021, 1, 10))
    assert area.ordnance_types == ["ap_mine", "uxo"]  # in the order of the model's choices
    assert area.contamination_evidence.startswith("Two mortar bombs")
    polygon = shapely.geometry.shape(area.geometry)
    assert polygon.contains(shapely.geometry.Point(16.5887, 31.2089))
    assert area.area_m2 == pytest.approx(math.pi * 100 ** 2, rel=0.02)
    assert builtin.records_of(submission, HazardArea) == [area]
    # Hazardous areas keep no evidence: the photo stays with the submission.
    assert SubmissionAttachment.objects.get().name == "verge.jpg" and not Evidence.objects.exists()


def test_the_circle_is_a_closed_ring_of_the_radius() -> None:
    ring = circle(31.0, 16.0, 1000)["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) == 33
    assert ring[8][1] == pytest.approx(31.0 + 1000 / 110_574.0, abs=1e-6)


def test_an_edit_updates_the_area_instead_of_duplicating(published, phone) -> None:
    monitor = phone("monitor")
    monitor.submit(hazard())
    edit = hazard(instance_id="uuid:h2", deprecated="uuid:h1", radius_m="200", ordnance_types="cluster_munition",
                  name="Abu Grein junction")
    assert monitor.submit(edit).status_code == 201
    area = HazardArea.objects.get()
    assert (area.name, area.ordnance_types) == ("Abu Grein junction", ["cluster_munition"])
    assert area.area_m2 == pytest.approx(math.pi * 200 ** 2, rel=0.02)
    assert builtin.records_of(Submission.objects.get(instance_id="uuid:h2"), HazardArea) == [area]


def test_an_edit_after_the_area_was_confirmed_keeps_it_as_it_is(published, phone, users) -> None:
    monitor = phone("monitor")
    monitor.submit(hazard())
    update_hazard(HazardArea.objects.get(), {"status": "confirmed"}, users["verifier"])
    assert monitor.submit(hazard(instance_id="uuid:h2", deprecated="uuid:h1", name="Elsewhere")).status_code == 201
    area = HazardArea.objects.get()
    assert (area.status, area.name) == ("confirmed", "Abu Grein junction, western verge")


@pytest.mark.parametrize("bad", [{"ordnance_types": "uxo rocket"}, {"radius_m": "90000"}, {"found_on": "2999-01-01"},
                                 {"location": "north of the bridge"}, {"contamination_evidence": ""}])
def test_a_bad_value_is_refused_and_nothing_is_kept(published, phone, bad) -> None:
    response = phone("monitor").submit(hazard(**bad), ("verge.jpg", PHOTO))
    assert response.status_code == 400
    assert next(iter(bad)) in response.content.decode()
    assert not Submission.objects.exists() and not HazardArea.objects.exists()
