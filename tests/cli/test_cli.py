"""The ``raqib`` command line, tested like an API: arguments in, exit status and messages out."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import Result
from django.db import connection

import raqib
import raqib.profiles
from raqib.accounts.models import ApiToken, Role, User
from raqib.cli import accounts, serve
from raqib.core import audit
from raqib.core.models import AuditEntry, AuditHead

from cli_support import all_commands, command_at, own_env, raqib_command

PASSPHRASE = "a long enough passphrase"

Invoke = Callable[..., Result]


# --- the real entry point ---------------------------------------------------------------


def test_it_prints_its_version(run_raqib: Any) -> None:
    done = run_raqib("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"raqib, version {raqib.__version__}"


def test_it_names_a_malformed_setting_in_one_line_and_exits_2(run_raqib: Any) -> None:
    done = run_raqib("migrate", env={"RAQIB_DEBUG": "maybe"})
    assert done.returncode == 2
    assert done.stderr.strip() == "Error: RAQIB_DEBUG must be true or false, not 'maybe'."
    assert "Traceback" not in done.stderr


def test_it_migrates_a_new_data_dir_and_then_has_nothing_to_do(run_raqib: Any, tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "data"
    first = run_raqib("migrate", "--data-dir", str(data_dir))
    assert first.returncode == 0, first.stderr
    assert (data_dir / "raqib.sqlite3").exists()
    again = run_raqib("migrate", "--data-dir", str(data_dir))
    assert again.returncode == 0
    assert "(0 migrations applied)" in again.stdout


def test_it_asks_for_migrate_before_using_an_empty_data_dir(run_raqib: Any, tmp_path: Path) -> None:
    done = run_raqib("token", "create", "nobody", "--data-dir", str(tmp_path / "empty"))
    assert done.returncode == 1
    assert "raqib migrate" in done.stderr
    assert "Traceback" not in done.stderr


# Commands that read files and need no database have no data dir.
WITHOUT_DATABASE = {("osint", "extract"), ("osint", "evaluate")}


def test_every_command_takes_a_data_dir(invoke: Invoke) -> None:
    for path in all_commands():
        if not isinstance(command_at(path), click.Group) and tuple(path) not in WITHOUT_DATABASE:
            assert "--data-dir DIR" in invoke(*path, "--help").output, path


def test_a_configuration_error_met_while_running_also_exits_2(invoke: Invoke, db: Any, monkeypatch: Any) -> None:
    from django.core.exceptions import ImproperlyConfigured

    def misconfigured() -> None:
        raise ImproperlyConfigured("RAQIB_DATABASE_URL names no database.")

    monkeypatch.setattr(accounts, "require_migrated", misconfigured)
    result = invoke("token", "create", "anyone")
    assert result.exit_code == 2
    assert result.stderr == "Error: RAQIB_DATABASE_URL names no database.\n"


# --- user create ------------------------------------------------------------------------


def test_it_creates_a_user_with_the_password_from_stdin(invoke: Invoke, db: Any) -> None:
    result = invoke("user", "create", "amina", "--role", "verifier", input=PASSPHRASE + "\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Created user amina (verifier)."
    amina = User.objects.get(username="amina")
    assert amina.role == Role.VERIFIER
    assert amina.check_password(PASSPHRASE)
    assert AuditEntry.objects.filter(model="accounts.user", object_id=str(amina.pk), actor_name="system").exists()


def test_it_asks_twice_for_the_password_on_a_terminal(invoke: Invoke, db: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(accounts, "_is_terminal", lambda stream: True)
    result = invoke("user", "create", "omar", "--role", "monitor",
                    input=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert result.exit_code == 0, result.output
    assert "Repeat for confirmation" in result.output
    assert PASSPHRASE not in result.output
    assert User.objects.get(username="omar").check_password(PASSPHRASE)


def test_it_refuses_an_unknown_role(invoke: Invoke, db: Any) -> None:
    result = invoke("user", "create", "omar", "--role", "general", input=PASSPHRASE + "\n")
    assert result.exit_code == 1
    assert "Unknown role “general”" in result.stderr
    assert not User.objects.filter(username="omar").exists()


def test_it_refuses_a_liaison_officer_without_a_party(invoke: Invoke, db: Any) -> None:
    result = invoke("user", "create", "liaison", "--role", "liaison", input=PASSPHRASE + "\n")
    assert result.exit_code == 1
    assert "must be bound to a party (--party)" in result.stderr


def test_it_binds_a_liaison_officer_to_the_party_named(invoke: Invoke, parties: Any) -> None:
    result = invoke("user", "create", "lno", "--role", "liaison", "--party", "lna", input=PASSPHRASE + "\n")
    assert result.exit_code == 0, result.output
    assert User.objects.get(username="lno").party == parties["lna"]


def test_it_refuses_an_unknown_party(invoke: Invoke, parties: Any) -> None:
    result = invoke("user", "create", "lno", "--role", "liaison", "--party", "nobody", input=PASSPHRASE + "\n")
    assert result.exit_code == 1
    assert "There is no party with the key “nobody”." in result.stderr


def test_it_refuses_a_weak_password(invoke: Invoke, db: Any) -> None:
    result = invoke("user", "create", "omar", "--role", "monitor", input="12345\n")
    assert result.exit_code == 1
    assert "too short" in result.stderr


def test_it_refuses_an_empty_stdin(invoke: Invoke, db: Any) -> None:
    result = invoke("user", "create", "omar", "--role", "monitor", input="")
    assert result.exit_code == 1
    assert "No password on standard input" in result.stderr


def test_it_refuses_a_second_user_of_the_same_name(invoke: Invoke, users: Any) -> None:
    result = invoke("user", "create", "chief", "--role", "chief", input=PASSPHRASE + "\n")
    assert result.exit_code == 1
    assert "already exists" in result.stderr


# --- token create -----------------------------------------------------------------------


def test_it_prints_a_token_that_authenticates(invoke: Invoke, users: Any) -> None:
    result = invoke("token", "create", "verifier")
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip()
    assert ApiToken.authenticate(secret) == users["verifier"]
    assert secret not in "".join(ApiToken.objects.values_list("digest", flat=True))


def test_it_refuses_a_token_for_an_unknown_user(invoke: Invoke, db: Any) -> None:
    result = invoke("token", "create", "ghost")
    assert result.exit_code == 1
    assert "There is no user named “ghost”." in result.stderr


# --- profile load -----------------------------------------------------------------------


def test_it_loads_a_profile_and_prints_its_counts(invoke: Invoke, db: Any, monkeypatch: Any) -> None:
    calls = []

    def load(name: str, progress: Any = None) -> dict[str, int]:
        calls.append(name)
        progress(0, 3, "Loading")
        progress(3, None, "")
        return {"parties": 12, "places": 3}

    monkeypatch.setattr(raqib.profiles, "load", load)
    result = invoke("profile", "load", "libya-2020")
    assert result.exit_code == 0, result.output
    assert calls == ["libya-2020"]
    assert result.stdout.splitlines() == ["parties: 12", "places: 3"]


def test_it_names_an_unknown_profile(invoke: Invoke, db: Any) -> None:
    result = invoke("profile", "load", "atlantis-2031")
    assert result.exit_code == 1
    assert "There is no profile named “atlantis-2031”" in result.stderr


# --- audit verify -----------------------------------------------------------------------


def test_it_reports_an_intact_chain(invoke: Invoke, make_incident: Any) -> None:
    make_incident()
    entries = AuditEntry.objects.count()
    records = sum(model._default_manager.count() for model in audit.audited_models())
    head = AuditHead.objects.get(pk=1)
    result = invoke("audit", "verify")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"audit chain intact: {entries} entries, {records} records",
                                          f"chain head: entry {head.seq}, hash {head.hash}"]


def test_it_names_a_record_changed_behind_its_back_and_exits_1(invoke: Invoke, make_incident: Any) -> None:
    incident = make_incident()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE incidents_incident SET description_en='x'")
    result = invoke("audit", "verify")
    assert result.exit_code == 1
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert f"incidents.incident {incident.pk} differs from its last audited state (fields: description_en)" in first
    assert "audit chain broken: 1 problems" in result.stderr


def test_it_names_the_first_bad_entry_first(invoke: Invoke, make_incident: Any) -> None:
    make_incident()
    make_incident()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET note='edited' WHERE seq IN (3, 7)")
    result = invoke("audit", "verify")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("entry 3:")


# --- serve ------------------------------------------------------------------------------


def test_serve_collects_static_files_and_hands_waitress_the_app(invoke: Invoke, settings: Any, tmp_path: Path,
                                                                monkeypatch: Any, db: Any) -> None:
    settings.STATIC_ROOT = tmp_path / "static"
    served = {}

    def fake_serve(app: Any, **options: Any) -> None:
        served.update(options, app=app)

    monkeypatch.setattr("waitress.serve", fake_serve)
    result = invoke("serve", "--host", "0.0.0.0", "--port", "8123", "--threads", "2")
    assert result.exit_code == 0, result.output
    assert settings.STATIC_ROOT.is_dir()
    assert {k: served[k] for k in ("host", "port", "threads")} == {"host": "0.0.0.0", "port": 8123, "threads": 2}
    from django.core.handlers.wsgi import WSGIHandler

    assert isinstance(served["app"], WSGIHandler)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_http_and_stops_on_sigterm(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    (data_dir / "static").mkdir(parents=True)
    (data_dir / "static" / "hello.txt").write_text("مرحبا")
    subprocess.run([*raqib_command(), "migrate"], env=own_env(data_dir), check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen([*raqib_command(), "serve", "--port", str(port), "--threads", "1"],
                              env=own_env(data_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        body = None
        deadline = time.monotonic() + 60
        while body is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/hello.txt", timeout=5) as answer:
                    body = answer.read().decode("utf-8")
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert body == "مرحبا", server.stderr.read() if server.poll() is not None else "no answer"
        # A file that exists only once collected: the map library the pages load.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/web/vendor/leaflet/leaflet.js", timeout=5) as js:
            assert js.status == 200 and b"Leaflet" in js.read(2000)
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/static/missing.txt", timeout=5)
        assert missing.value.code == 404
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert f"Serving Raqib on http://127.0.0.1:{port}/" in out
    assert "Traceback" not in err


@pytest.mark.parametrize(("locale", "language"), [("ar_LY.UTF-8", "ar"), ("en_GB.UTF-8", "en"), ("C.UTF-8", "en"),
                                                  ("fr_FR.UTF-8", "en")])
def test_messages_follow_the_operators_locale_when_raqib_speaks_it(monkeypatch: Any, locale: str,
                                                                    language: str) -> None:
    from raqib.cli import base

    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", locale)
    assert base._language() == language


# --- the help ---------------------------------------------------------------------------


def test_the_commands_of_the_contract_exist(invoke: Invoke) -> None:
    assert set(all_commands()) >= {("demo",), ("serve",), ("migrate",), ("user", "create"), ("token", "create"),
                                   ("profile", "load"), ("audit", "verify"), ("backup",), ("restore",)}


def test_the_role_list_in_the_help_is_the_models() -> None:
    assert accounts.ROLES == ", ".join(Role.values)


# --- map check and rebuild ------------------------------------------------------------------


def test_map_check_passes_names_a_cell_changed_behind_its_back_and_rebuild_repairs_it(
        invoke: Invoke, make_incident: Any) -> None:
    make_incident()
    result = invoke("map", "check")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "map summary matches the incidents"
    with connection.cursor() as cursor:
        cursor.execute("UPDATE incidents_mapcell SET n = n + 1 WHERE level = 3")
    result = invoke("map", "check")
    assert result.exit_code == 1
    assert "cell (3, " in result.stderr and "map summary differs from the incidents in 1 cells" in result.stderr
    result = invoke("map", "rebuild")
    assert result.exit_code == 0 and result.stdout.startswith("map summary rebuilt: ")
    assert invoke("map", "check").exit_code == 0
