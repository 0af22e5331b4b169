"""``raqib report daily|period|public`` through click's runner, sharing the test database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from raqib.cli import cli
from raqib.integrity import verify

pytestmark = pytest.mark.usefixtures("zone")


def invoke(*args: str) -> Result:
    english = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": None}
    return CliRunner().invoke(cli, list(args), env=english, catch_exceptions=False)


def test_report_daily_writes_the_file_and_its_signed_manifest(tmp_path: Path) -> None:
    out = tmp_path / "daily-ar.pdf"

    result = invoke("report", "daily", "--date", "2021-01-10", "--lang", "ar", "--format", "pdf", "-o", str(out))

    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    manifest = out.with_name(out.name + ".manifest.json")
    assert manifest.exists() and str(manifest) in result.output
    assert verify(out).valid


@pytest.mark.parametrize("command", ["period", "public"])
def test_report_period_and_public_write_html(tmp_path: Path, command: str) -> None:
    out = tmp_path / f"{command}.html"

    result = invoke("report", command, "--from", "2021-01-01", "--to", "2021-01-30", "--lang", "en",
                    "--format", "html", "-o", str(out))

    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "Periodic report" in text if command == "period" else "Public summary" in text
    assert verify(out).valid


def test_a_changed_byte_fails_the_check(tmp_path: Path) -> None:
    out = tmp_path / "d.html"
    invoke("report", "daily", "--date", "2021-01-10", "--format", "html", "-o", str(out))

    out.write_bytes(out.read_bytes().replace(b"Daily report", b"Daily rep0rt", 1))

    assert not verify(out).valid


@pytest.mark.parametrize("args", [
    ("report", "daily", "--date", "10/01/2021", "-o", "x.pdf"),
    ("report", "daily", "--date", "2021-01-10", "--lang", "fr", "-o", "x.pdf"),
    ("report", "period", "--from", "2021-01-10", "--to", "2021-01-01", "-o", "x.pdf"),
    ("report", "public", "--from", "2021-01-10", "-o", "x.pdf"),
    ("report", "daily", "--date", "2021-01-10"),
])
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...], monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)

    result = invoke(*args)

    assert result.exit_code == 2
    assert not (tmp_path / "x.pdf").exists()


def test_a_period_too_long_is_refused_with_exit_1(tmp_path: Path) -> None:
    out = tmp_path / "long.pdf"

    result = invoke("report", "period", "--from", "2020-01-01", "--to", "2021-12-31", "-o", str(out))

    assert result.exit_code == 1 and "at most 366 days" in result.output
    assert not out.exists()
