"""Files in an S3-compatible object store (RAQIB_STORAGE_URL=s3://...): moto's S3 server,
started as its own process on loopback, stands in for MinIO or a cloud store."""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from django.test import Client
from django.urls import reverse

from raqib.core import audit, backup
from raqib.core.errors import Invalid
from raqib.incidents import store
from raqib.incidents.models import Evidence

BUCKET = "raqib-test"
MOTO = shutil.which("moto_server") or str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "moto_server")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen([MOTO, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("moto's S3 server did not start") from None
                time.sleep(0.1)
        yield endpoint
    finally:
        process.kill()
        process.wait()


def _client(endpoint: str) -> Any:
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                        aws_secret_access_key="test")


@pytest.fixture
def object_store(s3_server: str, settings: Any) -> Any:
    """Settings as settings.py makes them from RAQIB_STORAGE_URL=s3://raqib-test/files, with an
    empty bucket."""
    s3 = _client(s3_server)
    if BUCKET in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            s3.delete_object(Bucket=BUCKET, Key=item["Key"])
    else:
        s3.create_bucket(Bucket=BUCKET)
    settings.RAQIB_STORAGE_URL = f"s3://{BUCKET}/files"
    settings.STORAGES = {**settings.STORAGES, "blobs": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": BUCKET, "location": "files", "endpoint_url": s3_server, "region_name": "us-east-1",
        "access_key": "test", "secret_key": "test", "file_overwrite": True, "default_acl": None}}}
    return s3


def keys(s3: Any) -> list[str]:
    return sorted(item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_files_go_to_the_bucket_under_their_hash_once_and_nothing_to_the_data_dir(object_store: Any) -> None:
    digest, size = store.put(io.BytesIO(b"photo bytes"), max_bytes=100)
    again, _ = store.put(io.BytesIO(b"photo bytes"), max_bytes=100)
    assert again == digest and size == 11
    assert keys(object_store) == [f"files/{digest[:2]}/{digest}"]
    assert store.exists(digest) and store.size(digest) == 11
    with store.open_blob(digest) as blob:
        assert blob.read() == b"photo bytes"
    assert list(store.digests()) == [digest]
    assert not store.root().exists() or not any(store.root().rglob("*"))


def test_a_file_over_the_limit_is_refused_and_nothing_is_uploaded(object_store: Any) -> None:
    with pytest.raises(Invalid, match="larger than the limit"):
        store.put(io.BytesIO(b"x" * 101), max_bytes=100)
    assert keys(object_store) == []


def test_a_missing_object_is_not_found(object_store: Any) -> None:
    with pytest.raises(FileNotFoundError):
        store.open_blob("0" * 64)


def test_the_evidence_page_serves_a_file_from_the_bucket(object_store: Any, mission: dict[str, Any],
                                                        users: dict[str, Any]) -> None:
    # The object store was set before the mission's evidence was stored: it is in the bucket.
    assert not (store.root() / "").exists() or not any(store.root().rglob("*"))
    evidence = Evidence.objects.order_by("pk").first()
    assert evidence is not None
    client = Client()
    client.force_login(users["chief"])
    response = client.get(reverse("web:evidence", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == store.open_blob(evidence.sha256).read()


def test_a_backup_of_a_mission_in_the_bucket_restores_with_its_files_and_chain(
        object_store: Any, mission: dict[str, Any], tmp_path: Path, settings: Any) -> None:
    archive = tmp_path / "mission.tgz"
    backup.backup(archive)
    # Restore into an empty bucket over the same database, forced.
    for key in keys(object_store):
        object_store.delete_object(Bucket=BUCKET, Key=key)
    backup.restore(archive, force=True)
    assert {k.rsplit("/", 1)[1] for k in keys(object_store)} == set(Evidence.objects.values_list("sha256", flat=True))
    assert list(audit.verify()) == []
