#!/usr/bin/env python
"""OpenRosa submissions per second over real HTTP, against writing the same records directly.

    .venv/bin/python bench/openrosa_bench.py [--db postgresql|sqlite] [--submissions 2000]
                                             [--servers waitress,gunicorn] [--clients 1,4]

What is measured, in one run and on one fresh database:

* the form is a real XLSForm, ``kpi-tutorial/tutorial.xls`` from ``../shared/interop/odk`` (read
  where it is), published as any uploaded form is (stored generically: raw XML, parsed JSON,
  audit chain); each submission is that folder's real instance with its own ``meta/instanceID``;
* each client signs in as ODK Collect does: the first request is answered with a Digest
  challenge, then every request reuses that nonce with an increasing ``nc`` (a new cnonce each
  time) over a kept-alive connection, and posts ``multipart/form-data`` with one
  ``xml_submission_file`` part; a 201 is required for every submission;
* the servers are real processes: ``raqib serve --threads 8`` (waitress),
  ``gunicorn raqib.wsgi:application -w 4`` (sync workers: a new connection per request) and
  ``gunicorn ... -w 4 --threads 4`` (as docs/operators/deployment.md runs it in production);
* "direct" is the baseline, measured right after each HTTP measurement: the same rows and audit
  entries written in this process by the receiving service (``raqib.openrosa.services.receive``),
  with no HTTP, no authentication and no multipart, by as many threads as there are clients;
* the queries of one submission through the whole Django stack (middleware, Digest, service) are
  counted with ``CaptureQueriesContext``;
* at the end the audit chain is verified (``raqib audit verify``) and the number of stored
  submissions checked.

For scale: ODK Central, measured on these machines with stock PostgreSQL, takes about 150
submissions/s from one client and about 200/s from four; the target is 1.5 times that (225/s and
300/s). Nothing here is a test: it prints figures for docs/benchmarks.md, with the load average
(``uptime``) before and after, since other work on the same machine changes them.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

PASSWORD = "bench passphrase 1234"
ODK_DIR = Path(__file__).resolve().parents[2] / "shared" / "interop" / "odk"
FORM = "kpi-tutorial/tutorial.xls"
INSTANCE = "kpi-tutorial/instances/tutorial_2012-06-27_11-27-53_w_uuid.xml"
INSTANCE_ID = b"uuid:729f173c688e482486a48661700455ff"
ODK_CENTRAL = {1: 150.0, 4: 200.0}
PATH = "/openrosa/submission"


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", choices=["sqlite", "postgresql"], default="postgresql")
    p.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/raqib_openrosa_bench")
    p.add_argument("--submissions", type=int, default=2000, help="submissions per measurement")
    p.add_argument("--servers", default="waitress,gunicorn,gunicorn-gthread",
                   help="any of waitress, gunicorn (sync workers), gunicorn-gthread (workers with threads)")
    p.add_argument("--clients", default="1,4")
    p.add_argument("--threads", type=int, default=8, help="waitress threads")
    p.add_argument("--rounds", type=int, default=1, help="measure everything this many times (the load varies)")
    p.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    p.add_argument("--gunicorn-threads", type=int, default=4, help="threads per gunicorn-gthread worker")
    p.add_argument("--odk-dir", type=Path, default=ODK_DIR)
    return p.parse_args()


def load() -> str:
    return os.getloadavg().__repr__()


class Instances:
    """The real instance with a fresh instanceID each time."""

    def __init__(self, odk_dir: Path) -> None:
        self.template = (odk_dir / INSTANCE).read_bytes()
        assert INSTANCE_ID in self.template

    def make(self, count: int) -> list[bytes]:
        return [self.template.replace(INSTANCE_ID, f"uuid:{uuid.uuid4()}".encode()) for _ in range(count)]


def multipart(xml: bytes) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"xml_submission_file\"; "
            f"filename=\"submission.xml\"\r\nContent-Type: text/xml\r\n\r\n").encode() + xml + \
        f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()  # noqa: S324 - RFC 2617's hash


class Phone:
    """An HTTP client that signs as ODK Collect does: a 401 challenge once, then the same nonce
    with nc = 1, 2, 3... (a stale nonce is answered by signing again with the new one)."""

    def __init__(self, host: str, port: int, username: str, password: str) -> None:
        self.conn = http.client.HTTPConnection(host, port, timeout=60)
        self.username, self.password = username, password
        self.challenge: dict[str, str] | None = None
        self.nc = 0

    def authorization(self, method: str, uri: str) -> str:
        assert self.challenge is not None
        self.nc += 1
        c, nc, cnonce = self.challenge, f"{self.nc:08x}", secrets.token_hex(8)
        ha1 = _md5(f"{self.username}:{c['realm']}:{self.password}")
        response = _md5(f"{ha1}:{c['nonce']}:{nc}:{cnonce}:auth:{_md5(f'{method}:{uri}')}")
        return (f'Digest username="{self.username}", realm="{c["realm"]}", nonce="{c["nonce"]}", uri="{uri}", '
                f'algorithm=MD5, qop=auth, nc={nc}, cnonce="{cnonce}", response="{response}", '
                f'opaque="{c.get("opaque", "")}"')

    def request(self, method: str, body: bytes = b"", content_type: str = "") -> tuple[int, bytes]:
        for _attempt in range(2):
            headers = {"X-OpenRosa-Version": "1.0"}
            if content_type:
                headers["Content-Type"] = content_type
            if self.challenge is not None:
                headers["Authorization"] = self.authorization(method, PATH)
            self.conn.request(method, PATH, body=body or None, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
            if response.status != 401:
                return response.status, data
            header = response.getheader("WWW-Authenticate", "")
            digest = header[header.lower().index("digest ") + 7:]
            self.challenge = {k.lower(): a or b for k, a, b in re.findall(r'(\w+)=(?:"([^"]*)"|([^,\s]+))', digest)}
            self.nc = 0
        return response.status, data


def prepare(args: argparse.Namespace, work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    env.update(RAQIB_DATA_DIR=str(work / "data"), DJANGO_SETTINGS_MODULE="raqib.settings", LC_ALL="C.UTF-8")
    if args.db == "postgresql":
        import psycopg

        base, name = args.pg_url.rsplit("/", 1)
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        env["RAQIB_DATABASE_URL"] = args.pg_url
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from raqib.accounts.services import create_user
    from raqib.openrosa.services import upload_xlsform

    create_user("monitor", "monitor", PASSWORD, None)
    form = args.odk_dir / FORM
    upload_xlsform(form.name, form.read_bytes(), None)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(server: str, env: dict[str, str], args: argparse.Namespace) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    bindir = Path(sys.executable).parent
    if server == "waitress":
        command = [str(bindir / "raqib"), "serve", "--port", str(port), "--threads", str(args.threads)]
    else:
        command = [str(bindir / "gunicorn"), "raqib.wsgi:application", "-w", str(args.workers),
                   "-b", f"127.0.0.1:{port}", "--log-level", "warning"]
        if server == "gunicorn-gthread":
            # As docs/operators/deployment.md runs it: threads, and so kept-alive connections.
            command += ["--threads", str(args.gunicorn_threads)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            phone = Phone("127.0.0.1", port, "monitor", PASSWORD)
            status, _body = phone.request("HEAD")
            if status == 204:
                return process, port
        except OSError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{server} did not start")


def run_clients(clients: int, per_client: list[list[bytes]], work: Any) -> float:
    """Start ``clients`` threads together; each calls ``work(its bodies)``; submissions/s."""
    failures: list[str] = []
    ready = threading.Barrier(clients + 1)

    def client(mine: list[bytes]) -> None:
        try:
            work(mine, ready, failures)
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(repr(exc))
            ready.abort()

    threads = [threading.Thread(target=client, args=(b,)) for b in per_client]
    for t in threads:
        t.start()
    ready.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if failures:
        raise SystemExit(f"{len(failures)} submissions failed, e.g. {failures[0]}")
    return sum(len(b) for b in per_client) / elapsed


def over_http(port: int, clients: int, per_client: list[list[bytes]]) -> float:
    def work(mine: list[bytes], ready: threading.Barrier, failures: list[str]) -> None:
        phone = Phone("127.0.0.1", port, "monitor", PASSWORD)
        assert phone.request("HEAD")[0] == 204  # the 401 challenge, then the signed HEAD
        bodies = [multipart(xml) for xml in mine]
        ready.wait()
        for body, content_type in bodies:
            status, data = phone.request("POST", body, content_type)
            if status != 201:
                failures.append(f"{status} {data[:200]!r}")

    return run_clients(clients, per_client, work)


def direct(clients: int, per_client: list[list[bytes]]) -> float:
    from django.db import connection

    from raqib.accounts.models import User
    from raqib.openrosa.services import receive

    user = User.objects.get(username="monitor")

    def work(mine: list[bytes], ready: threading.Barrier, failures: list[str]) -> None:
        ready.wait()
        for xml in mine:
            if not receive(xml, [], user).created:
                failures.append("not created")
        connection.close()

    return run_clients(clients, per_client, work)


def queries_per_submission(instances: Instances) -> tuple[int, list[str]]:
    """The queries of one submission through the whole stack, signed with Digest: the second
    submission on a nonce, as nearly every submission of a phone is (the server's connection
    health check, one ``SELECT 1`` per request, is not among them: it bypasses Django's query
    log)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    challenge = client.head(PATH)["WWW-Authenticate"]
    phone = Phone("unused", 0, "monitor", PASSWORD)
    digest = challenge[challenge.lower().index("digest ") + 7:]
    phone.challenge = {k.lower(): a or b for k, a, b in re.findall(r'(\w+)=(?:"([^"]*)"|([^,\s]+))', digest)}
    assert client.head(PATH, HTTP_AUTHORIZATION=phone.authorization("HEAD", PATH)).status_code == 204
    body, content_type = multipart(instances.make(1)[0])
    first = client.post(PATH, body, content_type=content_type, HTTP_AUTHORIZATION=phone.authorization("POST", PATH))
    assert first.status_code == 201, first.content
    body, content_type = multipart(instances.make(1)[0])
    with CaptureQueriesContext(connection) as captured:
        response = client.post(PATH, body, content_type=content_type,
                               HTTP_AUTHORIZATION=phone.authorization("POST", PATH))
    assert response.status_code == 201, response.content
    return len(captured), [q["sql"][:100] for q in captured.captured_queries]


