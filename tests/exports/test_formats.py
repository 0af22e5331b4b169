"""Each format as another tool would read it: ACLED's columns, valid GeoJSON, HXL through libhxl,
XLSX through openpyxl."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import hxl
import openpyxl
import pytest
from shapely.geometry import shape

from raqib.exports.filters import ExportFilters, parse_filters
from raqib.exports.formats.acled import COLUMNS as ACLED_COLUMNS
from raqib.exports.formats.table import COLUMNS as TABLE_COLUMNS
from raqib.exports.services import export_to_file, prepare

# The codebook's columns as /work/shared/DOMAIN.md lists them, in order.
CODEBOOK = """event_id_cnty, event_date, year, time_precision, disorder_type, event_type, sub_event_type, actor1,
assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting, iso, region, country, admin1,
admin2, admin3, location, latitude, longitude, geo_precision, source, source_scale, notes, fatalities, tags,
timestamp"""


def content(fmt: str, user: Any = None, filters: ExportFilters | None = None) -> bytes:
    return b"".join(prepare(fmt, user, filters or ExportFilters()).chunks())


def acled_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_the_acled_header_is_the_codebooks_columns(mission):
    data = content("acled")
    header = next(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert header == [c.strip() for c in CODEBOOK.replace("\n", " ").split(",")]
    assert tuple(header) == ACLED_COLUMNS


def test_the_acled_rows_code_the_incident_as_acled_does(mission):
    rows = {row["event_id_cnty"]: row for row in acled_rows(content("acled"))}
    shared = rows[f"LBY{mission['shared'].pk}"]
    assert shared["event_type"] == "Explosions/Remote violence"
    assert shared["sub_event_type"] == "Shelling/artillery/missile attack"
    assert shared["disorder_type"] == "Political violence"
    assert (shared["actor1"], shared["inter1"], shared["actor2"], shared["inter2"]) == (
        "Libyan National Army", "1", "Government of National Accord", "1")
    assert shared["interaction"] == "11"
    assert (shared["iso"], shared["country"], shared["region"]) == ("434", "Libya", "Northern Africa")
    assert (shared["admin1"], shared["location"], shared["geo_precision"]) == ("Sirte", "Sirte", "1")
    assert shared["fatalities"] == "2"
    assert shared["event_date"] == "2021-01-10" and shared["year"] == "2021" and shared["time_precision"] == "1"
    assert shared["source"] == "Libya Observer"
    assert shared["notes"] == 'Shelling, "two" killed, commas, and new lines; عربي.'
    assert "raqib subtype: shelling" in shared["tags"]
    assert int(shared["timestamp"]) > 1_600_000_000
    assert float(shared["latitude"]) == pytest.approx(31.2089) and float(shared["longitude"]) == pytest.approx(16.5887)
    internal = rows[f"LBY{mission['internal'].pk}"]
    assert (internal["event_type"], internal["sub_event_type"]) == ("Strategic developments", "Change to group/activity")
    assert (internal["actor1"], internal["inter1"], internal["interaction"]) == ("Wagner Group", "8", "80")
    # What ACLED does not code is a strategic development "Other", its own kind kept in the tags.
    far = rows[f"LBY{mission['far'].pk}"]
    assert (far["event_type"], far["sub_event_type"], far["geo_precision"]) == ("Strategic developments", "Other", "3")
    assert "raqib category: movement_restriction" in far["tags"]


def test_the_acled_export_never_carries_a_protected_source_identity(mission):
    assert b"Secret Witness" not in content("acled")


def test_the_event_date_is_the_missions_local_day(mission, make_incident):
    import datetime as dt

    late = make_incident(occurred_start=dt.datetime(2021, 2, 1, 23, 30, tzinfo=dt.UTC))
    rows = {row["event_id_cnty"]: row for row in acled_rows(content("acled"))}
    assert rows[f"LBY{late.pk}"]["event_date"] == "2021-02-02"  # Tripoli is UTC+2


def test_the_geojson_is_a_valid_feature_collection_in_lon_lat_order(mission):
    document = json.loads(content("geojson"))
    assert document["type"] == "FeatureCollection" and "crs" not in document
    assert len(document["features"]) == 4
    by_id = {f["id"]: f for f in document["features"]}
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        point = shape(feature["geometry"])
        assert point.is_valid and not point.is_empty
        assert isinstance(feature["properties"], dict)
    assert by_id[mission["far"].pk]["geometry"]["coordinates"] == [20.22, 30.75]
    assert by_id[mission["shared"].pk]["properties"]["zone"] == "sirte-triangle"


def test_an_empty_geojson_export_is_still_a_valid_document(mission):
    document = json.loads(content("geojson", filters=parse_filters(since="2030-01-01")))
    assert document == {"type": "FeatureCollection", "features": []}


def test_the_hxl_csv_parses_with_libhxl_and_carries_the_expected_hashtags(mission, tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_bytes(content("hxl"))
    dataset = hxl.data(str(path), hxl.InputOptions(allow_local=True)).cache()
    tags = dataset.display_tags
    for expected in ("#date+occurred", "#event+type", "#geo+lat", "#geo+lon", "#adm1+name", "#loc+name",
                     "#org+name+perpetrator", "#affected+killed+min", "#country+code"):
        assert expected in tags
    assert tags == [c.hashtag for c in TABLE_COLUMNS]
    rows = list(dataset)
    assert len(rows) == 4
    shared = next(r for r in rows if r.get("#event+code") == f"INC-{mission['shared'].pk:06d}")
    assert shared.get("#geo+lat") == "31.2089" and shared.get("#geo+lon") == "16.5887"
    assert shared.get("#org+name+perpetrator") == "Libyan National Army"
    assert shared.get("#adm1+name") == "Sirte"
    assert shared.get("#date+occurred") == "2021-01-10"
    # libhxl's own schema (dates are dates, numbers numbers) finds no error.
    report = hxl.validate(dataset)
    assert report["is_valid"], report["stats"]


def test_the_xlsx_opens_with_openpyxl_with_typed_cells(mission, tmp_path):
    path = tmp_path / "incidents.xlsx"
    path.write_bytes(content("xlsx"))
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["Incidents", "About"]
    rows = list(book["Incidents"].iter_rows(values_only=True))
    assert list(rows[0]) == [c.header for c in TABLE_COLUMNS]
    assert len(rows) == 5
    headers = list(rows[0])
    shared = next(r for r in rows[1:] if r[headers.index("Reference")] == f"INC-{mission['shared'].pk:06d}")
    assert shared[headers.index("Killed (at least)")] == 2
    assert shared[headers.index("Latitude")] == pytest.approx(31.2089)
    assert shared[headers.index("Start (UTC)")].isoformat() == "2021-01-10T08:00:00"


@pytest.mark.parametrize("fmt", ["acled", "geojson", "hxl", "xlsx"])
def test_each_format_is_written_to_a_file_with_a_signed_manifest(mission, tmp_path, fmt):
    from raqib.integrity import verify

    written = export_to_file(fmt, None, ExportFilters(), tmp_path / f"out.{fmt}")
    assert written.count == 4 and written.path.stat().st_size == written.bytes
    assert written.manifest == Path(f"{written.path}.manifest.json")
    assert verify(written.path).valid
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_full_sheet_goes_on_in_the_next(mission, tmp_path, monkeypatch):
    from raqib.exports.formats import xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)
    path = tmp_path / "incidents.xlsx"
    path.write_bytes(content("xlsx"))
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["Incidents", "Incidents 2", "About"]
    assert [len(list(book[name].iter_rows())) for name in ("Incidents", "Incidents 2")] == [4, 2]


def test_rows_are_read_in_chunks_with_a_fixed_number_of_queries_each(mission):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from raqib.exports.filters import incidents_for
    from raqib.exports.rows import iter_rows

    with CaptureQueriesContext(connection) as queries:
        rows = list(iter_rows(incidents_for(None, ExportFilters()), None, chunk_size=2))
    assert len(rows) == 4
    # The incidents once (a cursor read in chunks), then the party roles and sources of each chunk.
    assert len(queries) == 1 + 2 * 2
