"""Browser tests: Debian's Chromium driven by Playwright for Python, against pytest-django's
live server, with every request to anywhere but this machine aborted (the map must work offline).

Screenshots of the main pages in both languages go to $RAQIB_SCREENSHOTS, or to a folder under
pytest's temporary directory; the folder is printed at the end of the run.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
# are safe here (one thread, the live server has its own).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"]
PASSWORD = "correct horse battery staple"
_shots: dict[str, Path] = {}


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ["RAQIB_SCREENSHOTS"]) if os.environ.get("RAQIB_SCREENSHOTS") else \
        tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    _shots["folder"] = folder
    return folder


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if "folder" in _shots:
        count = len(list(_shots["folder"].glob("*.png")))
        terminalreporter.write_line(f"Browser screenshots ({count}): {_shots['folder']}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = shutil.which("chromium")
    if executable is None:
        # CI installs chromium and sets RAQIB_REQUIRE_BROWSER=1: there a missing browser fails.
        if os.environ.get("RAQIB_REQUIRE_BROWSER") == "1":
            pytest.fail("Debian's chromium is not installed (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _audit_chain_head(transactional_db: Any) -> None:
    """The chain's head row, as migration core.0002 makes it: a transactional test's flush removes it."""
    from raqib.core.audit import GENESIS
    from raqib.core.models import AuditHead

    AuditHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS})


@pytest.fixture(autouse=True)
def _plain_http_cookies(settings: Any) -> None:
    # The live server speaks plain HTTP on 127.0.0.1: secure cookies would never come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


class Session:
    """One browser context (one person signed in), offline, recording console errors."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=base_url)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context.route("**/*", self._only_local)
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _only_local(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if urlparse(url).hostname in LOCAL_HOSTS or url.startswith("data:"):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    def sign_in(self, username: str, language: str = "en") -> None:
        page = self.page
        page.goto("/signin/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.select_option("#id_language", language)
        page.click("button[type=submit].primary")
        page.wait_for_url(lambda url: "/signin/" not in url)

    def wait_for_map(self) -> None:
        self.page.wait_for_selector("#map[data-ready=true]", timeout=15_000)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session(browser: Any, live_server: Any) -> Iterator[Callable[[], Session]]:
    opened: list[Session] = []

    def open_session() -> Session:
        s = Session(browser, live_server.url)
        opened.append(s)
        return s

    yield open_session
    for s in opened:
        s.close()


@pytest.fixture
def shoot(screenshots: Path) -> Callable[[Session, str], None]:
    def take(s: Session, name: str) -> None:
        s.page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def mission(db: Any, zone: Any, parties: Any) -> dict[str, Any]:
    """The agreement (Africa/Tripoli), Sirte in the gazetteer, the zone: enough for every page."""
    from raqib.agreements.services import upsert_agreement, upsert_provision
    from raqib.geo.services import upsert_place
    from raqib.web.middleware import forget_mission_timezone

    agreement, _ = upsert_agreement("geneva-2020", {
        "title_en": "Agreement for a Complete and Permanent Ceasefire in Libya",
        "title_ar": "اتفاق وقف إطلاق النار الدائم في ليبيا", "signed_on": dt.date(2020, 10, 23),
        "signed_at_en": "Geneva", "signed_at_ar": "جنيف", "timezone": "Africa/Tripoli"}, None)
    upsert_provision(agreement, "2", {
        "title_en": "Withdrawal of foreign forces", "title_ar": "انسحاب القوات الأجنبية",
        "text_en": "Foreign fighters leave within three months.", "text_ar": "يغادر المقاتلون الأجانب خلال ثلاثة أشهر.",
        "category": "withdrawal", "deadline_relative": "+3 months"}, [parties["gna"], parties["lna"]], None)
    sirte, _ = upsert_place("sirte", {"name_en": "Sirte", "name_ar": "سرت", "lat": 31.2089, "lon": 16.5887,
                                      "kind": "city"}, ["Surt"], None)
    forget_mission_timezone()
    return {"agreement": agreement, "sirte": sirte, "zone": zone}
