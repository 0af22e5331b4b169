"""Crash safety of the API's bulk ingest: a live ``raqib serve`` process is killed with SIGKILL
while it writes a batch, started again, and the client retries with its Idempotency-Key. Every
batch the server acknowledged is there exactly once, the batch in flight is there exactly once
after the retry, the audit chain verifies, and SQLite's integrity check passes.

Runs against SQLite, or against a throw-away PostgreSQL database when the suite runs on
PostgreSQL (RAQIB_DATABASE_URL)."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

BATCH = 2000  # a batch big enough that the kill usually lands while the server writes it


def raqib() -> list[str]:
    script = Path(sys.executable).with_name("raqib")
    return [str(script)] if script.exists() else [sys.executable, "-m", "raqib.cli"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def database_url() -> Iterator[str | None]:
    """None for SQLite in the data dir; else a new PostgreSQL database, dropped afterwards."""
    url = os.environ.get("RAQIB_DATABASE_URL", "")
    if not url.startswith("postgresql://"):
        yield None
        return
    import psycopg

    server, _slash, _name = url.rpartition("/")
    name = f"raqib_crash_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    def __init__(self, data_dir: Path, database_url: str | None) -> None:
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.env.update(RAQIB_DATA_DIR=str(data_dir), LC_ALL="C.UTF-8", RAQIB_API_MAX_BULK=str(BATCH))
        if database_url:
            self.env["RAQIB_DATABASE_URL"] = database_url
        self.port = free_port()
        self.process: subprocess.Popen[str] | None = None

    def run(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run([*raqib(), *args], env=self.env, input=stdin, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def start(self) -> None:
        self.process = subprocess.Popen([*raqib(), "serve", "--port", str(self.port), "--threads", "2"],
                                        env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.process.stderr.read() if self.process.stderr else ""
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("raqib serve did not start")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def post_batch(port: int, token: str, key: str, tag: str) -> tuple[int, Any]:
    items = [{"category": "ceasefire_violation", "subtype": "shelling", "occurred_start": "2021-01-10T08:00:00Z",
              "occurred_end": "2021-01-10T09:00:00Z", "lat": 31.2 + i / 10000, "lon": 16.58,
              "description_en": f"{tag} item {i}"} for i in range(BATCH)]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("POST", "/api/v1/incidents/bulk", body=json.dumps(items),
                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                              "Idempotency-Key": key})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        conn.close()


def test_a_server_killed_during_bulk_ingest_keeps_every_acknowledged_batch_once_and_the_retry_adds_one(
        tmp_path: Path, database_url: str | None) -> None:
    server = Server(tmp_path / "data", database_url)
    server.run("migrate")
    server.run("user", "create", "field1", "--role", "monitor", stdin="a long enough password 1\n")
    token = server.run("token", "create", "field1").strip().splitlines()[-1].strip()
    server.start()
    try:
        acknowledged: dict[str, list[int]] = {}
        for n in range(3):
            status, body = post_batch(server.port, token, f"batch-{n}", f"batch-{n}")
            assert status == 201
            acknowledged[f"batch-{n}"] = body["ids"]

        # Batch 3 is sent and the server is killed a moment later: usually while it writes the
        # batch; if the answer came first, the batch is simply one more acknowledged batch.
        outcome: dict[str, Any] = {}

        def send() -> None:
            try:
                outcome["answer"] = post_batch(server.port, token, "batch-3", "batch-3")
            except (OSError, http.client.HTTPException) as exc:
                outcome["error"] = exc

        sender = threading.Thread(target=send)
        sender.start()
        time.sleep(0.3)
        server.kill()
        sender.join(timeout=120)
        if "answer" in outcome and outcome["answer"][0] == 201:
            acknowledged["batch-3"] = outcome["answer"][1]["ids"]

        server.start()
        for key, ids in acknowledged.items():  # an acknowledged batch sent again is answered alike, not copied
            assert post_batch(server.port, token, key, key) == (201, {"ids": ids})
        status, body = post_batch(server.port, token, "batch-3", "batch-3")  # the client's retry
        assert status == 201 and len(body["ids"]) == BATCH
        assert body["ids"] == acknowledged.get("batch-3", body["ids"])
        assert post_batch(server.port, token, "batch-3", "batch-3") == (201, body)
    finally:
        server.stop()

    server.run("audit", "verify")  # exits 0 only when the chain and every audited record check out
    if database_url is None:
        with sqlite3.connect(tmp_path / "data" / "raqib.sqlite3") as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            rows = db.execute("SELECT description_en, COUNT(*) FROM incidents_incident GROUP BY description_en "
                              "HAVING COUNT(*) > 1").fetchall()
            assert rows == []
            assert db.execute("SELECT COUNT(*) FROM incidents_incident").fetchone() == (4 * BATCH,)
    else:
        import psycopg

        with psycopg.connect(database_url) as db:
            assert db.execute("SELECT COUNT(*), COUNT(DISTINCT description_en) FROM incidents_incident"
                              ).fetchone() == (4 * BATCH, 4 * BATCH)
