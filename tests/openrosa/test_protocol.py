"""The protocol itself: headers, challenges, roles, the form list, manifests and media."""

from __future__ import annotations

import base64
import hashlib
import time

import pytest
from django.test import Client

from raqib.openrosa import auth
from raqib.openrosa.models import Submission, XForm
from raqib.openrosa.services import upload_xlsform

from .support import INSTANCES, PASSWORD, Phone, challenge_params, digest_authorization, needs_odk

pytestmark = pytest.mark.django_db

EXTERNAL_CHOICES = """survey,,,,
,type,name,label,choice_filter
,select_one states,state,State,
,select_one_external cities,city,City,state=${state}
choices,,,,
,list_name,name,label,
,states,tx,Texas,
,states,wa,Washington,
external_choices,,,,
,list_name,name,label,state
,cities,dumont,Dumont,tx
,cities,finney,Finney,tx
,cities,brewster,Brewster,wa
settings,,,,
,form_id,version,,
,cities,1,,
"""


def simple_form(form_id: str = "simple", version: str = "1", label: str = "Name") -> bytes:
    return (f"survey,,,\n,type,name,label\n,text,name,{label}\nsettings,,,\n,form_id,version,\n"
            f",{form_id},{version},\n").encode()


def simple_instance(form_id: str = "simple", instance_id: str = "uuid:1", name: str = "x") -> bytes:
    return (f"<?xml version='1.0'?><data id=\"{form_id}\" version=\"1\"><name>{name}</name>"
            f"<meta><instanceID>{instance_id}</instanceID></meta></data>").encode()


@pytest.fixture
def simple(db) -> XForm:
    return upload_xlsform("simple.csv", simple_form(), None).xform


# --- headers and version ------------------------------------------------------------------


def test_every_answer_carries_the_openrosa_version_and_date(simple, phone) -> None:
    for response in (Client().get("/openrosa/formList"), phone("monitor").call("GET", "/openrosa/formList"),
                     phone("monitor").submit(simple_instance()), phone("liaison_gna").call("GET", "/openrosa/formList"),
                     phone("monitor").call("GET", "/openrosa/nowhere")):
        assert response["X-OpenRosa-Version"] == "1.0"
        assert response["Date"].endswith("GMT")


def test_a_successful_submission_answers_201_with_an_openrosa_response(simple, phone) -> None:
    response = phone("monitor").submit(simple_instance())
    assert response.status_code == 201
    assert response["X-OpenRosa-Accept-Content-Length"].isdigit()
    assert response["Content-Type"].startswith("text/xml")
    assert b'<OpenRosaResponse xmlns="http://openrosa.org/http/response"><message nature="submit_success">' \
        in response.content


def test_another_openrosa_version_is_refused_with_a_message(simple, phone) -> None:
    response = phone("monitor").call("GET", "/openrosa/formList", headers={"X-OpenRosa-Version": "2.0"})
    assert response.status_code == 400
    assert b"not 2.0" in response.content


def test_head_on_submission_answers_204_with_the_accepted_length(phone) -> None:
    response = phone("monitor").call("HEAD", "/openrosa/submission")
    assert response.status_code == 204
    assert response["X-OpenRosa-Accept-Content-Length"] == str(50 * 1024 * 1024)


# --- authentication -----------------------------------------------------------------------


def test_no_credentials_get_a_digest_challenge_not_a_403(db) -> None:
    for method in ("get", "head"):
        response = getattr(Client(), method)("/openrosa/formList" if method == "get" else "/openrosa/submission")
        assert response.status_code == 401
        params = challenge_params(response["WWW-Authenticate"])
        assert params["realm"] == "Raqib" and params["qop"] == "auth" and params["nonce"]


def test_basic_is_not_offered_over_plain_http(db) -> None:
    assert "Basic" not in Client().get("/openrosa/formList")["WWW-Authenticate"]


def test_a_wrong_digest_password_gets_401_again(users) -> None:
    response = Phone("monitor", "wrong password").call("GET", "/openrosa/formList")
    assert response.status_code == 401
    assert "Digest" in response["WWW-Authenticate"]


