"""``raqib key show``, ``raqib verify`` and the About page."""

from __future__ import annotations

from collections.abc import Callable
import pytest
from click.testing import CliRunner, Result
from django.test import Client
from django.urls import reverse

from raqib.cli import cli
from raqib.integrity import mission_key, mission_public_key, sign_files


@pytest.fixture
def invoke() -> Callable[..., Result]:
    def run(*args: str) -> Result:
        english = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": None}
        return CliRunner().invoke(cli, list(args), env=english, catch_exceptions=False)

    return run


def test_key_show_prints_the_public_key_and_fingerprint(db, invoke):
    result = invoke("key", "show")
    assert result.exit_code == 0
    public = mission_public_key()
    assert public is not None
    assert public.fingerprint_grouped in result.output and public.base64 in result.output
    assert "BEGIN PUBLIC KEY" in result.output and "PRIVATE" not in result.output


def test_raqib_verify_passes_on_the_original_and_fails_on_one_changed_byte(db, invoke, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(b"a,b\n1,2\n")
    sign_files([path])
    ok = invoke("verify", str(path))
    assert ok.exit_code == 0 and ok.output.startswith("valid\n")
    assert "this mission's signing key" in ok.output
    path.write_bytes(b"a,b\n1,3\n")
    bad = invoke("verify", str(path))
    assert bad.exit_code == 1
    assert "INVALID" in bad.output and "export.csv: changed: same size but different content" in bad.output


def test_raqib_verify_fails_on_a_tampered_manifest_entry(db, invoke, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(b"a,b\n1,2\n")
    manifest = sign_files([path])
    manifest.write_text(manifest.read_text().replace('"bytes": 8', '"bytes": 9'))
    result = invoke("verify", str(manifest))
    assert result.exit_code == 1 and "Bad signature" in result.output


def test_raqib_verify_fails_without_a_manifest(db, invoke, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("x")
    result = invoke("verify", str(path))
    assert result.exit_code == 1 and "No manifest" in result.output


def test_raqib_verify_checks_a_given_fingerprint(db, invoke, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("x")
    sign_files([path])
    grouped = mission_key().public.fingerprint_grouped
    assert invoke("verify", str(path), "--key", grouped).exit_code == 0
    wrong = invoke("verify", str(path), "--key", "AB" * 32)
    assert wrong.exit_code == 1 and "not the expected one" in wrong.output


def test_the_about_page_shows_the_fingerprint_signed_out(db, client: Client):
    response = client.get(reverse("web:about"))
    assert response.status_code == 200
    public = mission_public_key()
    assert public is not None
    page = response.content.decode()
    assert public.fingerprint_grouped in page and public.base64 in page
    assert "raqib verify" in page


def test_the_about_page_speaks_arabic(db, client: Client):
    response = client.get(reverse("web:about"), HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()


def test_every_page_links_to_the_about_page(db, client: Client):
    page = client.get(reverse("web:login")).content.decode()
    assert f'href="{reverse("web:about")}"' in page


def test_the_about_page_shows_the_same_key_each_time(db, client: Client):
    def shown() -> str:
        page = client.get(reverse("web:about")).content.decode()
        return page.split('id="fingerprint">', 1)[1].split("<", 1)[0]

    assert shown() == shown() == mission_key().public.fingerprint_grouped
