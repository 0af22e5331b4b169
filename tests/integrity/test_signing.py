"""The mission's key and signed manifests: a file verifies byte for byte, or says what changed."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

from raqib.core.errors import Invalid
from raqib.integrity import keys, mission_key, mission_public_key, sign_files, verify
from raqib.integrity.manifest import canonical


@pytest.fixture
def signed(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "incidents.csv"
    path.write_bytes(b"event_id_cnty,event_date\nLBY1,2021-01-10\n")
    return path, sign_files([path])


def flip_one_byte(path: Path, at: int = 5) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def test_the_key_is_created_once_with_mode_0600_and_reused(db):
    assert mission_public_key() is None
    first = mission_key()
    path = Path(settings.DATA_DIR) / "signing-key.pem"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    before = path.read_bytes()
    assert mission_key().public == first.public
    assert mission_public_key() == first.public
    assert path.read_bytes() == before


def test_the_key_never_shows_in_its_repr(db):
    key = mission_key()
    pem = (Path(settings.DATA_DIR) / "signing-key.pem").read_text()
    body = "".join(pem.splitlines()[1:-1])
    assert body not in repr(key) and "PRIVATE" not in repr(key)


def test_a_configured_key_is_used_instead_of_a_generated_one(db, settings):
    private = Ed25519PrivateKey.generate()
    settings.RAQIB_SIGNING_KEY = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()).decode()
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert mission_key().public.raw == raw
    assert not (Path(settings.DATA_DIR) / "signing-key.pem").exists()


def test_the_fingerprint_is_the_sha256_of_the_raw_public_key_in_groups(db):
    import hashlib

    public = mission_key().public
    assert public.fingerprint == hashlib.sha256(public.raw).hexdigest()
    assert public.fingerprint_grouped.replace(" ", "").lower() == public.fingerprint
    assert len(public.fingerprint_grouped.split()) == 16


def test_a_signed_file_verifies_against_the_missions_key(db, signed):
    path, manifest = signed
    assert manifest == path.with_name("incidents.csv.manifest.json")
    result = verify(path)
    assert result.valid and result.signature_ok and result.key_status == "mission"
    assert [(f.name, f.ok) for f in result.files] == [("incidents.csv", True)]
    assert verify(manifest).valid


def test_the_manifest_holds_what_the_brief_names(db, signed):
    path, manifest = signed
    document = json.loads(manifest.read_text())
    assert set(document) == {"format", "issuer", "created_at", "key", "files", "signature"}
    assert document["files"] == [{"name": "incidents.csv", "sha256": verify(path).files[0].actual_sha256,
                                  "bytes": path.stat().st_size}]
    assert document["key"]["fingerprint"] == mission_key().public.fingerprint
    assert stat.S_IMODE(manifest.stat().st_mode) == 0o644


def test_one_changed_byte_makes_the_file_invalid(db, signed):
    path, _manifest = signed
    flip_one_byte(path)
    result = verify(path)
    assert not result.valid
    assert result.signature_ok  # the manifest itself is intact
    assert "same size but different content" in result.files[0].problem


def test_a_truncated_file_says_its_size_changed(db, signed):
    path, _manifest = signed
    path.write_bytes(path.read_bytes()[:-1])
    assert "bytes" in verify(path).files[0].problem


def test_a_tampered_manifest_entry_breaks_the_signature(db, signed):
    path, manifest = signed
    flip_one_byte(path)
    document = json.loads(manifest.read_text())
    # The forger brings the manifest in line with the changed file.
    document["files"][0]["sha256"] = verify(path).files[0].actual_sha256
    manifest.write_text(json.dumps(document))
    result = verify(path)
    assert not result.valid and not result.signature_ok
    assert any("Bad signature" in p for p in result.problems)
    assert result.files[0].ok


def test_a_manifest_resigned_with_another_key_is_not_this_missions(db, signed):
    path, manifest = signed
    mission_key()
    other = Ed25519PrivateKey.generate()
    raw = other.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    document = json.loads(manifest.read_text())
    document["key"] = {"algorithm": "Ed25519", "public_key": keys.PublicKey(raw).base64,
                       "fingerprint": keys.fingerprint_of(raw)}
    import base64

    document["signature"] = base64.b64encode(other.sign(canonical(document))).decode()
    manifest.write_text(json.dumps(document))
    result = verify(path)
    assert result.signature_ok and result.key_status == "other" and not result.valid


def test_verifying_elsewhere_needs_only_the_manifest(db, signed, settings, tmp_path):
    path, _manifest = signed
    fingerprint = mission_key().public.fingerprint
    settings.DATA_DIR = tmp_path / "another-installation"
    result = verify(path)
    assert result.valid and result.key_status == "unknown"
    assert not (tmp_path / "another-installation" / "signing-key.pem").exists()
    assert verify(path, expected_fingerprint=fingerprint.upper()).key_status == "expected"
    assert not verify(path, expected_fingerprint="00" * 32).valid


def test_a_missing_manifest_is_reported(db, tmp_path):
    path = tmp_path / "lonely.csv"
    path.write_text("a\n")
    result = verify(path)
    assert not result.valid and "No manifest" in result.problems[0]


def test_a_missing_file_is_reported(db, signed):
    path, manifest = signed
    path.unlink()
    result = verify(manifest)
    assert not result.valid and result.files[0].problem == "missing"


def test_a_manifest_may_not_reach_outside_its_folder(db, signed):
    path, manifest = signed
    document = json.loads(manifest.read_text())
    document["files"][0]["name"] = "../../etc/passwd"
    manifest.write_text(json.dumps(document))
    assert verify(manifest).files[0].problem == "unsafe file name in the manifest"


def test_a_garbled_manifest_is_reported_not_raised(db, signed):
    _path, manifest = signed
    manifest.write_bytes(b"\xff{not json")
    result = verify(manifest)
    assert not result.valid and "not valid JSON" in result.problems[0]


def test_several_files_in_one_manifest(db, tmp_path):
    a, b = tmp_path / "report.pdf", tmp_path / "report.html"
    a.write_bytes(b"%PDF-1.7 ...")
    b.write_text("<html></html>")
    manifest = sign_files([a, b])
    assert manifest.name == "report.pdf.manifest.json"
    assert [f.name for f in verify(manifest).files] == ["report.pdf", "report.html"]
    flip_one_byte(b, 1)
    result = verify(a)
    assert not result.valid and [f.name for f in result.files if not f.ok] == ["report.html"]


def test_signing_refuses_a_file_outside_the_manifests_folder(db, tmp_path):
    (tmp_path / "sub").mkdir()
    inside, outside = tmp_path / "sub" / "a.csv", tmp_path / "b.csv"
    inside.write_text("a")
    outside.write_text("b")
    with pytest.raises(Invalid):
        sign_files([inside, outside])
    with pytest.raises(Invalid):
        sign_files([])


def test_concurrent_first_use_keeps_one_key(db):
    # O_EXCL: a second process creating the key at the same moment reads the first one's.
    path = Path(settings.DATA_DIR) / "signing-key.pem"
    first = mission_key()
    os.utime(path)
    assert keys._generate(path).public == first.public
