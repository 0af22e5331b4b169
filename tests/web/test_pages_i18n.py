"""Arabic is complete: every catalogue entry translated, the pages right-to-left, and no English
left in an Arabic page outside user content and identifiers."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "ar" / "LC_MESSAGES" / "django.po"


def entries(text: str) -> list[dict[str, str | bool]]:
    """The catalogue's entries: msgid, the joined msgstr(s), and whether it is fuzzy."""
    out = []
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        strs = [v for k, v in fields.items() if k.startswith("msgstr")]
        out.append({"msgid": fields.get("msgid", ""), "translated": all(strs) and bool(strs),
                    "fuzzy": any(line.startswith("#,") and "fuzzy" in line for line in lines)})
    return out


def test_every_message_of_the_catalogue_is_translated_to_arabic():
    found = [e for e in entries(CATALOGUE.read_text(encoding="utf-8")) if e["msgid"]]
    assert len(found) > 500
    assert [e["msgid"] for e in found if not e["translated"]] == []
    assert [e["msgid"] for e in found if e["fuzzy"]] == []


def test_the_compiled_catalogue_is_newer_than_its_source():
    mo = CATALOGUE.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= CATALOGUE.stat().st_mtime - 1


class VisibleText(HTMLParser):
    """Text a reader sees, leaving out what is marked as content or identifiers:
    translate="no", dir="auto", an explicit lang other than the page's, scripts and hidden inputs."""

    SKIP_TAGS = {"script", "style", "title"}
    VOID = {"input", "br", "img", "meta", "link", "hr", "source", "area", "col", "embed", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        a = dict(attrs)
        skip = (tag in self.SKIP_TAGS or a.get("translate") == "no" or a.get("dir") == "auto"
                or (a.get("lang") not in (None, "ar")))
        self.stack.append(skip or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]) and data.strip():
            self.texts.append(data.strip())


def english_left(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    # Record references (INC-000123, ALG-000001) are identifiers in every language.
    return [t for t in parser.texts if re.search(r"[A-Za-z]{2,}", re.sub(r"\b(INC|ALG)-\d+\b", "", t))]


PAGES = ["web:dashboard", "web:incidents", "web:new_report", "web:verification", "web:allegations",
         "web:new_allegation", "web:zones", "web:mission", "web:agreement"]


@pytest.fixture
def arabic(as_user, zone, provisions, make_incident, make_allegation, place):
    incident = make_incident(shared_with_jmc=True)
    make_allegation("liaison_gna", incident=None)

    def get(role: str, url: str) -> str:
        client = as_user(role)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
        response = client.get(url)
        assert response.status_code == 200, url
        return response.content.decode()

    get.incident = incident  # type: ignore[attr-defined]
    return get


@pytest.mark.parametrize("page", PAGES)
def test_arabic_pages_are_right_to_left_and_fully_translated(arabic, page):
    html = arabic("admin", reverse(page))
    assert '<html lang="ar" dir="rtl">' in html
    assert english_left(html) == []


def test_the_incident_page_in_arabic_for_each_kind_of_reader(arabic):
    url = reverse("web:incident", args=[arabic.incident.pk])
    for role in ("chief", "monitor", "liaison_gna"):
        assert english_left(arabic(role, url)) == [], role


def test_the_sign_in_page_in_arabic(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    html = client.get(reverse("web:login")).content.decode()
    assert 'dir="rtl"' in html and english_left(html) == []
