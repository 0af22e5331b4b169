"""Backups and restores: every row and every evidence file comes back as it was, or nothing is
touched."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from django.conf import settings
from django.db import models

from raqib.accounts.models import ApiToken, User
from raqib.core import audit, backup
from raqib.core.errors import Conflict, Invalid
from raqib.core.models import AuditHead
from raqib.incidents import store
from raqib.incidents.models import Evidence

from cli_support import BINARY

Invoke = Callable[..., Result]
Archive = dict[str, bytes]


def dump() -> dict[str, Any]:
    """Every row of every backed-up model, and every many-to-many link, read with the ORM
    (not with the backup's own serializer)."""
    rows: dict[str, Any] = {}
    for model in backup.backed_up_models():
        rows[model._meta.label_lower] = list(model._base_manager.order_by("pk").values())
        for field in model._meta.many_to_many:
            through: type[models.Model] = field.remote_field.through  # type: ignore[union-attr,assignment]
            if through._meta.auto_created:
                columns = [f.attname for f in through._meta.concrete_fields if not f.primary_key]
                rows[through._meta.label_lower] = sorted(through._base_manager.values_list(*columns))
    return rows


def read(path: Path) -> Archive:
    with tarfile.open(path, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar}  # type: ignore[union-attr]


def write(path: Path, archive: Archive) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in archive.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def per_model(records: bytes) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in records.decode("utf-8").splitlines():
        out.setdefault(json.loads(line)["model"], []).append(line)
    return out


@pytest.fixture
def saved(mission: dict[str, Any], tmp_path: Path) -> Path:
    """A backup of the mission fixture."""
    path = tmp_path / "mission.tgz"
    backup.backup(path)
    return path


# --- backing up -------------------------------------------------------------------------


def test_the_manifest_counts_every_row_and_names_every_member(saved: Path) -> None:
    archive = read(saved)
    manifest = json.loads(archive["manifest.json"])
    assert list(archive)[0] == "records.jsonl" and list(archive)[-1] == "manifest.json"
    assert manifest["format"] == "raqib-backup" and manifest["format_version"] == 1
    assert manifest["counts"]["incidents.evidence"] == 2
    assert manifest["counts"]["core.auditentry"] == manifest["audit_head"]["seq"]
    head = AuditHead.objects.get(pk=1)
    assert manifest["audit_head"] == {"seq": head.seq, "hash": head.hash}
    for name, data in archive.items():
        if name != "manifest.json":
            assert manifest["members"][name] == hashlib.sha256(data).hexdigest()
    assert {n for n in archive if n.startswith("evidence/")} == {
        f"evidence/{e.sha256}" for e in Evidence.objects.all()}


def test_rows_come_parents_first_with_permissions_by_name_and_passwords_hashed(saved: Path) -> None:
    records = per_model(read(saved)["records.jsonl"])
    order = list(records)
    assert order.index("actors.party") < order.index("accounts.user") < order.index("incidents.incident")
    assert order.index("auth.group") < order.index("accounts.user")
    chief = next(json.loads(r) for r in records["accounts.user"] if '"username":"chief"' in r)
    assert chief["fields"]["user_permissions"] == [["change_zone", "geo", "zone"]]
    assert chief["fields"]["password"] == User.objects.get(username="chief").password
    # Microseconds survive: the audit chain hashes them.
    observation = json.loads(records["incidents.observation"][0])
    assert observation["fields"]["observed_start"] == "2021-01-10T08:00:00.123456+00:00"


def test_a_failed_backup_leaves_no_file_and_keeps_the_last_one(saved: Path, mission: dict[str, Any]) -> None:
    before = saved.read_bytes()
    store.path_for(mission["evidence"][0].sha256).unlink()
    with pytest.raises(Invalid, match="missing from the evidence store"):
        backup.backup(saved)
    assert saved.read_bytes() == before
    assert [p.name for p in saved.parent.iterdir() if p.name.startswith(".")] == []
    fresh = saved.with_name("other.tgz")
    with pytest.raises(Invalid):
        backup.backup(fresh)
    assert not fresh.exists()


def test_it_refuses_a_damaged_evidence_store(mission: dict[str, Any], tmp_path: Path) -> None:
    store.path_for(mission["evidence"][1].sha256).write_bytes(b"changed")
    with pytest.raises(Invalid, match="does not match its SHA-256"):
        backup.backup(tmp_path / "b.tgz")


# --- restoring --------------------------------------------------------------------------


def test_a_restore_gives_back_every_row_and_an_intact_chain(saved: Path) -> None:
    before = dump()
    backup.restore(saved, force=True)
    assert dump() == before
    assert list(audit.verify()) == []


def test_a_restore_leaves_the_records_byte_for_byte_as_they_were_backed_up(saved: Path, tmp_path: Path) -> None:
    backup.restore(saved, force=True)
    again = tmp_path / "again.tgz"
    backup.backup(again)
    assert per_model(read(again)["records.jsonl"]) == per_model(read(saved)["records.jsonl"])


def test_restored_tokens_and_passwords_still_work(saved: Path, mission: dict[str, Any]) -> None:
    backup.restore(saved, force=True)
    assert ApiToken.authenticate(mission["token"]) == User.objects.get(username="admin")
    assert User.objects.get(username="verifier").check_password("correct horse battery staple")


def test_new_records_after_a_restore_get_fresh_keys(saved: Path, make_incident: Any, mission: dict[str, Any]) -> None:
    backup.restore(saved, force=True)
    assert make_incident().pk > mission["incident"].pk
    assert list(audit.verify()) == []


def test_evidence_files_come_back_byte_for_byte(saved: Path, mission: dict[str, Any]) -> None:
    shutil.rmtree(settings.EVIDENCE_DIR)
    backup.restore(saved, force=True)
    contents = sorted(store.path_for(e.sha256).read_bytes() for e in mission["evidence"])
    assert contents == sorted([b"a photo of the crater", BINARY])


def test_it_refuses_a_database_holding_records_without_force(saved: Path) -> None:
    before = dump()
    with pytest.raises(Conflict, match="--force"):
        backup.restore(saved)
    assert dump() == before


def test_it_refuses_a_store_file_whose_content_differs_from_its_name(saved: Path, mission: dict[str, Any]) -> None:
    before = dump()
    store.path_for(mission["evidence"][0].sha256).write_bytes(b"damaged")
    with pytest.raises(Conflict, match="damaged file"):
        backup.restore(saved, force=True)
    assert dump() == before


def _edit(name: str, change: Callable[[bytes], bytes]) -> Callable[[Archive], Archive]:
    return lambda archive: {**archive, name: change(archive[name])}


def _manifest(change: Callable[[dict[str, Any]], None]) -> Callable[[Archive], Archive]:
    def edit(data: bytes) -> bytes:
        manifest = json.loads(data)
        change(manifest)
        return json.dumps(manifest).encode()

    return _edit("manifest.json", edit)


def _change_evidence(archive: Archive) -> Archive:
    name = min(n for n in archive if n.startswith("evidence/"))
    return _edit(name, lambda data: data + b"!")(archive)


def _swap_evidence(archive: Archive) -> Archive:
    # A file stored under another file's name, with a manifest that agrees with the content.
    names = sorted(n for n in archive if n.startswith("evidence/"))
    archive = {**archive, names[0]: archive[names[1]]}
    return _manifest(lambda m: m["members"].update({names[0]: m["members"][names[1]]}))(archive)


TAMPERINGS: dict[str, tuple[Callable[[Archive], Archive], str]] = {
    "a changed record": (_edit("records.jsonl", lambda d: d.replace(b"Sirte", b"Surt!", 1)), "does not match its SHA-256"),
    "a changed evidence file": (_change_evidence, "does not match its SHA-256"),
    "a mislabelled evidence file": (_swap_evidence, "does not match its SHA-256"),
    "no manifest": (lambda a: {k: v for k, v in a.items() if k != "manifest.json"}, "has no manifest"),
    "an extra member": (lambda a: {**a, "evidence/" + "0" * 64: b"x"}, "is not in its manifest"),
    "a removed member": (lambda a: {k: v for k, v in a.items() if not k.startswith("evidence/")}, "is missing"),
    "an unexpected member": (lambda a: {**a, "../../etc/passwd": b"x"}, "unexpected entry"),
    "a foreign manifest": (_manifest(lambda m: m.update(format="other")), "is not a Raqib backup"),
    "a newer format": (_manifest(lambda m: m.update(format_version=2)), "format version 2"),
    "another schema": (_manifest(lambda m: m["migrations"]["incidents"].append("0099_future")), "database schema"),
    "a different audit head": (_manifest(lambda m: m["audit_head"].update(seq=1)), "does not end where"),
}


@pytest.mark.parametrize("tampering", sorted(TAMPERINGS))
def test_it_refuses_a_tampered_backup_and_touches_nothing(saved: Path, tampering: str, tmp_path: Path) -> None:
    change, message = TAMPERINGS[tampering]
    tampered = write(tmp_path / "tampered.tgz", change(read(saved)))
    before = dump()
    with pytest.raises(Invalid, match=message):
        backup.restore(tampered, force=True)
    assert dump() == before


@pytest.mark.parametrize("content", [b"", b"not an archive at all", "cut"])
def test_it_refuses_what_is_not_a_whole_backup(saved: Path, tmp_path: Path, content: Any) -> None:
    path = tmp_path / "odd.tgz"
    path.write_bytes(saved.read_bytes()[: saved.stat().st_size // 2] if content == "cut" else content)
    with pytest.raises(Invalid, match="is not a usable Raqib backup"):
        backup.restore(path, force=True)


# --- the commands -----------------------------------------------------------------------


def test_backup_and_restore_commands(invoke: Invoke, mission: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "cli.tgz"
    made = invoke("backup", str(path))
    assert made.exit_code == 0, made.output
    assert made.stdout.startswith(f"Backup written to {path}: ")
    refused = invoke("restore", str(path))
    assert refused.exit_code == 1
    assert "already holds mission records" in refused.stderr and "--force" in refused.stderr
    before = dump()
    done = invoke("restore", str(path), "--force")
    assert done.exit_code == 0, done.output
    assert "Restored" in done.stdout
    assert dump() == before


def test_restore_command_names_a_damaged_file(invoke: Invoke, saved: Path, tmp_path: Path) -> None:
    tampered = write(tmp_path / "t.tgz", TAMPERINGS["a changed record"][0](read(saved)))
    result = invoke("restore", str(tampered), "--force")
    assert result.exit_code == 1
    assert "t.tgz is not a usable Raqib backup: “records.jsonl” does not match its SHA-256" in result.stderr


def test_a_backup_restores_into_a_fresh_database_of_its_own(saved: Path, mission: dict[str, Any], run_raqib: Any,
                                                            tmp_path: Path) -> None:
    """The restore runs in a real ``raqib`` on SQLite, whatever database this suite uses: on
    PostgreSQL this is the restore across databases."""
    fresh = tmp_path / "fresh"
    done = run_raqib("restore", str(saved), "--data-dir", str(fresh))
    assert done.returncode == 0, done.stderr
    verified = run_raqib("audit", "verify", "--data-dir", str(fresh))
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith("audit chain intact")
    again = tmp_path / "again.tgz"
    assert run_raqib("backup", str(again), "--data-dir", str(fresh)).returncode == 0
    assert per_model(read(again)["records.jsonl"]) == per_model(read(saved)["records.jsonl"])
    for evidence in mission["evidence"]:
        copy = fresh / "evidence" / evidence.sha256[:2] / evidence.sha256
        assert copy.read_bytes() == store.path_for(evidence.sha256).read_bytes()
    twice = run_raqib("restore", str(saved), "--data-dir", str(fresh))
    assert twice.returncode == 1
    assert "--force" in twice.stderr