def test_an_unknown_user_gets_401(db) -> None:
    assert Phone("nobody").call("GET", "/openrosa/formList").status_code == 401


@pytest.mark.parametrize("role", ["monitor", "team_leader", "verifier", "chief", "admin"])
def test_the_staff_may_list_forms_and_submit(role: str, simple, phone) -> None:
    p = phone(role)
    assert p.call("GET", "/openrosa/formList").status_code == 200
    assert p.submit(simple_instance(instance_id=f"uuid:{role}")).status_code == 201
    assert Submission.objects.get().submitted_by.username == role


@pytest.mark.parametrize("role", ["liaison_gna", "public"])
def test_a_liaison_or_the_public_is_known_but_refused_with_403(role: str, simple, phone) -> None:
    p = phone(role)
    assert p.call("GET", "/openrosa/formList").status_code == 403
    assert p.submit(simple_instance()).status_code == 403
    assert p.call("GET", f"/openrosa/forms/{simple.pk}/form.xml").status_code == 403
    assert not Submission.objects.exists()


def test_a_digest_header_replayed_as_is_is_refused(simple, phone) -> None:
    challenge = challenge_params(Client().get("/openrosa/formList")["WWW-Authenticate"])
    header = digest_authorization("GET", "/openrosa/formList", "monitor", PASSWORD, challenge, 1)
    assert Client().get("/openrosa/formList", headers={"Authorization": header}).status_code == 200
    replay = Client().get("/openrosa/formList", headers={"Authorization": header})
    assert replay.status_code == 401
    assert "stale=TRUE" in replay["WWW-Authenticate"]


def test_an_expired_nonce_is_answered_stale_so_the_phone_retries_silently(users, settings) -> None:
    old = auth.new_nonce(time.time() - settings.RAQIB_OPENROSA_NONCE_SECONDS - 10)
    challenge = {"realm": "Raqib", "nonce": old}
    header = digest_authorization("GET", "/openrosa/formList", "monitor", PASSWORD, challenge, 1)
    response = Client().get("/openrosa/formList", headers={"Authorization": header})
    assert response.status_code == 401
    assert "stale=TRUE" in response["WWW-Authenticate"]


def test_a_forged_nonce_is_refused(users) -> None:
    challenge = {"realm": "Raqib", "nonce": f"{int(time.time())}.{'0' * 32}"}
    header = digest_authorization("GET", "/openrosa/formList", "monitor", PASSWORD, challenge, 1)
    assert Client().get("/openrosa/formList", headers={"Authorization": header}).status_code == 401


def test_a_digest_signed_for_another_address_is_refused(users) -> None:
    challenge = challenge_params(Client().get("/openrosa/formList")["WWW-Authenticate"])
    header = digest_authorization("GET", "/openrosa/submission", "monitor", PASSWORD, challenge, 1)
    assert Client().get("/openrosa/formList", headers={"Authorization": header}).status_code == 401


def _basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def test_basic_is_refused_over_plain_http(users) -> None:
    response = Client().get("/openrosa/formList", headers=_basic("monitor", PASSWORD))
    assert response.status_code == 401
    assert b"plain HTTP" in response.content


def test_basic_over_https_checks_the_django_password(users) -> None:
    assert Client().get("/openrosa/formList", headers=_basic("monitor", PASSWORD), secure=True).status_code == 200
    wrong = Client().get("/openrosa/formList", headers=_basic("monitor", "nope"), secure=True)
    assert wrong.status_code == 401
    assert "Basic" in wrong["WWW-Authenticate"]


def test_basic_failures_are_throttled_like_sign_ins(users, settings) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    for _attempt in range(2):
        Client().get("/openrosa/formList", headers=_basic("monitor", "nope"), secure=True)
    locked = Client().get("/openrosa/formList", headers=_basic("monitor", PASSWORD), secure=True)
    assert locked.status_code == 429
    assert locked["X-OpenRosa-Version"] == "1.0"


def test_digest_failures_are_throttled_too(users, settings) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    for _attempt in range(2):
        assert Phone("monitor", "nope").call("GET", "/openrosa/formList").status_code == 401
    assert Phone("monitor").call("GET", "/openrosa/formList").status_code == 429


