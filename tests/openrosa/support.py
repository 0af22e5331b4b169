"""OpenRosa test helpers: a phone-like client that answers Digest challenges as ODK Collect does,
and where the real XLSForms and instances of ../shared/interop/odk are."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

PASSWORD = "correct horse battery staple"
# Real files from public projects, read where they are (never copied into the repository): the
# shared folder beside the checkout, or RAQIB_SHARED_DIR, or the workplace's /work/shared.
_SHARED = [Path(p) for p in (os.environ.get("RAQIB_SHARED_DIR", ""),) if p] + [
    Path(__file__).resolve().parents[3] / "shared", Path("/work/shared")]
ODK_DIR = next((d / "interop" / "odk" for d in _SHARED if (d / "interop" / "odk").is_dir()),
               _SHARED[-1] / "interop" / "odk").resolve()
# In CI the files must be there: a missing folder fails the run instead of skipping its tests.
needs_odk = pytest.mark.skipif(not ODK_DIR.is_dir() and not os.environ.get("RAQIB_REQUIRE_INTEROP"),
                               reason=f"the interop files are not in {ODK_DIR}")
TUTORIAL = ODK_DIR / "kpi-tutorial"
INSTANCES = TUTORIAL / "instances"
WITH_ATTACHMENT = INSTANCES / "tutorial_with_attachment"
GPS = ODK_DIR / "kpi-gps"


def md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def challenge_params(header: str) -> dict[str, str]:
    """The parameters of the Digest challenge in a WWW-Authenticate header."""
    digest = header[header.lower().index("digest ") + 7:]
    return {k.lower(): v for k, v in re.findall(r'(\w+)=(?:"([^"]*)"|[^,\s]+)', digest)} | {
        k.lower(): v for k, v in re.findall(r'(\w+)=([^",\s]+)', digest)}


def digest_authorization(method: str, uri: str, username: str, password: str, challenge: dict[str, str],
                         nc: int) -> str:
    """What a Digest client (RFC 2617, qop=auth, MD5) sends back."""
    ha1 = md5(f"{username}:{challenge['realm']}:{password}")
    ha2 = md5(f"{method}:{uri}")
    cnonce = secrets.token_hex(8)
    count = f"{nc:08x}"
    response = md5(f"{ha1}:{challenge['nonce']}:{count}:{cnonce}:auth:{ha2}")
    return (f'Digest username="{username}", realm="{challenge["realm"]}", nonce="{challenge["nonce"]}", '
            f'uri="{uri}", algorithm=MD5, qop=auth, nc={count}, cnonce="{cnonce}", response="{response}", '
            f'opaque="{challenge.get("opaque", "")}"')


class Phone(Client):
    """A Django test client that signs every request with Digest, like ODK Collect: the first
    request is answered 401 with a challenge, then the nonce is reused with a growing nc."""

    def __init__(self, username: str | None, password: str = PASSWORD, **defaults: Any) -> None:
        super().__init__(**defaults)
        self.username, self.password = username, password
        self.challenge: dict[str, str] | None = None
        self.nc = 0

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        send = getattr(super(), method.lower())
        if self.username is None:
            return send(path, **kwargs)
        for _attempt in range(2):
            headers = dict(kwargs.pop("headers", None) or {})
            if self.challenge is not None:
                self.nc += 1
                headers["Authorization"] = digest_authorization(method, path.split("#")[0], self.username,
                                                                self.password, self.challenge, self.nc)
            if "data" in kwargs:
                kwargs["data"] = _rewind(kwargs["data"])
            response = send(path, headers=headers, **kwargs)
            if response.status_code != 401:
                return response
            self.challenge, self.nc = challenge_params(response["WWW-Authenticate"]), 0
            kwargs["headers"] = {k: v for k, v in headers.items() if k != "Authorization"}
        return response

    def submit(self, xml: bytes | Path, *attachments: Path | tuple[str, bytes], path: str = "/openrosa/submission",
               **kwargs: Any) -> Any:
        raw = xml.read_bytes() if isinstance(xml, Path) else xml
        data: dict[str, Any] = {"xml_submission_file": SimpleUploadedFile("submission.xml", raw, "text/xml")}
        for item in attachments:
            name, content = (item.name, item.read_bytes()) if isinstance(item, Path) else item
            data[name] = SimpleUploadedFile(name, content, "image/jpeg" if name.endswith(".jpg") else "")
        return self.call("POST", path, data=data, **kwargs)


def _rewind(data: Any) -> Any:
    if isinstance(data, dict):
        for value in data.values():
            if hasattr(value, "seek"):
                value.seek(0)
    return data
