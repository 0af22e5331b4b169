"""A real ``raqib serve`` process (waitress) on a real socket: chunked bodies, a real Digest
client, and a SIGKILL in the middle of a submission followed by the phone's retry."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from requests.auth import HTTPDigestAuth

from .support import PASSWORD, TUTORIAL, WITH_ATTACHMENT, challenge_params, digest_authorization, needs_odk

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from cli_support import own_env, raqib_command  # noqa: E402

pytestmark = needs_odk

XML = WITH_ATTACHMENT / "tutorial_2012-06-27_11-27-53_w_attachment.xml"
JPEG = WITH_ATTACHMENT / "1335783522563.jpg"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, data_dir: Path, **env: str) -> None:
        self.data_dir, self.port, self.env = data_dir, _free_port(), env
        self.process: subprocess.Popen[bytes] | None = None

    def run(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([*raqib_command(), *args], input=input, capture_output=True, text=True,
                              env=own_env(self.data_dir), timeout=300)
        assert done.returncode == 0, done.stderr + done.stdout
        return done

    def start(self) -> None:
        self.process = subprocess.Popen([*raqib_command(), "serve", "--port", str(self.port), "--threads", "2"],
                                        env=own_env(self.data_dir, **self.env), stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                assert self.process.poll() is None, "raqib serve stopped"
                time.sleep(0.2)
        raise AssertionError("raqib serve did not start")

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def count(self, table: str) -> int:
        with sqlite3.connect(self.data_dir / "raqib.sqlite3") as db:
            return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608 - test tables


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated data dir with a monitor and the tutorial form, copied for each test."""
    data_dir = tmp_path_factory.mktemp("openrosa-live") / "data"
    server = Server(data_dir)
    server.run("migrate")
    server.run("user", "create", "monitor", "--role", "monitor", input=PASSWORD + "\n")
    server.run("forms", "upload", str(TUTORIAL / "tutorial.xls"))
    return data_dir


@pytest.fixture
def server(prepared: Path, tmp_path: Path) -> Iterator[Server]:
    import shutil

    data_dir = tmp_path / "data"
    shutil.copytree(prepared, data_dir)
    s = Server(data_dir)
    s.start()
    try:
        yield s
    finally:
        s.stop()


def multipart(*parts: tuple[str, str, bytes, str]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = b""
    for field, filename, content, content_type in parts:
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n"
                 f"Content-Type: {content_type}\r\n\r\n").encode() + content + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def submission_body() -> tuple[bytes, str]:
    return multipart(("xml_submission_file", "submission.xml", XML.read_bytes(), "text/xml"),
                     (JPEG.name, JPEG.name, JPEG.read_bytes(), "image/jpeg"))


def authorization(server: Server, method: str = "POST", path: str = "/openrosa/submission") -> str:
    challenge = requests.head(server.url + path, timeout=30)
    assert challenge.status_code == 401
    return digest_authorization(method, path, "monitor", PASSWORD,
                                challenge_params(challenge.headers["WWW-Authenticate"]), 1)


def head(server: Server, body: bytes, content_type: str, extra: str = "") -> bytes:
    return (f"POST /openrosa/submission HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
            f"Authorization: {authorization(server)}\r\nX-OpenRosa-Version: 1.0\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n{extra}\r\n").encode()


def read_response(sock: socket.socket) -> tuple[int, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data


def post(server: Server) -> int:
    body, content_type = submission_body()
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
        sock.sendall(head(server, body, content_type) + body)
        return read_response(sock)[0]


def test_a_real_digest_client_submits_a_chunked_body(server: Server) -> None:
    body, content_type = submission_body()
    auth = HTTPDigestAuth("monitor", PASSWORD)
    with requests.Session() as session:
        assert session.head(server.url + "/openrosa/submission", auth=auth, timeout=30).status_code == 204

        def chunks() -> Iterator[bytes]:
            for start in range(0, len(body), 64 * 1024):
                yield body[start:start + 64 * 1024]

        response = session.post(server.url + "/openrosa/submission", data=chunks(), auth=auth, timeout=60,
                                headers={"Content-Type": content_type, "X-OpenRosa-Version": "1.0"})
    assert response.request.headers.get("Transfer-Encoding") == "chunked"
    assert response.status_code == 201, response.text
    assert response.headers["X-OpenRosa-Version"] == "1.0" and response.headers["Date"]
    assert server.count("openrosa_submission") == 1
    assert server.count("openrosa_submissionattachment") == 1
    stored = server.data_dir / "evidence" / hashlib.sha256(JPEG.read_bytes()).hexdigest()[:2]
    assert (stored / hashlib.sha256(JPEG.read_bytes()).hexdigest()).read_bytes() == JPEG.read_bytes()


def test_a_server_killed_mid_body_leaves_nothing_and_the_retry_makes_one_record(server: Server) -> None:
    body, content_type = submission_body()
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
        sock.sendall(head(server, body, content_type) + body[: len(body) // 2])
        time.sleep(0.5)
        server.kill()
    server.start()
    assert server.count("openrosa_submission") == 0
    assert post(server) == 201
    assert post(server) == 201  # the phone did not see the answer and sends again
    assert server.count("openrosa_submission") == 1
    assert server.count("openrosa_submissionattachment") == 1


def test_a_server_killed_right_after_answering_keeps_the_record_and_the_retry_adds_none(server: Server) -> None:
    assert post(server) == 201
    server.kill()
    server.start()
    assert server.count("openrosa_submission") == 1
    assert post(server) == 201
    assert server.count("openrosa_submission") == 1
    assert server.count("openrosa_submissionattachment") == 1


def test_a_body_over_the_limit_is_refused_with_413_by_the_real_server(prepared: Path, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(prepared, tmp_path / "data")
    small = Server(tmp_path / "data", RAQIB_OPENROSA_MAX_BYTES=str(64 * 1024))
    small.start()
    try:
        body, content_type = submission_body()
        with socket.create_connection(("127.0.0.1", small.port), timeout=60) as sock:
            sock.sendall(head(small, body, content_type) + body)
            status, data = read_response(sock)
    finally:
        small.stop()
    assert status == 413
    assert b"x-openrosa-version: 1.0" in data.lower()
    assert small.count("openrosa_submission") == 0


def test_answers_to_head_carry_no_body_so_a_keep_alive_connection_stays_in_step(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
        request = f"HEAD /openrosa/submission HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode()
        sock.sendall(request + request)
        data = b""
        deadline = time.monotonic() + 10
        while data.count(b"HTTP/1.1 ") < 2 and time.monotonic() < deadline:
            data += sock.recv(65536)
    assert data.count(b"HTTP/1.1 401") == 2
    assert b"<?xml" not in data


def test_the_same_submission_sent_by_four_clients_at_once_is_one_record(server: Server) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda _i: post(server), range(4)))
    assert statuses == [201, 201, 201, 201]
    assert server.count("openrosa_submission") == 1
    assert server.count("openrosa_submissionattachment") == 1
