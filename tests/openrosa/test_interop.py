"""The real XLSForms and the real ODK Collect instances from ../shared/interop/odk, over HTTP."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from raqib.core.models import AuditEntry
from raqib.incidents import store
from raqib.openrosa.models import Submission, SubmissionAttachment, XForm
from raqib.openrosa.services import upload_xlsform

from .support import GPS, INSTANCES, ODK_DIR, TUTORIAL, WITH_ATTACHMENT, needs_odk

pytestmark = [pytest.mark.django_db, needs_odk]

JPEG = WITH_ATTACHMENT / "1335783522563.jpg"


@pytest.mark.parametrize("path", [
    TUTORIAL / "tutorial.xls", TUTORIAL / "tutorial_arabic_labels.xls", GPS / "gps.xls",
    ODK_DIR / "pyxform" / "example_xls-widgets.xls", ODK_DIR / "pyxform" / "example_xls-xlsform_spec_test.xlsx",
], ids=lambda p: p.name)
def test_every_real_xlsform_is_published_and_listed_with_the_md5_of_its_xform(path: Path, phone) -> None:
    result = upload_xlsform(path.name, path.read_bytes(), None)
    xform = result.xform
    listing = phone("monitor").call("GET", "/openrosa/formList")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert f"<formID>{xform.form_id}</formID>" in body
    downloaded = phone("monitor").call("GET", f"/openrosa/forms/{xform.pk}/form.xml")
    assert downloaded.status_code == 200
    assert f"<hash>md5:{hashlib.md5(downloaded.content).hexdigest()}</hash>" in body


def test_the_tutorial_is_named_after_its_file_as_the_phones_send_it(tutorial: XForm) -> None:
    assert (tutorial.form_id, tutorial.binary_paths) == ("tutorial", ["picture"])
    assert '<tutorial id="tutorial">' in tutorial.xml


def test_a_plain_instance_without_instance_id_is_stored_once_however_often_it_is_sent(tutorial, phone) -> None:
    monitor = phone("monitor")
    path = INSTANCES / "tutorial_2012-06-27_11-27-53.xml"
    first = monitor.submit(path)
    again = monitor.submit(path)
    assert (first.status_code, again.status_code) == (201, 201)
    submission = Submission.objects.get()
    assert submission.instance_id == "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    assert submission.data["age"] == "23"
    assert submission.data["web_browsers"] == "firefox chrome safari"
    assert submission.attachments_expected == ["1333604907194.jpg"]
    assert submission.submitted_by.username == "monitor"
    assert submission.xml == path.read_text(encoding="utf-8")


def test_the_same_instance_id_with_other_xml_is_a_conflict(tutorial, phone) -> None:
    monitor = phone("monitor")
    assert monitor.submit(INSTANCES / "tutorial_2012-06-27_11-27-53_w_uuid.xml").status_code == 201
    entries = AuditEntry.objects.count()
    response = monitor.submit(INSTANCES / "tutorial_2012-06-27_11-27-53_w_uuid_same_instanceID.xml")
    assert response.status_code == 409
    assert b"instanceID" in response.content
    assert Submission.objects.get().data["name"].split() == ["Larry", "Again"]
    assert AuditEntry.objects.count() == entries


def test_an_edit_with_deprecated_id_makes_a_new_version_and_supersedes_the_old(tutorial, phone) -> None:
    monitor = phone("monitor")
    assert monitor.submit(INSTANCES / "tutorial_2012-06-27_11-27-53_w_uuid.xml").status_code == 201
    edited = INSTANCES / "tutorial_2012-06-27_11-27-53_w_uuid_edited.xml"
    assert monitor.submit(edited).status_code == 201
    assert monitor.submit(edited).status_code == 201  # the phone's retry: still one edit
    old = Submission.objects.get(instance_id="uuid:729f173c688e482486a48661700455ff")
    new = Submission.objects.get(instance_id="uuid:2d8c59eb-94e9-485d-a679-b28ffe2e9b98")
    assert old.superseded_by == new and new.current and not old.current
    assert new.deprecated_id == old.instance_id
    assert new.data["name"] == "Dick n Jane"
    assert Submission.objects.count() == 2


def test_an_edit_of_a_submission_never_received_is_404(tutorial, phone) -> None:
    response = phone("monitor").submit(INSTANCES / "tutorial_2012-06-27_11-27-53_w_uuid_edited.xml")
    assert response.status_code == 404
    assert b"deprecatedID" in response.content
    assert not Submission.objects.exists()


def test_a_second_edit_of_an_already_replaced_version_is_a_conflict(tutorial, phone) -> None:
    monitor = phone("monitor")
    monitor.submit(INSTANCES / "tutorial_2012-06-27_11-27-53_w_uuid.xml")
    monitor.submit(INSTANCES / "tutorial_2012-06-27_11-27-53_w_uuid_edited.xml")
    other_edit = WITH_ATTACHMENT / "tutorial_2012-06-27_11-27-53_w_attachment_edit.xml"
    assert monitor.submit(other_edit).status_code == 409


@pytest.mark.parametrize("name", ["tutorial_2012-06-27_11-27-53_bad_id_string.xml",
                                  "tutorial_invalid_id_string_2012-06-27_11-27-53.xml"])
def test_an_instance_of_an_unknown_form_id_is_404(name: str, tutorial, phone) -> None:
    response = phone("monitor").submit(INSTANCES / name)
    assert response.status_code == 404
    assert response["X-OpenRosa-Version"] == "1.0"
    assert not Submission.objects.exists()


def test_an_instance_with_a_formhub_uuid_is_stored(tutorial, phone) -> None:
    assert phone("monitor").submit(INSTANCES / "tutorial_2012-06-27_11-27-53_w_xform_uuid.xml").status_code == 201
    assert Submission.objects.get().data["formhub"] == {"uuid": "268cd8a2be654b01928f29c05ed26394"}


def test_unicode_content_is_kept_exactly(tutorial, phone) -> None:
    assert phone("monitor").submit(INSTANCES / "tutorial_unicode_submission.xml").status_code == 201
    submission = Submission.objects.get(instance_id="uuid:639f173c688e482486a48661700456ty")
    submission.refresh_from_db()
    assert submission.data["name"] == "rīvmaize"


def test_a_jpeg_attachment_goes_to_the_evidence_store(tutorial, phone) -> None:
    response = phone("monitor").submit(WITH_ATTACHMENT / "tutorial_2012-06-27_11-27-53_w_attachment.xml", JPEG)
    assert response.status_code == 201
    attachment = SubmissionAttachment.objects.get()
    content = JPEG.read_bytes()
    assert (attachment.name, attachment.size) == ("1335783522563.jpg", len(content))
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.content_type == "image/jpeg"
    with store.open_blob(attachment.sha256) as blob:
        assert blob.read() == content
    assert attachment.submission.attachments_expected == ["1335783522563.jpg"]


def test_the_edit_of_a_submission_with_an_attachment_carries_its_own(tutorial, phone) -> None:
    monitor = phone("monitor")
    assert monitor.submit(WITH_ATTACHMENT / "tutorial_2012-06-27_11-27-53_w_attachment.xml", JPEG).status_code == 201
    assert monitor.submit(WITH_ATTACHMENT / "tutorial_2012-06-27_11-27-53_w_attachment_edit.xml",
                          JPEG).status_code == 201
    new = Submission.objects.get(instance_id="uuid:031c585a-88b7-4962-a566-849a7dd15891")
    assert [a.name for a in new.attachments.all()] == ["1335783522563.jpg"]
    assert Submission.objects.get(instance_id="uuid:729f173c688e482486a48661700455ff").superseded_by == new


def test_a_submission_split_over_several_posts_gets_all_its_attachments_once(tutorial, phone) -> None:
    monitor = phone("monitor")
    xml = WITH_ATTACHMENT / "tutorial_2012-06-27_11-27-53_w_attachment.xml"
    assert monitor.submit(xml, ("notes.txt", b"first part")).status_code == 201
    assert monitor.submit(xml, JPEG).status_code == 201
    assert monitor.submit(xml, JPEG).status_code == 201  # a retry of the last part
    submission = Submission.objects.get()
    assert sorted(a.name for a in submission.attachments.all()) == ["1335783522563.jpg", "notes.txt"]


def test_an_attachment_sent_again_with_other_content_is_a_conflict(tutorial, phone) -> None:
    monitor = phone("monitor")
    xml = WITH_ATTACHMENT / "tutorial_2012-06-27_11-27-53_w_attachment.xml"
    assert monitor.submit(xml, JPEG).status_code == 201
    assert monitor.submit(xml, ("1335783522563.jpg", b"not the photo")).status_code == 409
    assert SubmissionAttachment.objects.get().size == JPEG.stat().st_size


def test_both_gps_instances_are_stored_with_their_geopoints(gps, phone) -> None:
    monitor = phone("monitor")
    for path in sorted((GPS / "instances").glob("*.xml")):
        assert monitor.submit(path).status_code == 201
    points = sorted(s.data["location"] for s in Submission.objects.all())
    assert points == ["40.81101715564728 -73.96446704864502 -152.0 16.0",
                      "40.811086893081665 -73.96449387073517 -113.0 16.0"]


def test_the_same_instance_id_in_two_forms_is_two_submissions(tutorial, gps, phone) -> None:
    monitor = phone("monitor")
    assert monitor.submit(INSTANCES / "tutorial_2012-06-27_11-27-53_w_uuid.xml").status_code == 201
    assert monitor.submit(GPS / "instances" / "gps_1980-01-23_20-52-08.xml").status_code == 201
    assert Submission.objects.filter(instance_id="uuid:729f173c688e482486a48661700455ff").count() == 2
