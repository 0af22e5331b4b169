"""The gazetteer and the parties' aliases, read from a profile's ``places.csv`` and ``parties.csv``.

Formats (UTF-8, RFC 4180, multi-valued cells ``|``-separated)::

    places.csv   key,name_en,name_ar,variants,lat,lon,kind,admin_area,precision,source
    parties.csv  key,name_en,name_ar,aliases_en,aliases_ar,kind,acled_inter,sponsors,parent,notes,source

A few entries are built in because news needs them and a gazetteer of Libyan places does not
hold them: the country itself and the coastal road (places without a point, "weak": an event
there is merged into a more precise one of the same article), and the foreign cities where
Libyan talks are held (Geneva, Berlin, Cairo...), used for political events only. A city
district without a point borrows its city's (an approximation within the 25 km of scoring).
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path

from raqib.osint.extract.names import NameIndex
from raqib.osint.extract.textnorm import fold

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "profiles" / "libya_2020" / "data"

# Place kinds that name an area rather than a site; an event there is kept only when the article
# has nothing more precise for the same category.
WEAK_KINDS = frozenset({"country", "road"})

_BUILTIN_PLACES: tuple[tuple[str, str, str, str, str], ...] = (
    # key, name_en, name_ar, variants, kind
    ("libya", "Libya", "ليبيا", "Libyan territory|Libyan soil|الأراضي الليبية|البلاد", "country"),
    ("coastal-road", "Coastal road", "الطريق الساحلي",
     "coastal road|coastal highway|Sirte-Misrata road|Misrata-Sirte road|coastal route|"
     "الطريق الساحلي سرت مصراتة|الطريق الساحلي بين سرت ومصراتة", "road"),
)

# Venues of Libyan talks abroad (WGS84, city centres).
_FOREIGN: tuple[tuple[str, str, str, float, float], ...] = (
    ("geneva", "Geneva", "جنيف", 46.2044, 6.1432),
    ("berlin", "Berlin", "برلين", 52.5200, 13.4050),
    ("cairo", "Cairo", "القاهرة", 30.0444, 31.2357),
    ("tunis", "Tunis", "تونس", 36.8065, 10.1815),
    ("moscow", "Moscow", "موسكو", 55.7558, 37.6173),
    ("ankara", "Ankara", "أنقرة", 39.9334, 32.8597),
    ("istanbul", "Istanbul", "إسطنبول", 41.0082, 28.9784),
    ("rome", "Rome", "روما", 41.9028, 12.4964),
    ("paris", "Paris", "باريس", 48.8566, 2.3522),
    ("palermo", "Palermo", "باليرمو", 38.1157, 13.3615),
    ("hurghada", "Hurghada", "الغردقة", 27.2579, 33.8116),
    ("bouznika", "Bouznika", "بوزنيقة", 33.7890, -7.1590),
    ("skhirat", "Skhirat", "الصخيرات", 33.8520, -7.0320),
    ("tangier", "Tangier", "طنجة", 35.7595, -5.8340),
    ("rabat", "Rabat", "الرباط", 34.0209, -6.8416),
    ("montreux", "Montreux", "مونترو", 46.4312, 6.9107),
    ("abu-dhabi", "Abu Dhabi", "أبوظبي", 24.4539, 54.3773),
    ("new-york", "New York", "نيويورك", 40.7128, -74.0060),
    ("brussels", "Brussels", "بروكسل", 50.8503, 4.3517),
    ("algiers", "Algiers", "الجزائر العاصمة", 36.7538, 3.0588),
)

# People and words that stand for a party in news but are not aliases in parties.csv.
_EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "lna": ("Haftar", "Hifter", "حفتر", "pro-Haftar"),
}


@dataclass(frozen=True, slots=True)
class Place:
    key: str
    name_en: str
    name_ar: str
    lat: float | None
    lon: float | None
    kind: str
    admin_area: str = ""
    foreign: bool = False

    @property
    def weak(self) -> bool:
        return self.kind in WEAK_KINDS


@dataclass(frozen=True, slots=True)
class Party:
    key: str
    name_en: str
    name_ar: str
    kind: str


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)
    parties: dict[str, Party] = field(default_factory=dict)
    place_names: NameIndex = field(default_factory=NameIndex)
    party_names: NameIndex = field(default_factory=NameIndex)


def _split(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


def _float(cell: str | None) -> float | None:
    try:
        return float(cell) if cell and cell.strip() else None
    except ValueError:
        return None


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def load_gazetteer(directory: str | os.PathLike[str] | None = None) -> Gazetteer:
    """The gazetteer of ``directory`` (default: the built-in Libya 2020 profile). A missing file
    gives an empty table, not an error: the extractor still finds categories and dates."""
    folder = Path(directory) if directory is not None else DEFAULT_DATA_DIR
    gaz = Gazetteer()
    rows = _read(folder / "places.csv")
    for key, en, ar, variants, kind in _BUILTIN_PLACES:
        rows.append({"key": key, "name_en": en, "name_ar": ar, "variants": variants, "kind": kind})
    centres = {fold(r.get("name_en", "")): r for r in rows if _float(r.get("lat")) is not None}
    for row in rows:
        key = (row.get("key") or "").strip()
        if not key or key in gaz.places:
            continue
        lat, lon = _float(row.get("lat")), _float(row.get("lon"))
        admin = (row.get("admin_area") or "").strip()
        if lat is None and row.get("kind") == "district" and fold(admin) in centres:
            centre = centres[fold(admin)]  # a city district without a point: the city's
            lat, lon = _float(centre["lat"]), _float(centre["lon"])
        place = Place(key, row.get("name_en", key), row.get("name_ar", ""), lat, lon,
                      (row.get("kind") or "").strip(), admin)
        gaz.places[key] = place
        for name in [place.name_en, place.name_ar, *_split(row.get("variants"))]:
            gaz.place_names.add(name, key)
    for key, en, ar, lat, lon in _FOREIGN:
        key = "abroad:" + key
        gaz.places[key] = Place(key, en, ar, lat, lon, "foreign_city", foreign=True)
        gaz.place_names.add(en, key)
        gaz.place_names.add(ar, key)
    _load_parties(gaz, _read(folder / "parties.csv"))
    return gaz


def _load_parties(gaz: Gazetteer, rows: list[dict[str, str]]) -> None:
    for row in rows:
        key = (row.get("key") or "").strip()
        if not key:
            continue
        gaz.parties[key] = Party(key, row.get("name_en", key), row.get("name_ar", ""), row.get("kind", ""))
        names = [row.get("name_en", ""), row.get("name_ar", ""), *_split(row.get("aliases_en")),
                 *_split(row.get("aliases_ar")), *_EXTRA_ALIASES.get(key, ())]
        for name in names:
            if name:
                gaz.party_names.add(name, key)
