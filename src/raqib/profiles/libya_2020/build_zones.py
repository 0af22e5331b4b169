#!/usr/bin/env python3
"""Regenerate ``data/zones.geojson`` from the gazetteer ``data/places.csv``.

Build-time script (not imported at run time).  Every zone is *schematic*: it is
derived from gazetteer points (convex hull, buffer, or a line through the points
in road order), never surveyed.  Each feature's ``description_en`` /
``description_ar`` says which points and which buffer were used, and which wanted
points had no coordinate.

    python src/raqib/profiles/libya_2020/build_zones.py

Distances are computed in a local equirectangular projection centred on each
zone (error well under 1 % at the zones' extent, a few hundred km), then the
geometry is projected back to WGS84 lon/lat (RFC 7946 order).  Polygons are
valid, closed, with a counter-clockwise exterior ring.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPoint, mapping, shape
from shapely.geometry.polygon import orient
from shapely.validation import explain_validity

HERE = Path(__file__).resolve().parent
PLACES = HERE / "data" / "places.csv"
OUTPUT = HERE / "data" / "zones.geojson"

KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON_EQUATOR = 111.320
SIMPLIFY_KM = 0.5  # simplification tolerance for hull polygons
CIRCLE_SIMPLIFY_KM = 0.05
DECIMALS = 5  # ~1 m

ZONE_KINDS = {"monitoring_area", "contact_line", "corridor", "assembly_point", "base"}
ZONE_STATUSES = {"planned", "assessment", "active", "suspended", "handed_over", "closed"}


@dataclass(frozen=True)
class GazPoint:
    key: str
    name_en: str
    name_ar: str
    lon: float | None
    lat: float | None
    precision: str


def load_places(path: Path = PLACES) -> dict[str, GazPoint]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            row["key"]: GazPoint(
                key=row["key"],
                name_en=row["name_en"],
                name_ar=row["name_ar"],
                lon=float(row["lon"]) if row["lon"] else None,
                lat=float(row["lat"]) if row["lat"] else None,
                precision=row["precision"],
            )
            for row in csv.DictReader(fh)
        }


def local_projection(lon0: float, lat0: float):
    """Functions for shapely.transform: lon/lat degrees <-> km east/north of (lon0, lat0)."""
    origin = np.array([lon0, lat0])
    scale = np.array([KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(lat0)), KM_PER_DEG_LAT])

    def forward(coords: np.ndarray) -> np.ndarray:
        return (coords - origin) * scale

    def inverse(coords: np.ndarray) -> np.ndarray:
        return coords / scale + origin

    return forward, inverse


def xy(p: GazPoint) -> tuple[float, float]:
    if p.lon is None or p.lat is None:
        raise SystemExit(f"{p.key} has no coordinates")
    return (p.lon, p.lat)


def round_geometry(geom):
    return shapely.transform(geom, lambda coords: np.round(coords, DECIMALS))


def buffered_hull(points: list[GazPoint], buffer_km: float, simplify_km: float = SIMPLIFY_KM):
    coords = [xy(p) for p in points]
    lon0 = sum(x for x, _ in coords) / len(coords)
    lat0 = sum(y for _, y in coords) / len(coords)
    forward, inverse = local_projection(lon0, lat0)
    hull = shapely.transform(MultiPoint(coords), forward).convex_hull
    poly = hull.buffer(buffer_km, quad_segs=16).simplify(simplify_km, preserve_topology=True)
    poly = orient(round_geometry(shapely.transform(poly, inverse)), sign=1.0)
    if not poly.is_valid or poly.geom_type != "Polygon":
        raise SystemExit(f"invalid polygon: {explain_validity(poly)}")
    return poly


def line_through(points: list[GazPoint]):
    return LineString([(round(x, 4), round(y, 4)) for x, y in map(xy, points)])


def split(places: dict[str, GazPoint], keys: list[str]) -> tuple[list[GazPoint], list[GazPoint]]:
    """Gazetteer points with and without coordinates, in the given order."""
    missing_keys = [k for k in keys if k not in places]
    if missing_keys:
        raise SystemExit(f"not in the gazetteer: {missing_keys}")
    found = [places[k] for k in keys if places[k].lon is not None]
    missing = [places[k] for k in keys if places[k].lon is None]
    return found, missing


def names(points: list[GazPoint], lang: str) -> str:
    if lang == "ar":
        return "، ".join(p.name_ar for p in points)
    return ", ".join(f"{p.name_en} ({p.key})" for p in points)


def missing_sentence(missing: list[GazPoint], lang: str) -> str:
    if not missing:
        return ""
    if lang == "ar":
        return (
            f" لا توجد في المعجم الجغرافي إحداثيات موثقة للمواقع التالية: {names(missing, 'ar')}، فلم تدخل"
            " في الرسم؛ وسيتبعها الشكل تلقائيًا عند إضافة إحداثياتها إلى المعجم وإعادة تشغيل السكربت."
        )
    return (
        f" No citable coordinate exists in the gazetteer for {names(missing, 'en')}, so"
        " they are not part of the geometry; it will follow them automatically once the"
        " gazetteer has their coordinates and this script is re-run."
    )


SCHEMATIC_EN = " Schematic, not a surveyed boundary."
SCHEMATIC_AR = " الشكل تخطيطي وليس حدًا مسوحًا ميدانيًا."


def feature(key, name_en, name_ar, kind, phase, status, controlling_party, geom, description_en, description_ar):
    assert kind in ZONE_KINDS and status in ZONE_STATUSES
    return {
        "type": "Feature",
        "id": key,
        "properties": {
            "key": key,
            "name_en": name_en,
            "name_ar": name_ar,
            "kind": kind,
            "phase": phase,
            "status": status,
            "controlling_party": controlling_party,
            "description_en": description_en,
            "description_ar": description_ar,
        },
        "geometry": mapping(geom),
    }


def build(places: dict[str, GazPoint]) -> dict:
    features = []

    # 1. Sirte triangle: the initial monitoring area (SG letter of 29 Dec 2020).
    corners, missing = split(places, ["sirte", "bin-jawad", "abu-grein", "sokna"])
    leg, leg_missing = split(places, ["al-wishka", "wadi-jarif"])  # points on the Sirte-Abu Grein leg
    buffer_km = 10
    poly = buffered_hull(corners + leg, buffer_km)
    approx = [p for p in corners + leg if p.precision == "approximate"]
    features.append(
        feature(
            "sirte-triangle",
            "Sirte triangle (initial monitoring area)",
            "مثلث سرت (منطقة المراقبة الأولى)",
            "monitoring_area",
            1,
            "active",
            None,
            poly,
            "Initial area of the ceasefire monitors: the triangle around Sirte formed by the"
            " Sirte-Bin Jawad, Sirte-Abu Grein and Sirte-Sokna legs. Convex hull of the gazetteer"
            f" points {names(corners, 'en')} and, on the Sirte-Abu Grein leg, {names(leg, 'en')}"
            + (" (approximate point)" if approx else "")
            + f", buffered by {buffer_km} km and simplified ({SIMPLIFY_KM} km tolerance)."
            + missing_sentence(missing + leg_missing, "en")
            + (
                " Until then the Sirte-Abu Grein leg is covered only as far as Wadi Jarif, about 16 km"
                " west of Sirte."
                if places["abu-grein"].lon is None
                else ""
            )
            + " No single controlling party: the area straddles the 2020 contact line."
            + SCHEMATIC_EN,
            "المنطقة الأولى لعمل مراقبي وقف إطلاق النار: المثلث المحيط بسرت المكوَّن من محاور"
            " سرت - بن جواد وسرت - أبوقرين وسرت - سوكنة. رُسم الشكل بأخذ الغلاف المحدب لنقاط المعجم"
            f" الجغرافي: {names(corners, 'ar')}، ومن محور سرت - أبوقرين: {names(leg, 'ar')}"
            + (" (نقطة تقريبية)" if approx else "")
            + f"، ثم توسيعه بمسافة {buffer_km} كم وتبسيطه."
            + missing_sentence(missing + leg_missing, "ar")
            + (
                " وإلى ذلك الحين لا يغطي الشكل من محور سرت - أبوقرين إلا المسافة حتى وادي جارف، على بعد"
                " نحو 16 كم غرب سرت."
                if places["abu-grein"].lon is None
                else ""
            )
            + " لا طرف واحد مسيطر: المنطقة تقع على جانبي خط التماس لعام 2020."
            + SCHEMATIC_AR,
        )
    )

    # 2. Sirte-Jufra line.
    pts, missing = split(places, ["sirte", "waddan", "al-jufra-airbase", "hun", "sokna"])
    features.append(
        feature(
            "sirte-jufra-line",
            "Sirte-Jufra line",
            "خط سرت - الجفرة",
            "contact_line",
            1,
            "active",
            None,
            line_through(pts),
            "The 2020 Sirte-Jufra front line (the 'red line' declared by Egypt in June 2020)."
            f" Straight segments through the gazetteer points {names(pts, 'en')}, in that order"
            " (Sirte, then the Jufra towns and airbase from east to west). The region row 'jufra'"
            " has no point on purpose, so the towns and the airbase stand for it."
            + missing_sentence(missing, "en")
            + " Contact line: no single controlling party."
            + SCHEMATIC_EN,
            "خط الجبهة بين سرت والجفرة عام 2020 (\"الخط الأحمر\" الذي أعلنته مصر في يونيو 2020)."
            f" قطع مستقيمة تمر بنقاط المعجم الجغرافي: {names(pts, 'ar')}، بهذا الترتيب (سرت ثم بلدات"
            " الجفرة وقاعدتها الجوية من الشرق إلى الغرب). لا نقطة لمنطقة الجفرة نفسها عمدًا، فتنوب عنها"
            " البلدات والقاعدة."
            + missing_sentence(missing, "ar")
            + " خط تماس: لا طرف واحد مسيطر."
            + SCHEMATIC_AR,
        )
    )

    # 3. Coastal road Misrata - Abu Grein - Sirte - Bin Jawad.
    pts, missing = split(
        places, ["misrata", "tawergha", "abu-grein", "al-wishka", "wadi-jarif", "sirte", "harawa", "bin-jawad"]
    )
    features.append(
        feature(
            "coastal-road",
            "Coastal road Misrata-Sirte-Bin Jawad",
            "الطريق الساحلي مصراتة - سرت - بن جواد",
            "corridor",
            1,
            "assessment",
            None,
            line_through(pts),
            "The coastal road whose reopening the agreement (item 8) and the JMC's Sirte decisions"
            " (Nov 2020: mine and ERW clearance first, then phased opening) concern. Straight segments"
            f" through the gazetteer points {names(pts, 'en')}, in road order."
            + missing_sentence(missing, "en")
            + (
                " Without Abu Grein the segment from Tawergha to Wadi Jarif cuts the corner of the road,"
                " which runs inland through Abu Grein."
                if places["abu-grein"].lon is None
                else ""
            )
            + " Ras Lanuf and Brega are deliberately not included:"
            " the ceasefire corridor is the road across the Sirte front (Misrata to Bin Jawad), while"
            " the oil ports further east are a separate matter (item 9) and a later-phase area"
            " ('oil-crescent'). Crosses the contact line: no single controlling party."
            + SCHEMATIC_EN,
            "الطريق الساحلي الذي يتناول فتحَه البندُ الثامن من الاتفاق وقراراتُ اللجنة العسكرية المشتركة في"
            " سرت (نوفمبر 2020: إزالة الألغام ومخلفات الحرب القابلة للانفجار أولًا ثم الفتح على مراحل)."
            f" قطع مستقيمة تمر بنقاط المعجم الجغرافي بترتيب الطريق: {names(pts, 'ar')}."
            + missing_sentence(missing, "ar")
            + (
                " ومن دون أبوقرين يختصر المقطع بين تاورغاء ووادي جارف منعطف الطريق الذي يمر داخل البر"
                " عبر أبوقرين."
                if places["abu-grein"].lon is None
                else ""
            )
            + " لم يُدرج رأس لانوف والبريقة عمدًا: ممر وقف إطلاق النار هو الطريق العابر لجبهة سرت"
            " (من مصراتة إلى بن جواد)، أما الموانئ النفطية شرقًا فمسألة مستقلة (البند التاسع) ومنطقة"
            " لمرحلة لاحقة. يعبر خط التماس: لا طرف واحد مسيطر."
            + SCHEMATIC_AR,
        )
    )

    # 4-5. Assembly points for mercenaries and foreign fighters before departure.
    for key, place_key, party, city_en, city_ar in (
        ("assembly-tripoli", "tripoli", "gna", "Tripoli", "طرابلس"),
        ("assembly-benghazi", "benghazi", "lna", "Benghazi", "بنغازي"),
    ):
        pts, missing = split(places, [place_key])
        if missing:
            raise SystemExit(f"{key}: {place_key} has no coordinates")
        buffer_km = 5
        poly = buffered_hull(pts, buffer_km, simplify_km=CIRCLE_SIMPLIFY_KM)
        features.append(
            feature(
                key,
                f"Assembly area for foreign fighters - {city_en}",
                f"منطقة تجميع المرتزقة والمقاتلين الأجانب - {city_ar}",
                "assembly_point",
                1,
                "planned",
                party,
                poly,
                "Where the JMC (Sirte, Nov 2020) decided that mercenaries and foreign fighters would"
                f" first be gathered before leaving Libya. A {buffer_km} km buffer around the"
                f" gazetteer point {names(pts, 'en')} (the city centre): the actual sites were not"
                f" published, so this marks the city, not a camp."
                + SCHEMATIC_EN,
                "المكان الذي قررت اللجنة العسكرية المشتركة (سرت، نوفمبر 2020) أن يُجمع فيه المرتزقة"
                f" والمقاتلون الأجانب أولًا قبل مغادرتهم ليبيا. دائرة نصف قطرها {buffer_km} كم حول نقطة"
                f" المعجم الجغرافي: {names(pts, 'ar')} (مركز المدينة)؛ لم تُعلن المواقع الفعلية، فالشكل"
                " يدل على المدينة لا على معسكر بعينه."
                + SCHEMATIC_AR,
            )
        )

    # 6. Phase 2: Jufra.
    pts, missing = split(places, ["hun", "waddan", "sokna", "al-jufra-airbase"])
    buffer_km = 15
    features.append(
        feature(
            "jufra-area",
            "Jufra area (phase 2)",
            "منطقة الجفرة (المرحلة الثانية)",
            "monitoring_area",
            2,
            "planned",
            "lna",
            buffered_hull(pts, buffer_km),
            "Second-phase extension of the monitoring area to the Jufra oases, as the mechanism expands"
            " 'as conditions permit'. Convex hull of the gazetteer points"
            f" {names(pts, 'en')}, buffered by {buffer_km} km and simplified ({SIMPLIFY_KM} km tolerance)."
            " Zillah, also in Jufra district, lies about 160 km to the east and is left out."
            + missing_sentence(missing, "en")
            + " Held by the LNA (with foreign forces at the airbase) in 2020-2021."
            + SCHEMATIC_EN,
            "توسيع منطقة المراقبة في المرحلة الثانية إلى واحات الجفرة، مع توسع الآلية \"حسب ما تسمح"
            f" به الظروف\". الغلاف المحدب لنقاط المعجم الجغرافي: {names(pts, 'ar')}، موسعًا بمسافة"
            f" {buffer_km} كم ومبسطًا. استُبعدت زلة، وهي من شعبية الجفرة أيضًا، لبعدها نحو 160 كم شرقًا."
            + missing_sentence(missing, "ar")
            + " كانت المنطقة تحت سيطرة القوات المسلحة العربية الليبية (ومعها قوات أجنبية في القاعدة)"
            " في 2020-2021."
            + SCHEMATIC_AR,
        )
    )

    # 7. Phase 3: Oil Crescent along the coast east of Bin Jawad.
    pts, missing = split(
        places,
        [
            "es-sider-oil-terminal",
            "ras-lanuf",
            "ras-lanuf-oil-terminal",
            "brega",
            "brega-oil-terminal",
            "zueitina-oil-terminal",
            "zueitina",
        ],
    )
    buffer_km = 10
    features.append(
        feature(
            "oil-crescent",
            "Oil Crescent (phase 3)",
            "الهلال النفطي (المرحلة الثالثة)",
            "monitoring_area",
            3,
            "planned",
            "lna",
            buffered_hull(pts, buffer_km),
            "Illustrative third-phase extension along the coast east of the Sirte triangle, over the"
            " oil terminals (see item 9, Petroleum Facilities Guard). Convex hull of the gazetteer"
            f" points {names(pts, 'en')}, buffered by {buffer_km} km and simplified ({SIMPLIFY_KM} km"
            " tolerance); the hull also covers sea between the terminals, as the coast curves."
            + missing_sentence(missing, "en")
            + " Held by the LNA in 2020-2021."
            + SCHEMATIC_EN,
            "توسيع توضيحي في مرحلة ثالثة على الساحل شرق مثلث سرت ليشمل الموانئ النفطية (انظر البند"
            f" التاسع، حرس المنشآت النفطية). الغلاف المحدب لنقاط المعجم الجغرافي: {names(pts, 'ar')}،"
            f" موسعًا بمسافة {buffer_km} كم ومبسطًا؛ ويشمل الغلاف جزءًا من البحر بين الموانئ لانحناء الساحل."
            + missing_sentence(missing, "ar")
            + " كانت المنطقة تحت سيطرة القوات المسلحة العربية الليبية في 2020-2021."
            + SCHEMATIC_AR,
        )
    )

    return {"type": "FeatureCollection", "features": features}


def check(collection: dict) -> None:
    keys = [f["properties"]["key"] for f in collection["features"]]
    assert len(keys) == len(set(keys)), keys
    for f in collection["features"]:
        geom = shape(f["geometry"])
        assert geom.is_valid, (f["id"], explain_validity(geom))
        if geom.geom_type == "Polygon":
            assert geom.exterior.is_ccw, f["id"]
        for x, y in geom.exterior.coords if geom.geom_type == "Polygon" else geom.coords:
            assert 9 <= x <= 26 and 19 <= y <= 34, (f["id"], x, y)


def main() -> int:
    collection = build(load_places())
    check(collection)
    text = json.dumps(collection, ensure_ascii=False, indent=1)
    OUTPUT.write_text(text + "\n", encoding="utf-8")
    for f in collection["features"]:
        geom = shape(f["geometry"])
        size = f"{len(geom.exterior.coords)} vertices" if geom.geom_type == "Polygon" else f"{len(geom.coords)} points"
        print(f"{f['id']}: {geom.geom_type}, {size}")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