def test_the_session_of_the_web_pages_is_not_a_credential(users, simple) -> None:
    client = Client()
    client.force_login(users["monitor"])
    assert client.get("/openrosa/formList").status_code == 401


def test_a_user_whose_password_is_set_again_signs_in_with_the_new_one(users) -> None:
    monitor = users["monitor"]
    monitor.set_password("another long passphrase")
    monitor.save()
    assert Phone("monitor", "another long passphrase").call("GET", "/openrosa/formList").status_code == 200
    assert Phone("monitor").call("GET", "/openrosa/formList").status_code == 401


# --- the form list, manifests, media ------------------------------------------------------


def test_form_list_filters_by_form_id_and_lists_old_versions_on_request(simple, phone) -> None:
    upload_xlsform("simple.csv", simple_form(version="2", label="Full name"), None)
    upload_xlsform("other.csv", simple_form(form_id="other"), None)
    monitor = phone("monitor")
    body = monitor.call("GET", "/openrosa/formList?formID=simple").content.decode()
    assert body.count("<xform>") == 1 and "<version>2</version>" in body and "other" not in body
    every = monitor.call("GET", "/openrosa/formList?formID=simple&listAllVersions=true&verbose=true").content.decode()
    assert every.count("<xform>") == 2 and "<descriptionText>" in every
    assert "manifestUrl" not in every


def test_form_list_answers_without_any_parameter_and_ignores_the_device_id(simple, phone) -> None:
    response = phone("monitor").call("GET", "/openrosa/formList?deviceID=collect:abc")
    assert response.status_code == 200
    assert response.content.startswith(b"<?xml")
    assert b'<xforms xmlns="http://openrosa.org/xforms/xformsList">' in response.content


def test_external_choices_are_served_as_itemsets_csv_in_the_manifest(phone) -> None:
    xform = upload_xlsform("cities.csv", EXTERNAL_CHOICES.encode(), None).xform
    monitor = phone("monitor")
    listing = monitor.call("GET", "/openrosa/formList").content.decode()
    assert f"http://testserver/openrosa/forms/{xform.pk}/manifest" in listing
    manifest = monitor.call("GET", f"/openrosa/forms/{xform.pk}/manifest")
    assert manifest.status_code == 200
    assert b'<manifest xmlns="http://openrosa.org/xforms/xformsManifest">' in manifest.content
    media = monitor.call("GET", f"/openrosa/forms/{xform.pk}/media/itemsets.csv")
    content = b"".join(media.streaming_content)
    assert b"dumont" in content and b"brewster" in content
    assert f"<hash>md5:{hashlib.md5(content).hexdigest()}</hash>".encode() in manifest.content


def test_an_unknown_form_or_media_file_is_404(simple, phone) -> None:
    monitor = phone("monitor")
    assert monitor.call("GET", "/openrosa/forms/999999/form.xml").status_code == 404
    assert monitor.call("GET", f"/openrosa/forms/{simple.pk}/media/nothing.csv").status_code == 404


@needs_odk
def test_a_submission_to_a_hidden_form_is_still_taken(phone) -> None:
    from .support import TUTORIAL

    xform = upload_xlsform("tutorial.xls", (TUTORIAL / "tutorial.xls").read_bytes(), None).xform
    from raqib.openrosa.services import set_active

    set_active(xform, False, None)
    monitor = phone("monitor")
    assert b"<xform>" not in monitor.call("GET", "/openrosa/formList").content
    assert monitor.submit(INSTANCES / "tutorial_2012-06-27_11-27-53_w_uuid.xml").status_code == 201


def test_a_user_from_before_digest_can_use_a_phone_once_their_password_was_checked(users) -> None:
    from django.contrib.auth import authenticate

    User = type(users["monitor"])
    User.objects.filter(username="monitor").update(digest_ha1="")
    assert Phone("monitor").call("GET", "/openrosa/formList").status_code == 401
    assert authenticate(username="monitor", password=PASSWORD) == users["monitor"]
    assert Phone("monitor").call("GET", "/openrosa/formList").status_code == 200
