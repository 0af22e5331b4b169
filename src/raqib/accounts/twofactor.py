"""An optional second factor for chiefs and administrators: a time-based one-time code (TOTP,
RFC 6238) from an authenticator app, through django-otp.

A chief or administrator adds it on their account page (scan the QR code, confirm one code);
from then on the sign-in asks for a code after the password. The device's secret is an
authentication secret, not a mission record: it is kept in django-otp's table and never enters
the audit chain.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from raqib.core import access
from raqib.core.errors import Forbidden, Invalid

DEVICE_NAME = "authenticator"


def may_use(user: Any) -> bool:
    return access.role_of(user) in access.LEADERS


def is_enrolled(user: Any) -> bool:
    return bool(user_has_device(user, confirmed=True))


def pending_device(user: Any) -> TOTPDevice:
    """The unconfirmed device a chief is setting up (made on first call, reused after)."""
    if not may_use(user):
        raise Forbidden(_("Only chiefs and administrators add a second factor."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def confirm(user: Any, token: str) -> None:
    """Turn the pending device on once the user proves the app shows the right code."""
    with transaction.atomic():
        device = pending_device(user)
        if not device.verify_token(_digits(token)):
            raise Invalid(_("The code is not the one your app shows now; try the next one."))
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])


def remove(user: Any, token: str) -> None:
    """Remove the second factor; a current code is asked, so a left-open session cannot."""
    if match_token(user, _digits(token)) is None:
        raise Invalid(_("The code is not the one your app shows now; try the next one."))
    TOTPDevice.objects.filter(user=user).delete()


def verify(user: Any, token: str) -> TOTPDevice | None:
    """The user's device that accepts ``token`` now, or None."""
    device = match_token(user, _digits(token))
    return device if isinstance(device, TOTPDevice) else None


def _digits(token: str) -> str:
    return "".join(ch for ch in str(token) if ch.isdigit())[:8]
