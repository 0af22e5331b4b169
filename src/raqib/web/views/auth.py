"""Sign in (with the language of the pages) and sign out."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_otp import login as otp_login
from django.utils.translation import gettext as _

from raqib.accounts import throttle, twofactor
from raqib.accounts.models import User
from raqib.web.forms.auth import CodeForm, SignInForm

PENDING = "raqib_signin_pending"
PENDING_SECONDS = 300


class SignInView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        user = form.get_user()
        if twofactor.is_enrolled(user):
            # The password was right; the session is opened only after the code (next step).
            self.request.session[PENDING] = {
                "user": user.pk, "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
                "language": form.cleaned_data["language"], "next": self.get_success_url(),
                "until": time.time() + PENDING_SECONDS,
            }
            return redirect("web:signin_code")
        response = super().form_valid(form)
        return with_language(response, form.cleaned_data["language"])


def with_language(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
                        samesite="Lax", secure=settings.SESSION_COOKIE_SECURE, httponly=False)
    return response


def signin_code(request: HttpRequest) -> HttpResponse:
    """The second step of a sign-in with a second factor: the code from the authenticator app."""
    pending = request.session.get(PENDING)
    if not pending or pending["until"] < time.time():
        request.session.pop(PENDING, None)
        messages.info(request, _("Sign in again: the time for the code ran out."))
        return redirect("web:login")
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        return redirect("web:login")
    if throttle.is_locked(request, user.get_username()):
        return render(request, "web/locked_out.html", status=429)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify(user, form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING]
            auth.login(request, user, backend=pending["backend"])
            otp_login(request, device)
            throttle.succeeded(request, user.get_username())
            return with_language(redirect(pending["next"]), pending["language"])
        throttle.failed(request, user.get_username())
        form.add_error("code", _("The code is not the one your app shows now; try the next one."))
    return render(request, "web/signin_code.html", {"form": form}, status=400 if form.errors else 200)


class SignOutView(auth_views.LogoutView):
    """Signs out (POST only) and returns to the sign-in page, saying so."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are signed out."))
        return response
