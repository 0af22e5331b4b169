"""Background work through Django's task API: queued in the database (the default) or in Redis
with RQ, run by a worker; `raqib worker` stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus

from raqib.osint import services
from raqib.osint.models import Candidate
from raqib.osint.tasks import process_articles

from .samples import SHELLING_AR, SHELLING_EN, article

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RQ = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
REDIS_TEST_URL = "redis://127.0.0.1:6379/15"  # a database of its own; the test removes its job


@pytest.fixture
def signal_handlers_kept() -> Iterator[None]:
    """A worker run in this process installs its own SIGINT/SIGTERM handlers: put ours back."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for s, handler in saved.items():
        signal.signal(s, handler)


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def committed_db(transactional_db: Any) -> None:
    """A database whose writes commit: the worker closes a connection it finds inside a
    transaction (as a test's is). The flush between such tests removes the chain's head row
    that migration core.0002 makes: put it back."""
    from raqib.core.audit import GENESIS
    from raqib.core.models import AuditHead

    AuditHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS})


def test_processing_is_queued_in_the_database_and_run_by_its_worker(committed_db, settings, wire, sirte,
                                                                    signal_handlers_kept):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE
    services.store_article(wire, article(SHELLING_EN, url="https://e.org/en"))
    services.store_article(wire, article(SHELLING_AR, url="https://e.org/ar"))
    result = process_articles.enqueue()
    assert result.status == TaskResultStatus.READY
    assert DBTaskResult.objects.get().task_path == "raqib.osint.tasks.process_articles"
    assert not Candidate.objects.exists()  # nothing runs until a worker takes the task

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"articles": 2, "created": 1, "merged": 1, "failed": 0}
    assert Candidate.objects.get().sources.count() == 2


@pytest.mark.skipif(not redis_reachable(), reason="Redis is not running on 127.0.0.1:6379")
def test_processing_is_queued_in_redis_and_run_by_an_rq_worker(settings, wire, sirte):
    import django_rq
    from django_tasks_rq import Job
    from rq.worker import SimpleWorker

    settings.TASKS = RQ
    settings.RQ_QUEUES = {"default": {"URL": REDIS_TEST_URL}}
    queue = django_rq.get_queue("default", job_class=Job)
    queue.empty()
    result = None
    try:
        services.store_article(wire, article(SHELLING_EN, url="https://e.org/en"))
        result = process_articles.enqueue()
        assert queue.count == 1 and not Candidate.objects.exists()

        # SimpleWorker runs the job in this process, inside the test's database transaction.
        django_rq.get_worker("default", job_class=Job, worker_class=SimpleWorker).work(burst=True)

        result.refresh()
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert Candidate.objects.get().sources.get().article.url == "https://e.org/en"
    finally:
        queue.empty()
        if result is not None:
            Job.fetch(result.id, connection=queue.connection).delete()


def _migrated_data_dir(tmp_path: Path, **extra: str) -> tuple[Path, dict[str, str]]:
    """A SQLite data dir of its own, migrated, and the environment of a worker on it."""
    data = tmp_path / "worker-data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(RAQIB_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="raqib.settings", LC_ALL="C.UTF-8", **extra)
    subprocess.run([sys.executable, "-c", "import django; django.setup(); from django.core.management import "
                    "call_command; call_command('migrate', verbosity=0)"], env=env, check=True, timeout=300)
    return data, env


def _task_states(data: Path) -> list[tuple[str, Any]]:
    with sqlite3.connect(data / "raqib.sqlite3") as db:
        return db.execute("SELECT task_path, status FROM django_tasks_database_dbtaskresult").fetchall()


def test_the_worker_fetches_feeds_on_schedule_and_stops_cleanly_on_sigterm(tmp_path):
    data, env = _migrated_data_dir(tmp_path)
    code = "from raqib.osint.worker_cli import worker; worker(['--interval', '0.2'], prog_name='raqib worker')"
    process = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and ("raqib.osint.tasks.fetch_feeds", "SUCCESSFUL") not in _task_states(data):
            assert process.poll() is None, process.communicate()
            time.sleep(0.2)
        assert ("raqib.osint.tasks.fetch_feeds", "SUCCESSFUL") in _task_states(data)
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Worker on the database backend, fetching feeds every 60 minutes" in err


@pytest.mark.skipif(not redis_reachable(), reason="Redis is not running on 127.0.0.1:6379")
def test_the_rq_worker_runs_the_scheduled_fetch_and_stops_cleanly_on_sigterm(tmp_path):
    from redis import Redis
    from rq.registry import FinishedJobRegistry

    data, env = _migrated_data_dir(tmp_path, RAQIB_TASK_BACKEND="rq", RAQIB_REDIS_URL=REDIS_TEST_URL)
    redis = Redis.from_url(REDIS_TEST_URL)
    finished = FinishedJobRegistry("default", connection=redis)
    before = set(finished.get_job_ids())
    code = "from raqib.osint.worker_cli import worker; worker([], prog_name='raqib worker')"
    process = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not set(finished.get_job_ids()) - before:
            assert process.poll() is None, process.communicate()
            time.sleep(0.2)
        new = set(finished.get_job_ids()) - before
        assert new, "the worker ran no job"
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Worker on the rq backend, fetching feeds every 60 minutes" in err
    for job_id in new:
        redis.delete(f"rq:job:{job_id}", f"rq:results:{job_id}")
        finished.remove(job_id)
