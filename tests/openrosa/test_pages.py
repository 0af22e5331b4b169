"""The field-form pages: the staff read, the chief publishes, the CSV comes out."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from raqib.openrosa.models import XForm
from raqib.openrosa.services import upload_xlsform

from .support import TUTORIAL, needs_odk
from .test_protocol import simple_form, simple_instance

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(users):
    def make(name: str) -> Client:
        client = Client()
        client.force_login(users[name])
        return client

    return make


def test_the_staff_see_the_forms_and_the_phone_address(as_user, db) -> None:
    upload_xlsform("simple.csv", simple_form(), None)
    page = as_user("monitor").get("/fieldforms/")
    assert page.status_code == 200
    assert b"http://testserver/openrosa" in page.content and b"simple" in page.content
    assert b"/fieldforms/publish/" not in page.content


@pytest.mark.parametrize("role", ["liaison_gna", "public"])
def test_a_liaison_or_the_public_gets_403_on_every_page(role: str, as_user, db) -> None:
    upload_xlsform("simple.csv", simple_form(), None)
    client = as_user(role)
    for url in ("/fieldforms/", "/fieldforms/publish/", "/fieldforms/simple/", "/fieldforms/simple/submissions.csv"):
        assert client.get(url).status_code == 403, url


def test_a_monitor_may_not_publish(as_user, db) -> None:
    response = as_user("monitor").post("/fieldforms/publish/",
                                       {"file": SimpleUploadedFile("simple.csv", simple_form())})
    assert response.status_code == 403
    assert not XForm.objects.exists()


@needs_odk
def test_the_chief_publishes_an_xlsform_and_sees_pyxforms_warnings(as_user) -> None:
    chief = as_user("chief")
    response = chief.post("/fieldforms/publish/",
                          {"file": SimpleUploadedFile("tutorial.xls", (TUTORIAL / "tutorial.xls").read_bytes())},
                          follow=True)
    assert response.status_code == 200
    assert b"max-pixels" in response.content
    assert XForm.objects.get().uploaded_by.username == "chief"


def test_a_form_pyxform_refuses_answers_400_with_its_message(as_user, db) -> None:
    response = as_user("chief").post("/fieldforms/publish/", {
        "file": SimpleUploadedFile("broken.csv", b"survey,,\n,type,name\n,no_such_type,q\n")})
    assert response.status_code == 400
    assert b"cannot be converted" in response.content and b"no_such_type" in response.content
    assert not XForm.objects.exists()


def test_the_submissions_page_and_the_csv_download(as_user, phone, db) -> None:
    upload_xlsform("simple.csv", simple_form(), None)
    assert phone("monitor").submit(simple_instance(name="سرت")).status_code == 201
    client = as_user("verifier")
    page = client.get("/fieldforms/simple/")
    assert page.status_code == 200 and b"uuid:1" in page.content
    download = client.get("/fieldforms/simple/submissions.csv")
    assert download["Content-Type"].startswith("text/csv")
    text = download.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("instance_id,") and "سرت" in text


def test_an_unknown_form_page_is_404(as_user, db) -> None:
    assert as_user("monitor").get("/fieldforms/nothing/").status_code == 404
    assert as_user("monitor").get("/fieldforms/nothing/submissions.csv").status_code == 404


def test_the_pages_work_in_arabic(as_user, db) -> None:
    upload_xlsform("simple.csv", simple_form(), None)
    client = as_user("chief")
    client.cookies["django_language"] = "ar"
    assert client.get("/fieldforms/", headers={"Accept-Language": "ar"}).status_code == 200
