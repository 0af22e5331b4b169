"""Track files: exactly one suspected event per arrival at a watched base, the file read once,
all or nothing, and a refusal that names the line."""

from __future__ import annotations

import pytest

from raqib.core import audit
from raqib.core.errors import Conflict, Forbidden, Invalid
from raqib.embargo import tracks
from raqib.embargo.models import EmbargoEvent, TrackImport
from raqib.embargo.services import import_tracks

from .conftest import AIR_EXPECTED, AIR_TRACKS, SEA_EXPECTED, SEA_TRACKS

pytestmark = pytest.mark.django_db


def flagged(record: TrackImport) -> list[tuple[str, str, str]]:
    return [(e.track_identifier, e.destination.key, e.occurred_at.isoformat())
            for e in record.events.select_related("destination").order_by("track_identifier", "occurred_at")]


def test_it_flags_exactly_the_arrivals_of_the_aircraft_at_watched_bases(bases, users):
    record = import_tracks(AIR_TRACKS.encode(), "flights.csv", users["verifier"])
    assert flagged(record) == AIR_EXPECTED
    assert (record.vector, record.rows_read, record.platforms, record.arrivals_flagged) == ("air", 23, 5, 3)
    event = record.events.get(track_identifier="896450")
    assert (event.vector, event.state, event.icao24, event.created_by) == (
        "air", "suspected", "896450", users["verifier"])
    assert "Al-Khadim airbase" in event.evidence and "line 4" in event.evidence
    assert list(audit.verify()) == []


def test_it_flags_the_vessel_stopping_at_benghazi_port_and_not_the_one_passing_misrata(bases):
    record = import_tracks(SEA_TRACKS.encode(), "ais.csv", None, vector="sea")
    assert flagged(record) == SEA_EXPECTED
    event = record.events.get()
    assert (event.vector, event.mmsi, event.imo) == ("sea", "636012345", "")


def test_the_same_file_twice_is_refused_and_changes_nothing(bases):
    import_tracks(AIR_TRACKS.encode(), "flights.csv", None)
    with pytest.raises(Conflict):
        import_tracks(AIR_TRACKS.encode(), "copy-of-flights.csv", None)
    assert TrackImport.objects.count() == 1
    assert EmbargoEvent.objects.count() == 3


def test_a_wrong_line_refuses_the_whole_file_naming_the_line(bases):
    broken = AIR_TRACKS + "896450,2021-01-10T07:00:00,31.0,21.0,0\n"
    with pytest.raises(Invalid, match="Line 25: the time needs a UTC offset"):
        import_tracks(broken.encode(), "flights.csv", None)
    assert TrackImport.objects.count() == 0 and EmbargoEvent.objects.count() == 0


@pytest.mark.parametrize(("text", "message"), [
    ("identifier,time,lat,lon\nA,2021-01-10T00:00:00Z,1,1\n", "Line 1: the header must be exactly"),
    ("identifier,time,lat,lon,altitude_ft\n", "no rows"),
    ("identifier,time,lat,lon,altitude_ft\nA,2021-01-10T00:00:00Z,91,1,0\n", "Line 2: the latitude 91 is outside"),
    ("identifier,time,lat,lon,altitude_ft\nA,2021-01-10T00:00:00Z,1,181,0\n", "Line 2: the longitude 181 is outside"),
    ("identifier,time,lat,lon,altitude_ft\nA,2021-01-10T00:00:00Z,1,nan,0\n", "Line 2: the longitude “nan” is not"),
    ("identifier,time,lat,lon,altitude_ft\nA,yesterday,1,1,0\n", "Line 2: the time “yesterday” is not ISO 8601"),
    ("identifier,time,lat,lon,altitude_ft\nA,2021-01-10T00:00:00Z,1,1\n", "Line 2: expected 5 values"),
    ("identifier,time,lat,lon,altitude_ft\n,2021-01-10T00:00:00Z,1,1,0\n", "Line 2: the identifier is empty"),
    ("identifier,time,lat,lon,speed_kn\nA,2021-01-10T00:00:00Z,1,1,-3\n", "Line 2: the speed -3 is outside"),
    ("identifier,time,lat,lon,altitude_ft\nA,2021-01-10T00:00:00Z,1,1,0\nB,\"x,2021\n", "Line 3"),
])
def test_it_refuses_a_malformed_file_with_a_clear_message(text, message):
    with pytest.raises(Invalid, match=message):
        tracks.parse(text.encode())


def test_it_refuses_a_file_that_is_not_utf8_text_or_too_large():
    with pytest.raises(Invalid, match="not UTF-8"):
        tracks.parse(b"identifier,time,lat,lon,altitude_ft\n\xff\xfe\n")
    with pytest.raises(Invalid, match="larger than"):
        tracks.parse(b"x" * (tracks.MAX_BYTES + 1))


def test_it_refuses_a_file_with_too_many_rows(monkeypatch):
    monkeypatch.setattr(tracks, "MAX_ROWS", 3)
    rows = "".join(f"A,2021-01-10T00:0{i}:00Z,1,1,0\n" for i in range(4))
    with pytest.raises(Invalid, match="more than 3 rows"):
        tracks.parse(("identifier,time,lat,lon,altitude_ft\n" + rows).encode())


def test_the_vector_asked_for_must_agree_with_the_header():
    with pytest.raises(Invalid, match="header is that of a air track"):
        tracks.parse(AIR_TRACKS.encode(), "sea")


def test_a_track_that_begins_at_a_base_is_no_arrival_but_coming_back_is():
    base = tracks.Base(1, "Al-Jufra airbase", 29.1981, 16.0010)
    text = ("identifier,time,lat,lon,altitude_ft\n"
            "X,2021-01-10T00:00:00Z,29.1981,16.0010,0\n"
            "X,2021-01-10T01:00:00Z,29.6000,16.0010,9000\n"
            "X,2021-01-10T02:00:00Z,29.1990,16.0000,0\n")
    found = tracks.arrivals(tracks.parse(text.encode()), [base])
    assert [(a.identifier, a.point.line) for a in found] == [("X", 4)]


def test_only_analysts_may_import(bases, users):
    for name in ("monitor", "team_leader", "liaison_gna", "public"):
        with pytest.raises(Forbidden):
            import_tracks(AIR_TRACKS.encode(), "flights.csv", users[name])
    assert TrackImport.objects.count() == 0