def main() -> None:
    args = parse_args()
    counts = [int(c) for c in args.clients.split(",")]
    instances = Instances(args.odk_dir)
    print(f"load average before (1, 5, 15 min): {load()}; {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="raqib-openrosa-bench-") as tmp:
        env = prepare(args, Path(tmp))
        n, sqls = queries_per_submission(instances)
        print(f"queries per submission (whole stack, Digest, a phone's next submission on its nonce): {n}")
        for sql in sqls:
            print(f"    {sql}")
        print(f"database: {args.db}; {args.submissions} submissions per measurement; form {FORM}")
        print("| server | clients | submissions/s | direct (submissions/s) | HTTP / direct | "
              "HTTP / (1.5 × ODK Central) | load (1 min) |")
        print("|---|---|---|---|---|---|---|")
        servers = args.servers.split(",")
        total = 2 + 2 * args.submissions * len(counts) * len(servers) * args.rounds
        for round_ in range(args.rounds):
            for server in servers:
                process, port = serve(server, env, args)
                try:
                    for clients in counts:
                        per = args.submissions // clients
                        http_rate = over_http(port, clients, [instances.make(per) for _ in range(clients)])
                        # The baseline right after, under the same load.
                        direct_rate = direct(clients, [instances.make(per) for _ in range(clients)])
                        target = 1.5 * ODK_CENTRAL.get(clients, ODK_CENTRAL[4])
                        label = {"waitress": f"raqib serve --threads {args.threads} (waitress)",
                                 "gunicorn": f"gunicorn -w {args.workers} (sync)",
                                 "gunicorn-gthread": f"gunicorn -w {args.workers} --threads {args.gunicorn_threads}",
                                 }[server]
                        print(f"| {label} | {clients} | {http_rate:.0f} | {direct_rate:.0f} | "
                              f"{http_rate / direct_rate:.2f} | {http_rate / target:.2f} | "
                              f"{os.getloadavg()[0]:.1f} |", flush=True)
                finally:
                    process.terminate()
                    process.wait(timeout=30)
        from raqib.core import audit
        from raqib.openrosa.models import Submission

        stored = Submission.objects.count()
        problems = list(audit.verify())
        print(f"stored submissions: {stored} (expected {total}); audit chain: "
              f"{'verified, no problem' if not problems else f'{len(problems)} problems, e.g. {problems[0]}'}")
    print(f"load average after (1, 5, 15 min): {load()}")


if __name__ == "__main__":
    main()
