"""The mission's Ed25519 signing key: generated into the data dir on first use, never logged.

The private key lives in ``DATA_DIR/signing-key.pem`` (mode 0600), or comes from
``RAQIB_SIGNING_KEY`` / ``RAQIB_SIGNING_KEY_FILE`` when several servers must sign with one key.
Anyone checks a signature with the public key alone; its fingerprint is the SHA-256 of the 32
raw public-key bytes, shown as grouped hex so people can compare it by eye.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_FILE_NAME = "signing-key.pem"
ALGORITHM = "Ed25519"


def group_hex(hex_text: str, size: int = 4) -> str:
    """``ab12cd34...`` as ``AB12 CD34 ...``: easier to read aloud and compare."""
    text = hex_text.upper()
    return " ".join(text[i:i + size] for i in range(0, len(text), size))


def fingerprint_of(raw_public_key: bytes) -> str:
    return hashlib.sha256(raw_public_key).hexdigest()


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed or pasted (spaces, colons, any case) in its canonical form."""
    return "".join(ch for ch in text.lower() if ch in "0123456789abcdef")


@dataclass(frozen=True)
class PublicKey:
    raw: bytes

    @property
    def base64(self) -> str:
        return base64.b64encode(self.raw).decode("ascii")

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.raw)

    @property
    def fingerprint_grouped(self) -> str:
        return group_hex(self.fingerprint)

    @property
    def pem(self) -> str:
        key = Ed25519PublicKey.from_public_bytes(self.raw)
        return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")

    def verifier(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.raw)

    @classmethod
    def from_base64(cls, text: str) -> PublicKey:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
        if len(raw) != 32:
            raise ValueError("an Ed25519 public key is 32 bytes")
        return cls(raw)


class MissionKey:
    """The private key and its public half. ``repr`` never shows the private key."""

    def __init__(self, private: Ed25519PrivateKey, source: str) -> None:
        self._private = private
        self.source = source
        self.public = PublicKey(private.public_key().public_bytes(serialization.Encoding.Raw,
                                                                  serialization.PublicFormat.Raw))

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)

    def __repr__(self) -> str:
        return f"<MissionKey {self.public.fingerprint_grouped[:19]}… from {self.source}>"


def key_file() -> Path:
    return Path(settings.DATA_DIR) / KEY_FILE_NAME


def _load_pem(data: bytes, source: str) -> MissionKey:
    try:
        private = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        # Never echo the content: it is a secret.
        raise ImproperlyConfigured(f"{source} does not hold an unencrypted PEM Ed25519 private key.") from None
    if not isinstance(private, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{source} holds a private key that is not Ed25519.")
    return MissionKey(private, source)


def _configured() -> MissionKey | None:
    configured = str(getattr(settings, "RAQIB_SIGNING_KEY", "") or "")
    if not configured.strip():
        return None
    return _load_pem(configured.strip().encode("ascii", "replace"), "RAQIB_SIGNING_KEY")


def _generate(path: Path) -> MissionKey:
    path.parent.mkdir(parents=True, exist_ok=True)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    # O_EXCL: two processes signing at once must not each write a different key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _load_pem(path.read_bytes(), str(path))
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return MissionKey(private, str(path))


def mission_key() -> MissionKey:
    """The key that signs: configured, or read from the data dir, or generated there once."""
    configured = _configured()
    if configured is not None:
        return configured
    path = key_file()
    try:
        return _load_pem(path.read_bytes(), str(path))
    except FileNotFoundError:
        return _generate(path)


def mission_public_key(create: bool = False) -> PublicKey | None:
    """The mission's public key, or None when there is none yet and ``create`` is false.

    Verifying never creates a key: a fresh installation checking a file from elsewhere has no
    mission key to compare with, and says so.
    """
    if create:
        return mission_key().public
    configured = _configured()
    if configured is not None:
        return configured.public
    path = key_file()
    try:
        return _load_pem(path.read_bytes(), str(path)).public
    except FileNotFoundError:
        return None
