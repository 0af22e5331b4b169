"""Property tests (Hypothesis) for the parsers that read text from outside: Arabic
normalisation, API dates and boxes, and the news-date finder. Whatever the input, they answer
a value or a clear refusal, never a crash, and their answers keep their promises."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

from raqib.api.parsing import parse_bbox, parse_moment
from raqib.core.errors import Invalid
from raqib.core.text import normalize
from raqib.osint.extract.dates import find_dates

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
TEXT = st.text(st.one_of(ARABIC, st.characters()), max_size=200)
BOUNDED = settings(max_examples=300, deadline=None, derandomize=True, database=None)


@BOUNDED
@given(TEXT)
@example("أَحْمَدُ إلى سِرْتَ ـــ ٢٠٢١")
def test_normalising_is_idempotent_and_leaves_no_diacritic_tatweel_or_arabic_digit(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert "\u0640" not in once
    assert not any("\u064b" <= c <= "\u065f" for c in once)
    assert not any("\u0660" <= c <= "\u0669" or "\u06f0" <= c <= "\u06f9" for c in once)
    assert once == once.strip() and "  " not in once


@BOUNDED
@given(TEXT)
def test_letter_variants_of_one_word_share_one_key(text: str) -> None:
    variants = text.replace("أ", "ا").replace("إ", "ا").replace("ة", "ه").replace("ى", "ي")
    assert normalize(text) == normalize(variants)


@BOUNDED
@given(st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1),
                    timezones=st.timezones()))
def test_any_iso_moment_with_a_zone_reads_back_as_the_same_instant_in_utc(moment: dt.datetime) -> None:
    if moment.utcoffset() is None:
        return
    parsed = parse_moment(moment.isoformat(), "since")
    # (astimezone: an ambiguous local time never compares equal across zones, PEP 495)
    assert parsed.tzinfo is dt.UTC and parsed == moment.astimezone(dt.UTC)


@BOUNDED
@given(st.text(max_size=60))
@example("2021-02-30")
@example("9999-12-31T23:59:59-23:59")
def test_any_other_text_is_a_moment_or_a_clear_refusal(text: str) -> None:
    try:
        parsed = parse_moment(text, "since")
    except Invalid as exc:
        assert exc.message.startswith("since:")
    else:
        assert parsed.tzinfo is dt.UTC


@BOUNDED
@given(st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8)),
                min_size=0, max_size=6))
def test_a_box_is_four_ordered_finite_degrees_or_refused(parts: list[object]) -> None:
    text = ",".join(str(p) for p in parts)
    try:
        box = parse_bbox(text)
    except Invalid:
        return
    min_lon, min_lat, max_lon, max_lat = box
    assert all(math.isfinite(n) for n in box)
    assert -180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90


@BOUNDED
@given(TEXT, st.one_of(st.none(), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1))))
def test_dates_found_in_news_text_come_in_order_and_never_crash(text: str, published: dt.date | None) -> None:
    found = find_dates(normalize(text), published)
    offsets = [offset for offset, _day in found]
    assert offsets == sorted(offsets)
    assert all(isinstance(day, dt.date) for _offset, day in found)
