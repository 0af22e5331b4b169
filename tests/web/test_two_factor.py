"""The optional second factor of chiefs and administrators: adding it, signing in with it,
throttling wrong codes, removing it."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from raqib.accounts import twofactor

PASSWORD = "correct horse battery staple"


def code_for(device: TOTPDevice, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in(client: Client, username: str, password: str = PASSWORD):
    return client.post(reverse("web:login"), {"username": username, "password": password, "language": "en"})


def enrol(client: Client) -> TOTPDevice:
    page = client.get(reverse("web:two_factor"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user__username="chief", confirmed=False)
    response = client.post(reverse("web:two_factor"), {"code": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_a_chief_adds_a_second_factor_by_scanning_and_confirming_a_code(as_user, users):
    client = as_user("chief")
    client.get(reverse("web:two_factor"))
    device = TOTPDevice.objects.get(user=users["chief"])
    wrong = client.post(reverse("web:two_factor"), {"code": code_for(device, offset_steps=20)})
    assert wrong.status_code == 400 and not twofactor.is_enrolled(users["chief"])
    enrol(client)
    assert twofactor.is_enrolled(users["chief"])


def test_a_monitor_or_liaison_has_no_second_factor_page(as_user):
    assert as_user("monitor").get(reverse("web:two_factor")).status_code == 403
    assert as_user("liaison_gna").get(reverse("web:two_factor")).status_code == 403


def test_with_a_second_factor_the_password_alone_does_not_open_a_session(as_user, users, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's own delay after a wrong code, off for this test
    device = enrol(as_user("chief"))
    client = Client()
    response = sign_in(client, "chief")
    assert response.status_code == 302 and response["Location"] == reverse("web:signin_code")
    assert client.get(reverse("web:dashboard")).status_code == 302  # not signed in yet
    assert client.post(reverse("web:signin_code"), {"code": code_for(device, offset_steps=20)}).status_code == 400
    # The code used to confirm is spent (no replay); the app's next one is accepted.
    assert client.post(reverse("web:signin_code"), {"code": code_for(device)}).status_code == 400
    response = client.post(reverse("web:signin_code"), {"code": code_for(device, offset_steps=1)})
    assert response.status_code == 302
    assert client.get(reverse("web:dashboard")).status_code == 200


def test_repeated_wrong_codes_lock_the_second_step(as_user, users, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = enrol(as_user("chief"))
    client = Client()
    sign_in(client, "chief")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("web:signin_code"), {"code": code_for(device, offset_steps=20)})
    assert client.post(reverse("web:signin_code"), {"code": code_for(device, offset_steps=1)}).status_code == 429
    assert client.get(reverse("web:dashboard")).status_code == 302


def test_the_code_step_without_a_password_first_sends_back_to_the_sign_in(client, users):
    response = client.get(reverse("web:signin_code"))
    assert response.status_code == 302 and response["Location"] == reverse("web:login")


def test_removing_the_second_factor_needs_a_current_code(as_user, users, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client = as_user("chief")
    device = enrol(client)
    assert client.post(reverse("web:two_factor"), {"code": "000000" if code_for(device) != "000000" else "111111"}
                       ).status_code == 400
    assert twofactor.is_enrolled(users["chief"])
    assert client.post(reverse("web:two_factor"), {"code": code_for(device, offset_steps=1)}).status_code == 302
    assert not twofactor.is_enrolled(users["chief"])
    assert sign_in(Client(), "chief")["Location"] != reverse("web:signin_code")
