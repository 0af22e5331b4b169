"""Fetching news sources over HTTP, from a server on 127.0.0.1 only: feeds and pages stored and
processed, failures recorded on their source, each source fetched once per interval."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from raqib.osint import services
from raqib.osint.fetching import fetch_sources
from raqib.osint.intake import IntakeError
from raqib.osint.intake.fetch import fetch
from raqib.osint.models import Article, Candidate, NewsSource
from raqib.osint.tasks import fetch_feeds

from .test_intake_files import PAGE, RSS

pytestmark = pytest.mark.django_db


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A web server on 127.0.0.1 serving a folder; yields its address and the folder."""
    root = tmp_path / "site"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


def _feed(name: str, url: str, kind: str = "feed") -> NewsSource:
    return services.upsert_source(name, {"kind": kind, "url": url, "reliability": "B"}, None)[0]


def test_the_fetch_task_stores_and_processes_a_feeds_items(site, sirte):
    base, root = site
    (root / "wire.rss").write_text(RSS, encoding="utf-8")
    source = _feed("Wire", f"{base}/wire.rss")
    result = fetch_feeds.enqueue(force=True)
    assert result.return_value == {"sources": 1, "stored": 2, "duplicates": 0, "errors": []}
    assert Article.objects.filter(source=source).count() == 2
    assert Article.objects.filter(processed=False).count() == 0
    assert Candidate.objects.filter(category="ceasefire_violation", place=sirte).exists()
    source.refresh_from_db()
    assert source.last_fetched is not None and source.last_error == ""


def test_an_article_page_source_is_read_with_its_main_text(site):
    base, root = site
    (root / "page.html").write_text(PAGE, encoding="utf-8")
    _feed("Page", f"{base}/page.html", kind="html")
    fetch_sources(force=True)
    stored = Article.objects.get()
    assert stored.url == f"{base}/page.html" and "Sport" not in stored.text


def test_a_failing_source_is_recorded_and_the_others_still_fetched(site):
    base, root = site
    (root / "wire.rss").write_text(RSS, encoding="utf-8")
    broken = _feed("Broken", f"{base}/missing.rss")
    _feed("Wire", f"{base}/wire.rss")
    report = fetch_sources(force=True)
    assert report.sources == 2 and report.stored == 2
    assert report.errors == [f"{base}/missing.rss: HTTP 404 File not found"]
    broken.refresh_from_db()
    assert broken.last_error == f"{base}/missing.rss: HTTP 404 File not found"


def test_a_source_is_fetched_once_per_interval(site, settings):
    base, root = site
    settings.RAQIB_FEEDS_INTERVAL = 60
    (root / "wire.rss").write_text(RSS, encoding="utf-8")
    _feed("Wire", f"{base}/wire.rss")
    assert fetch_sources().sources == 1
    assert fetch_sources().sources == 0  # a second worker's tick finds it already fetched
    assert fetch_sources(force=True).sources == 1  # `raqib osint fetch` fetches it whatever the time


def test_an_inactive_source_is_not_fetched(site):
    base, root = site
    (root / "wire.rss").write_text(RSS, encoding="utf-8")
    services.upsert_source("Wire", {"kind": "feed", "url": f"{base}/wire.rss", "active": False}, None)
    assert fetch_sources(force=True).sources == 0


def test_a_download_larger_than_the_cap_is_refused(site):
    base, root = site
    (root / "big.rss").write_bytes(b"<rss>" + b" " * 5000 + b"</rss>")
    with pytest.raises(IntakeError, match=r"big\.rss: 5011 bytes is more than the 1000 bytes allowed"):
        fetch(f"{base}/big.rss", max_bytes=1000)


def test_only_http_addresses_are_fetched():
    with pytest.raises(IntakeError, match="only http and https"):
        fetch("file:///etc/passwd")
