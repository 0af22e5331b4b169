"""A small gazetteer written for these tests (not the profile's, which changes with the data),
and helpers to build articles."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from raqib.osint.extract import Gazetteer, load_gazetteer

PLACES = [
    ("sirte", "Sirte", "سرت", "Surt|Sirt|Syrte", "31.2089", "16.5887", "city", "Sirte"),
    ("tripoli", "Tripoli", "طرابلس", "Tarabulus", "32.8874", "13.1873", "city", "Tripoli"),
    ("derna", "Derna", "درنة", "Darnah", "32.7670", "22.6367", "city", "Derna"),
    ("hun", "Hun", "هون", "Houn|Hon", "29.1268", "15.9477", "town", "Al Jufrah"),
    ("ras-lanuf", "Ras Lanuf", "راس لانوف", "رأس لانوف", "30.4789", "18.5661", "town", "Sirte"),
    ("ain-zara", "Ain Zara", "عين زارة", "Ain Zarah", "", "", "district", "Tripoli"),
    ("al-sidra-tripoli", "Al-Sidra (Tripoli)", "السدرة", "Sidra|Al-Sidra", "", "", "district", "Tripoli"),
    ("es-sider-oil-terminal", "Es Sider oil terminal", "ميناء السدرة النفطي", "Es Sider|Sidra|Al-Sidra|السدرة",
     "30.6375", "18.3582", "oil_terminal", "Sirte"),
    ("mitiga-airport", "Mitiga airport", "مطار معيتيقة", "Mitiga|معيتيقة", "32.8941", "13.2760", "airport", "Tripoli"),
    ("khoms", "Khoms", "الخمس", "Al Khums", "32.6486", "14.2619", "city", "Murqub"),
]
PARTIES = [
    ("lna", "Libyan National Army", "القيادة العامة", "LNA|Haftar forces|Haftar's forces", "قوات حفتر",
     "signatory_party"),
    ("gna", "Government of National Accord", "حكومة الوفاق", "GNA|Libyan Army", "قوات الوفاق|الجيش الليبي",
     "signatory_party"),
    ("pfg", "Petroleum Facilities Guard", "حرس المنشآت النفطية", "PFG", "", "armed_group"),
    ("syrian", "Syrian fighters", "المرتزقة السوريون", "SNA|Syrian mercenaries", "المرتزقة السوريين",
     "pmc_or_mercenaries"),
    ("wagner", "Wagner Group", "فاغنر", "Wagner", "فاغنر|فاجنر", "pmc_or_mercenaries"),
    ("unsmil", "UNSMIL", "البعثة الأممية", "UNSMIL|UN mission", "البعثة الأممية", "un_body"),
]


@pytest.fixture(scope="session")
def gazetteer_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("osint-data")
    with (directory / "places.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["key", "name_en", "name_ar", "variants", "lat", "lon", "kind", "admin_area", "precision", "source"])
        for row in PLACES:
            w.writerow([*row, "town", "test"])
    with (directory / "parties.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["key", "name_en", "name_ar", "aliases_en", "aliases_ar", "kind", "acled_inter", "sponsors",
                    "parent", "notes", "source"])
        for key, en, ar, aliases_en, aliases_ar, kind in PARTIES:
            w.writerow([key, en, ar, aliases_en, aliases_ar, kind, "", "", "", "", "test"])
    return directory


@pytest.fixture(scope="session")
def gaz(gazetteer_dir: Path) -> Gazetteer:
    return load_gazetteer(gazetteer_dir)


Article = Callable[..., dict[str, Any]]


@pytest.fixture
def article() -> Article:
    def make(text: str, date: str | None = "2021-03-10", lang: str = "en", title: str | None = None) -> dict[str, Any]:
        return {"url": "https://example.org/a", "date": date, "lang": lang, "title": title, "text": text}

    return make
