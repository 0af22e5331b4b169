"""The signed-in user's own account: the optional second factor of chiefs and administrators."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from raqib.accounts import twofactor
from raqib.core.errors import RaqibError
from raqib.web.decorators import signed_in
from raqib.web.forms.auth import CodeForm
from raqib.web.views.common import done


@signed_in
def two_factor(request: HttpRequest) -> HttpResponse:
    """Add (scan, then confirm a code) or remove the second factor."""
    if not twofactor.may_use(request.user):
        raise PermissionDenied
    enrolled = twofactor.is_enrolled(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if enrolled:
                twofactor.remove(request.user, form.cleaned_data["code"])
                message = _("The second factor is removed: the sign-in asks for your password only.")
            else:
                twofactor.confirm(request.user, form.cleaned_data["code"])
                message = _("The second factor is on: from now on the sign-in asks for a code after your password.")
        except RaqibError as exc:
            form.add_error("code", exc.message)
        else:
            return done(request, message, reverse("web:two_factor"))
    context: dict[str, object] = {"form": form, "enrolled": enrolled}
    if not enrolled:
        device = twofactor.pending_device(request.user)
        context.update(qr_svg=_qr_svg(device), secret=_grouped_secret(device))
    return render(request, "web/account/two_factor.html", context, status=400 if form.errors else 200)


def _qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg"):]  # inline: without the XML declaration


def _grouped_secret(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
