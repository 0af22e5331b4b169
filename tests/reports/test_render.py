"""Rendering the reports from the demo mission, in Arabic and English, as HTML and PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from raqib.geo.models import Zone
from raqib.incidents.models import Source
from raqib.mission.models import Monitor, Team
from raqib.reports import render
from raqib.reports.registry import Section
from raqib.reports.spec import ReportSpec

from .conftest import DAY, PERIOD, pdf_text

pytestmark = pytest.mark.usefixtures("mission_data", "db")


def spec(kind: str, lang: str) -> ReportSpec:
    if kind == "daily":
        return ReportSpec("daily", DAY, DAY, lang)
    return ReportSpec(kind, *PERIOD, lang)


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("kind", ["daily", "periodic", "public"])
def test_each_report_renders_in_both_languages_as_html_and_pdf(kind: str, lang: str) -> None:
    html, pdf = render.render_both(spec(kind, lang))

    text = html.decode()
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in text
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000
    with translation.override(lang):
        assert render.title_of(kind) in text
    assert "<svg" in text  # the map
    if kind != "daily":
        assert "data:image/svg+xml;base64," in text  # the charts


def test_the_arabic_pdf_text_holds_arabic_words_in_logical_order(tmp_path: Path) -> None:
    pdf = render.render(spec("daily", "ar"), "pdf")

    raw = pdf_text(pdf, tmp_path)
    layout = pdf_text(pdf, tmp_path, layout=True)
    zone = Zone.objects.get(key="sirte-triangle")
    with translation.override("ar"):
        title = render.title_of("daily")
        from raqib.core.taxonomy import BY_KEY

        category = str(BY_KEY["ceasefire_violation"].label)
    for text in (raw, layout):
        # Logical order: the words as typed, first letter first (visual order would reverse them).
        assert zone.name_ar in text
        assert category in text and category == "خرق لوقف إطلاق النار"
        assert title in text
        assert "يناير" in text  # the month, from Django's Arabic date formats
        assert "مثلث سرت"[::-1] not in text


def test_the_arabic_pdf_embeds_the_amiri_font(tmp_path: Path) -> None:
    path = tmp_path / "ar.pdf"
    path.write_bytes(render.render(spec("daily", "ar"), "pdf"))

    fonts = subprocess.run([shutil.which("pdffonts") or "pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout
    assert "Amiri" in fonts


def _protected_names() -> set[str]:
    names: set[str] = set()
    for identity, contact, title in Source.objects.values_list("identity", "contact", "title"):
        names.update(v for v in (identity, contact, title) if v)
    for name, callsign, contact in Monitor.objects.values_list("name", "callsign", "contact"):
        names.update(v for v in (name, callsign, contact) if v)
    names.update(Team.objects.values_list("name", flat=True))
    return {n for n in names if len(n) >= 4}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_public_summary_names_no_source_witness_or_monitor(lang: str, tmp_path: Path) -> None:
    names = _protected_names()
    assert len(names) > 20 and any(n.startswith("W-") for n in names)

    html, pdf = render.render_both(spec("public", lang))

    text = html.decode()
    extracted = " ".join(pdf_text(pdf, tmp_path).split())
    leaked = sorted(n for n in names if n in text or " ".join(n.split()) in extracted)
    assert leaked == []


def test_the_internal_daily_report_does_name_the_observing_teams() -> None:
    """The check above could fail: the staff's report shows what the public one hides."""
    text = render.render(spec("daily", "en"), "html").decode()

    assert any(team in text for team in Team.objects.values_list("name", flat=True))


def test_the_daily_report_compares_with_the_previous_day_and_the_week() -> None:
    text = render.render(spec("daily", "en"), "html").decode()

    assert "Previous day" in text and "7-day average" in text


def test_the_module_sections_are_filled_from_the_installed_modules() -> None:
    text = render.render(spec("periodic", "en"), "html").decode()

    for title in ("Restrictions on freedom of movement", "Explosive hazards", "Foreign forces", "Arms embargo"):
        assert title in text
    assert "No data: this module is not installed." not in text


def test_a_section_whose_module_is_missing_says_no_data() -> None:
    section = Section("ghost", "Ghost", "reports/sections/summary.html", lambda s: {"x": 1}, ("daily",),
                      needs="raqib.ghost")

    assert section.context(spec("daily", "en")) == {"available": False}


def test_a_report_renders_on_an_empty_day() -> None:
    from datetime import date

    html = render.render(ReportSpec("daily", date(2030, 1, 1), date(2030, 1, 1), "ar"), "html").decode()

    assert "dir=\"rtl\"" in html


def test_the_map_draws_the_zones_and_the_towns_and_fetches_nothing(settings: Any) -> None:
    html = render.render(spec("daily", "ar"), "html").decode()

    assert html.count("<path") >= Zone.objects.count()
    assert 'class="map-label"' in html and "سرت" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
