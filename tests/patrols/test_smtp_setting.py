"""RAQIB_SMTP_URL becomes Django's email settings; a malformed one stops the start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHECK = ("import django; django.setup(); from django.conf import settings as s; "
         "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.EMAIL_HOST_USER, "
         "s.EMAIL_HOST_PASSWORD, s.DEFAULT_FROM_EMAIL)")


def run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    base.update({"DJANGO_SETTINGS_MODULE": "raqib.settings", "RAQIB_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run([sys.executable, "-c", CHECK], env=base, capture_output=True, text=True, timeout=60)


def test_an_smtp_url_with_starttls(tmp_path: Path) -> None:
    done = run(tmp_path, RAQIB_SMTP_URL="smtp://ops%40mission:p%2Fss@mail.example.org:587",
               RAQIB_EMAIL_FROM="raqib@mission.example")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["django.core.mail.backends.smtp.EmailBackend", "mail.example.org", "587", "True",
                                   "False", "ops@mission", "p/ss", "raqib@mission.example"]


def test_smtps_defaults_to_port_465(tmp_path: Path) -> None:
    done = run(tmp_path, RAQIB_SMTP_URL="smtps://mail.example.org")
    assert done.stdout.split()[1:5] == ["mail.example.org", "465", "False", "True"]


def test_a_malformed_smtp_url_is_refused_without_repeating_it(tmp_path: Path) -> None:
    done = run(tmp_path, RAQIB_SMTP_URL="http://user:secret@mail.example.org")
    assert done.returncode != 0
    assert "RAQIB_SMTP_URL must be a smtp:// or smtps:// address" in done.stderr and "secret" not in done.stderr
