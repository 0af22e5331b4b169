"""Hostile or broken input: refused with a message, and nothing half-written."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from raqib.core.models import AuditEntry
from raqib.incidents import store
from raqib.openrosa.models import Submission, SubmissionAttachment
from raqib.openrosa.services import upload_xlsform

from .test_protocol import simple, simple_form, simple_instance  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<data id="simple"><name>&lol2;</name></data>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE data [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<data id="simple"><name>&xxe;</name></data>"""


@pytest.fixture
def nothing_written():
    entries = AuditEntry.objects.count()
    yield
    assert not Submission.objects.exists() and not SubmissionAttachment.objects.exists()
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["entities", "external"])
def test_a_dtd_or_entity_is_refused(xml: bytes, simple, phone, nothing_written) -> None:
    response = phone("monitor").submit(xml)
    assert response.status_code == 400
    assert b"DTD" in response.content


@pytest.mark.parametrize("xml", [b"<data id='simple'><name>x</data>", b"", b"not xml at all", b"\xff\xfe<"],
                         ids=["unclosed", "empty", "text", "bytes"])
def test_malformed_xml_is_400_with_a_message(xml: bytes, simple, phone, nothing_written) -> None:
    response = phone("monitor").submit(xml)
    assert response.status_code == 400
    assert b"<message>" in response.content


def test_an_instance_without_a_form_id_is_400(simple, phone, nothing_written) -> None:
    assert phone("monitor").submit(b"<data><name>x</name></data>").status_code == 400


def test_a_request_without_xml_submission_file_is_400(simple, phone, nothing_written) -> None:
    response = phone("monitor").call("POST", "/openrosa/submission",
                                     data={"photo.jpg": SimpleUploadedFile("photo.jpg", b"\xff\xd8")})
    assert response.status_code == 400
    assert b"xml_submission_file" in response.content


def test_a_body_that_is_not_multipart_is_400(simple, phone, nothing_written) -> None:
    response = phone("monitor").call("POST", "/openrosa/submission", data=simple_instance(),
                                     content_type="text/xml")
    assert response.status_code == 400


def test_a_request_over_the_size_limit_is_413_before_it_is_read(simple, phone, settings, nothing_written) -> None:
    settings.RAQIB_OPENROSA_MAX_BYTES = 64 * 1024
    response = phone("monitor").submit(simple_instance(), ("big.bin", b"x" * 70 * 1024))
    assert response.status_code == 413
    assert response["X-OpenRosa-Version"] == "1.0"


def test_xml_over_its_own_limit_is_413(simple, phone, settings, nothing_written) -> None:
    settings.RAQIB_OPENROSA_MAX_XML_BYTES = 4096
    assert phone("monitor").submit(simple_instance(name="x" * 5000)).status_code == 413


def test_an_attachment_name_cannot_climb_out_of_its_folder(simple, phone) -> None:
    response = phone("monitor").submit(simple_instance(), ("../../etc/passwd", b"root"))
    assert response.status_code == 201
    assert SubmissionAttachment.objects.get().name == "passwd"


def test_a_refused_edit_leaves_no_attachment_row_and_the_stored_file_is_harmless(simple, phone, nothing_written) -> None:
    edit = simple_instance(instance_id="uuid:2").replace(b"</instanceID>", b"</instanceID><deprecatedID>uuid:9</deprecatedID>")
    response = phone("monitor").submit(edit, ("photo.jpg", b"\xff\xd8 a photo"))
    assert response.status_code == 404
    # The file reached the store before the refusal; content addressing makes it a no-op later.
    import hashlib

    assert store.exists(hashlib.sha256(b"\xff\xd8 a photo").hexdigest())


def test_an_xlsform_pyxform_cannot_read_is_refused_with_its_message(db) -> None:
    from raqib.core.errors import Invalid

    with pytest.raises(Invalid, match="cannot be converted"):
        upload_xlsform("broken.csv", b"survey,,\n,type,name\n,no_such_type,q\n", None)
    with pytest.raises(Invalid, match="cannot be converted"):
        upload_xlsform("broken.xlsx", b"PK\x03\x04 not a workbook", None)
    with pytest.raises(Invalid, match=r"\.xlsx, \.xls or \.csv"):
        upload_xlsform("form.ods", simple_form(), None)
