"""The task backend and the feed schedule come from RAQIB_* variables that fail loudly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CHECK = ("import django; django.setup(); from django.conf import settings; "
         "print(settings.TASKS['default']['BACKEND'], settings.RQ_QUEUES['default']['URL'], "
         "settings.RAQIB_FEEDS_INTERVAL, 'django_rq' in settings.INSTALLED_APPS)")


def run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    base.update({"DJANGO_SETTINGS_MODULE": "raqib.settings", "RAQIB_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run([sys.executable, "-c", CHECK], env=base, capture_output=True, text=True, timeout=60)


def test_the_database_backend_is_the_default(tmp_path):
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django_tasks_db.DatabaseBackend", "redis://127.0.0.1:6379/0", "60", "False"]


def test_rq_on_a_given_redis_is_chosen_by_setting(tmp_path):
    result = run(tmp_path, RAQIB_TASK_BACKEND="rq", RAQIB_REDIS_URL="redis://:pw@queue.internal:6380/2",
                 RAQIB_FEEDS_INTERVAL="0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django_tasks_rq.RQBackend", "redis://:pw@queue.internal:6380/2", "0", "True"]


@pytest.mark.parametrize(("name", "value", "message"), [
    ("RAQIB_TASK_BACKEND", "celery", "RAQIB_TASK_BACKEND must be one of database, rq"),
    ("RAQIB_REDIS_URL", "http://127.0.0.1:6379", "RAQIB_REDIS_URL must be a redis:// or rediss:// or unix://"),
    ("RAQIB_REDIS_URL", "redis://:secret@host:port/0", "RAQIB_REDIS_URL is not a valid address."),
    ("RAQIB_FEEDS_INTERVAL", "-5", "RAQIB_FEEDS_INTERVAL must be at least 0"),
    ("RAQIB_FEEDS_INTERVAL", "hourly", "RAQIB_FEEDS_INTERVAL must be a whole number"),
])
def test_a_malformed_value_stops_the_start_with_a_clear_message(tmp_path, name, value, message):
    result = run(tmp_path, **{name: value})
    assert result.returncode != 0 and message in result.stderr
    assert "secret" not in result.stderr  # an address may hold a password: it is not repeated
