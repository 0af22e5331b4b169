"""Settings come from RAQIB_* variables and a malformed one stops the start with a message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CHECK = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.DATABASES['default']['ENGINE'])"


def run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    base.update({"DJANGO_SETTINGS_MODULE": "raqib.settings", "RAQIB_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run([sys.executable, "-c", CHECK], env=base, capture_output=True, text=True, timeout=60)


def test_defaults_give_sqlite_in_the_data_dir_and_no_debug(tmp_path):
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.sqlite3"]


def test_the_secret_key_is_generated_once_into_the_data_dir(tmp_path):
    run(tmp_path)
    key_file = tmp_path / "data" / "secret-key"
    first = key_file.read_text()
    run(tmp_path)
    assert key_file.read_text() == first
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("RAQIB_DEBUG", "maybe", "RAQIB_DEBUG must be true or false"),
        ("RAQIB_DATABASE_URL", "mysql://x/y", "RAQIB_DATABASE_URL must be a sqlite"),
        ("RAQIB_DATABASE_URL", "postgresql://host", "names no database"),
        ("RAQIB_SECRET_KEY", "short", "at least 32 characters"),
        ("RAQIB_MAX_REQUEST_BYTES", "ten", "must be a whole number"),
        ("RAQIB_API_MAX_BULK", "0", "must be at least 1"),
        ("RAQIB_STORAGE_URL", "ftp://files/raqib", "RAQIB_STORAGE_URL must be a s3://"),
        ("RAQIB_BEHIND_TLS_PROXY", "yes please", "RAQIB_BEHIND_TLS_PROXY must be true or false"),
    ],
)
def test_a_malformed_value_stops_the_start_with_a_clear_message(tmp_path, name, value, message):
    result = run(tmp_path, **{name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    code = ("import django; django.setup(); from django.db import connection; c = connection.cursor(); "
            "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA busy_timeout').fetchone()[0])")
    base = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    base.update({"DJANGO_SETTINGS_MODULE": "raqib.settings", "RAQIB_DATA_DIR": str(tmp_path / "data")})
    result = subprocess.run([sys.executable, "-c", code], env=base, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    mode, timeout = result.stdout.split()
    assert mode == "wal" and int(timeout) >= 5000


def test_behind_a_tls_proxy_the_forwarded_protocol_is_trusted_and_not_otherwise(tmp_path):
    probe = "import django; django.setup(); from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
    base = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    base.update({"DJANGO_SETTINGS_MODULE": "raqib.settings", "RAQIB_DATA_DIR": str(tmp_path / "data")})
    plain = subprocess.run([sys.executable, "-c", probe], env=base, capture_output=True, text=True, timeout=60)
    proxied = subprocess.run([sys.executable, "-c", probe], env={**base, "RAQIB_BEHIND_TLS_PROXY": "true"},
                             capture_output=True, text=True, timeout=60)
    assert plain.stdout.strip() == "None"
    assert proxied.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_an_object_store_url_gives_the_s3_storage_with_its_bucket_and_prefix(tmp_path):
    probe = ("import django; django.setup(); from django.conf import settings; o = settings.STORAGES['blobs']['OPTIONS'];"
             " print(settings.STORAGES['blobs']['BACKEND'], o['bucket_name'], o['location'], o['endpoint_url'])")
    base = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    base.update({"DJANGO_SETTINGS_MODULE": "raqib.settings", "RAQIB_DATA_DIR": str(tmp_path / "data"),
                 "RAQIB_STORAGE_URL": "s3://mission-files/prod", "RAQIB_S3_ENDPOINT_URL": "http://127.0.0.1:9000"})
    result = subprocess.run([sys.executable, "-c", probe], env=base, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["storages.backends.s3.S3Storage", "mission-files", "prod", "http://127.0.0.1:9000"]
