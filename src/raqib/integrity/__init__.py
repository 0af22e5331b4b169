"""The mission's signature on the files it hands out (exports, reports).

``sign_files(paths, manifest=None)`` writes a manifest beside the first file listing the SHA-256
of every file, signed with the mission's Ed25519 key; ``verify(path)`` checks a file (or a
manifest) offline with nothing but the manifest and the public key inside it.
"""

from raqib.integrity.keys import MissionKey, fingerprint_of, group_hex, mission_key, mission_public_key
from raqib.integrity.manifest import (
    MANIFEST_SUFFIX,
    FileCheck,
    VerifyResult,
    manifest_path_for,
    sign_files,
    verify,
)

__all__ = [
    "MANIFEST_SUFFIX",
    "FileCheck",
    "MissionKey",
    "VerifyResult",
    "fingerprint_of",
    "group_hex",
    "manifest_path_for",
    "mission_key",
    "mission_public_key",
    "sign_files",
    "verify",
]
