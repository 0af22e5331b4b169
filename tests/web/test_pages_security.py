"""Sign-in with the language, throttling, CSRF, and a Content-Security-Policy with nothing inline."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse



def sign_in(client: Client, username: str, password: str, language: str = "en"):
    return client.post(reverse("web:login"), {"username": username, "password": password, "language": language})


def test_signing_in_sets_the_chosen_language(client, users):
    response = sign_in(client, "monitor", "correct horse battery staple", "ar")
    assert response.status_code == 302 and response["Location"] == reverse("web:home")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    page = client.get(reverse("web:dashboard")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_a_wrong_password_is_refused_and_repeated_failures_lock_the_sign_in(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "monitor", "wrong password!").status_code == 200
    assert sign_in(client, "monitor", "wrong password!").status_code == 429
    # Locked: even the right password is refused for now.
    assert sign_in(client, "monitor", "correct horse battery staple").status_code == 429


def test_signing_out_takes_a_post(client, users):
    sign_in(client, "chief", "correct horse battery staple")
    assert client.get(reverse("web:logout")).status_code == 405
    response = client.post(reverse("web:logout"))
    assert response.status_code == 302 and response["Location"] == reverse("web:login")
    assert "You are signed out." in client.get(response["Location"]).content.decode()
    assert client.get(reverse("web:dashboard")).status_code == 302


def test_forms_without_the_csrf_token_are_refused(users, make_incident):
    incident = make_incident()
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["verifier"])
    response = client.post(reverse("web:transition", args=[incident.pk]), {"state": "triaged"})
    assert response.status_code == 403
    incident.verification.refresh_from_db()
    assert incident.verification.state == "received"


def test_every_form_carries_the_csrf_token(as_user, make_incident, provisions, zone):
    incident = make_incident()
    client = as_user("chief")
    for url in (reverse("web:new_report"), reverse("web:incident", args=[incident.pk]), reverse("web:zone", args=[zone.pk]),
                reverse("web:new_allegation"), reverse("web:verification")):
        page = client.get(url).content.decode()
        posts = len(re.findall(r'<form[^>]*method="post"', page))
        assert posts and page.count('name="csrfmiddlewaretoken"') == posts, url


PASSWORD = "correct horse battery staple"

PAGES = ["web:dashboard", "web:incidents", "web:new_report", "web:verification", "web:allegations",
         "web:new_allegation", "web:zones", "web:mission", "web:agreement"]


@pytest.mark.parametrize("page", PAGES)
def test_pages_have_a_strict_csp_and_no_inline_script_or_style(as_user, zone, provisions, page):
    response = as_user("admin").get(reverse(page))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe-inline" not in policy
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert "<style" not in html and not re.search(r'\sstyle="', html), "inline style"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    assert not re.search(r'(src|href)="(https?:)?//', html), "an asset from another origin"


def test_the_sign_in_page_offers_both_languages_by_their_own_names(client, db):
    page = client.get(reverse("web:login")).content.decode()
    assert 'value="ar"' in page and "العربية" in page and "English" in page


def test_a_tile_url_adds_its_origin_to_the_policy(tmp_path):
    import os
    import subprocess
    import sys

    code = ("import django; django.setup(); from django.conf import settings; "
            "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "raqib.settings", "RAQIB_DATA_DIR": str(tmp_path),
           "RAQIB_TILE_URL": "https://tiles.example.org/{z}/{x}/{y}.png"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert "https://tiles.example.org" in out.stdout, out.stderr
    env["RAQIB_TILE_URL"] = "javascript:alert(1)"
    bad = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0 and "RAQIB_TILE_URL" in bad.stderr
