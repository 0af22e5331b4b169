"""Signed manifests: the SHA-256 of each file handed out, signed with the mission's key.

A manifest is a JSON document beside the first file it lists (``<file>.manifest.json``)::

    {"format": "raqib-manifest/1", "issuer": "...", "created_at": "...Z",
     "key": {"algorithm": "Ed25519", "public_key": "<base64>", "fingerprint": "<hex>"},
     "files": [{"name": "incidents.csv", "sha256": "<hex>", "bytes": 1234}],
     "signature": "<base64>"}

The signature covers the canonical JSON (sorted keys, no spaces, UTF-8) of everything but
``signature``. File names are relative to the manifest's folder, so the set can be moved or
copied as a whole and still verify.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.exceptions import InvalidSignature
from django.utils.translation import gettext as _

import raqib
from raqib.core.errors import Invalid
from raqib.integrity.keys import ALGORITHM, PublicKey, group_hex, mission_key, mission_public_key, normalise_fingerprint

FORMAT = "raqib-manifest/1"
MANIFEST_SUFFIX = ".manifest.json"
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_FILES = 10_000
CHUNK = 1024 * 1024


def manifest_path_for(path: Path) -> Path:
    return path.with_name(path.name + MANIFEST_SUFFIX)


def canonical(document: dict[str, Any]) -> bytes:
    body = {k: v for k, v in document.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def file_digest(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _name_in(folder: Path, path: Path) -> str:
    try:
        relative = path.resolve().relative_to(folder.resolve())
    except ValueError:
        raise Invalid(_("%(file)s is not in the manifest's folder %(folder)s.")
                      % {"file": path, "folder": folder}) from None
    return relative.as_posix()


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".tmp")
    try:
        # A manifest is public (mkstemp's 0600 would hide it from whoever verifies the file).
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sign_files(paths: list[Path], manifest: Path | None = None, *, issuer: str | None = None) -> Path:
    """Write a manifest of ``paths`` signed with the mission's key; returns the manifest's path.

    The manifest goes beside the first file unless ``manifest`` names it; every file must be in
    the manifest's folder (or below it). The key is created in the data dir on first use.
    """
    files = [Path(p) for p in paths]
    if not files:
        raise Invalid(_("Nothing to sign: no file given."))
    if len(files) > MAX_FILES:
        raise Invalid(_("Too many files for one manifest (at most %(n)d).") % {"n": MAX_FILES})
    target = Path(manifest) if manifest is not None else manifest_path_for(files[0])
    folder = target.parent
    entries = []
    seen: set[str] = set()
    for path in files:
        if not path.is_file():
            raise Invalid(_("%(file)s is not a file.") % {"file": path})
        name = _name_in(folder, path)
        if name in seen:
            continue
        seen.add(name)
        sha256, size = file_digest(path)
        entries.append({"name": name, "sha256": sha256, "bytes": size})
    key = mission_key()
    document: dict[str, Any] = {
        "format": FORMAT,
        "issuer": issuer or f"Raqib {raqib.__version__}",
        "created_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "key": {"algorithm": ALGORITHM, "public_key": key.public.base64, "fingerprint": key.public.fingerprint},
        "files": entries,
    }
    document["signature"] = base64.b64encode(key.sign(canonical(document))).decode("ascii")
    text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    _write_atomically(target, text.encode("utf-8"))
    return target


@dataclass
class FileCheck:
    name: str
    expected_sha256: str
    expected_bytes: int
    actual_sha256: str | None = None
    actual_bytes: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


@dataclass
class VerifyResult:
    """What ``verify`` found. ``valid`` is the one answer; ``problems`` say precisely why not.

    ``key_status``: ``mission`` (the manifest's key is this installation's mission key),
    ``expected`` (it matches the fingerprint the caller asked for), ``unknown`` (no key here to
    compare with: the signature proves only that the files are as the key's holder signed them;
    compare the fingerprint with the one the mission publishes), ``other`` (a different key:
    not valid).
    """

    path: Path
    manifest: Path | None = None
    issuer: str = ""
    created_at: str = ""
    fingerprint: str = ""
    signature_ok: bool = False
    key_status: str = "unknown"
    files: list[FileCheck] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return (not self.problems and self.signature_ok and self.key_status != "other"
                and bool(self.files) and all(f.ok for f in self.files))

    @property
    def fingerprint_grouped(self) -> str:
        return group_hex(self.fingerprint) if self.fingerprint else ""

    def __bool__(self) -> bool:
        return self.valid


def _load(manifest: Path, result: VerifyResult) -> dict[str, Any] | None:
    try:
        size = manifest.stat().st_size
    except FileNotFoundError:
        result.problems.append(_("No manifest: %(manifest)s does not exist.") % {"manifest": manifest})
        return None
    if size > MAX_MANIFEST_BYTES:
        result.problems.append(_("%(manifest)s is too large to be a manifest.") % {"manifest": manifest})
        return None
    try:
        document = json.loads(manifest.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        result.problems.append(_("%(manifest)s is not valid JSON: %(error)s") % {"manifest": manifest, "error": exc})
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        result.problems.append(_("%(manifest)s is not a Raqib manifest (format %(format)s expected).")
                               % {"manifest": manifest, "format": FORMAT})
        return None
    return document


def _check_signature(document: dict[str, Any], result: VerifyResult) -> PublicKey | None:
    key_part = document.get("key")
    if not isinstance(key_part, dict) or key_part.get("algorithm") != ALGORITHM:
        result.problems.append(_("The manifest names no Ed25519 key."))
        return None
    try:
        public = PublicKey.from_base64(str(key_part.get("public_key", "")))
    except (ValueError, binascii.Error):
        result.problems.append(_("The manifest's public key is malformed."))
        return None
    result.fingerprint = public.fingerprint
    if normalise_fingerprint(str(key_part.get("fingerprint", ""))) != public.fingerprint:
        result.problems.append(_("The manifest's fingerprint does not match its public key."))
    try:
        signature = base64.b64decode(str(document.get("signature", "")).encode("ascii"), validate=True)
        public.verifier().verify(signature, canonical(document))
    except (ValueError, binascii.Error, InvalidSignature):
        result.problems.append(_("Bad signature: the manifest was changed after it was signed, or was not "
                                 "signed with the key it names."))
        return public
    result.signature_ok = True
    return public


def _check_key(public: PublicKey, expected_fingerprint: str | None, result: VerifyResult) -> None:
    if expected_fingerprint:
        wanted = normalise_fingerprint(expected_fingerprint)
        result.key_status = "expected" if wanted == public.fingerprint else "other"
    else:
        try:
            known = mission_public_key(create=False)
        except Exception:  # noqa: BLE001 - no settings or an unusable key: nothing to compare with
            known = None
        if known is None:
            result.key_status = "unknown"
        else:
            result.key_status = "mission" if known.raw == public.raw else "other"
    if result.key_status == "other":
        result.problems.append(_("Signed with a key that is not the expected one (fingerprint %(fp)s).")
                               % {"fp": group_hex(public.fingerprint)})


def _safe_name(name: str) -> bool:
    pure = PurePosixPath(name)
    return bool(name) and not pure.is_absolute() and ".." not in pure.parts and "\\" not in name and "\x00" not in name


def _check_files(document: dict[str, Any], folder: Path, result: VerifyResult) -> None:
    entries = document.get("files")
    if not isinstance(entries, list) or not entries:
        result.problems.append(_("The manifest lists no file."))
        return
    for entry in entries[:MAX_FILES]:
        if not isinstance(entry, dict):
            result.problems.append(_("The manifest has a malformed file entry."))
            continue
        name = str(entry.get("name", ""))
        expected = str(entry.get("sha256", "")).lower()
        expected_bytes = entry.get("bytes")
        check = FileCheck(name, expected, expected_bytes if isinstance(expected_bytes, int) else -1)
        result.files.append(check)
        if not _safe_name(name):
            check.problem = _("unsafe file name in the manifest")
            continue
        path = folder / name
        try:
            check.actual_sha256, check.actual_bytes = file_digest(path)
        except FileNotFoundError:
            check.problem = _("missing")
            continue
        except OSError as exc:
            check.problem = _("cannot be read: %(error)s") % {"error": exc.strerror}
            continue
        if check.actual_bytes != check.expected_bytes:
            check.problem = _("changed: %(actual)d bytes, %(expected)d signed") % {
                "actual": check.actual_bytes, "expected": check.expected_bytes}
        elif check.actual_sha256 != expected:
            check.problem = _("changed: same size but different content (SHA-256 %(actual)s, %(expected)s signed)") % {
                "actual": check.actual_sha256, "expected": expected}


def verify(path: Path, *, expected_fingerprint: str | None = None) -> VerifyResult:
    """Check a file against the manifest beside it, or a manifest and every file it lists.

    Offline: only the manifest and the public key inside it are needed. The key is compared with
    ``expected_fingerprint`` when given, else with this installation's mission key when there is
    one (``VerifyResult.key_status`` says which).
    """
    path = Path(path)
    result = VerifyResult(path=path)
    if path.name.endswith(MANIFEST_SUFFIX):
        manifest, subject = path, None
    else:
        manifest, subject = manifest_path_for(path), path
        if not path.exists():
            result.problems.append(_("%(file)s does not exist.") % {"file": path})
            return result
    result.manifest = manifest
    document = _load(manifest, result)
    if document is None:
        return result
    result.issuer = str(document.get("issuer", ""))
    result.created_at = str(document.get("created_at", ""))
    public = _check_signature(document, result)
    if public is not None:
        _check_key(public, expected_fingerprint, result)
    _check_files(document, manifest.parent, result)
    if subject is not None:
        names = {f.name for f in result.files}
        if subject.name not in names:
            result.problems.append(_("%(manifest)s does not list %(file)s.") % {"manifest": manifest, "file": subject.name})
    return result


def describe(result: VerifyResult) -> Iterable[str]:
    """The lines ``raqib verify`` prints: one per problem or file, then the key."""
    for problem in result.problems:
        yield problem
    for check in result.files:
        if check.ok:
            yield _("ok       %(name)s (%(bytes)d bytes, SHA-256 %(sha)s)") % {
                "name": check.name, "bytes": check.actual_bytes or 0, "sha": check.actual_sha256}
        else:
            yield _("FAILED   %(name)s: %(problem)s") % {"name": check.name, "problem": check.problem}
