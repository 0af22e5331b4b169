"""Dates resolved against the publication date."""

from __future__ import annotations

import datetime as dt

from raqib.osint.extract.classify import prepare
from raqib.osint.extract.dates import find_dates, parse_iso, sentence_date

PUB = dt.date(2021, 3, 3)  # a Wednesday


def when(text: str, pub: dt.date | None = PUB) -> dt.date | None:
    return sentence_date(prepare(text), pub)


def test_both_arabic_month_series_give_the_same_date():
    assert when("وقع الحادث في 23 أكتوبر 2020") == dt.date(2020, 10, 23)
    assert when("وقع الحادث في 23 تشرين الأول 2020") == dt.date(2020, 10, 23)
    assert when("جرى التوقيع في 23 أكتوبر/ تشرين الأول 2020") == dt.date(2020, 10, 23)
    assert when("في 5 شباط الماضي") == dt.date(2021, 2, 5)
    assert when("يوم 7 حزيران") == dt.date(2020, 6, 7)


def test_english_dates_in_several_forms():
    assert when("The convoy left on 21 August 2020.") == dt.date(2020, 8, 21)
    assert when("It happened on Oct. 4, 2020.") == dt.date(2020, 10, 4)
    assert when("Shelling resumed on February 27.") == dt.date(2021, 2, 27)
    assert when("Report dated 2020-12-29.") == dt.date(2020, 12, 29)
    assert when("Report dated 29/12/2020.") == dt.date(2020, 12, 29)


def test_a_date_without_a_year_is_not_placed_more_than_a_month_ahead():
    assert when("The JMC will meet on 20 March") == dt.date(2021, 3, 20)
    assert when("The JMC met on 20 December") == dt.date(2020, 12, 20)


def test_weekdays_are_the_last_such_day_on_or_before_publication():
    assert when("اندلعت اشتباكات يوم الخميس") == dt.date(2021, 2, 25)
    assert when("Clashes erupted on Tuesday") == dt.date(2021, 3, 2)
    assert when("The team arrived on Wednesday") == PUB
    assert when("وصل الوفد الأربعاء الماضي") == dt.date(2021, 2, 24)
    assert when("وصل الوفد مساء الثلاثاء") == dt.date(2021, 3, 2)


def test_relative_days():
    assert when("قصفت المدفعية المدينة أمس") == dt.date(2021, 3, 2)
    assert when("The drone struck yesterday") == dt.date(2021, 3, 2)
    assert when("أكدت المصادر اليوم") == PUB
    assert when("Monitors were stopped last week") == dt.date(2021, 2, 24)
    assert when("وقع ذلك الأسبوع الماضي") == dt.date(2021, 2, 24)


def test_without_a_publication_date_only_full_dates_resolve():
    assert when("Clashes erupted on Tuesday", None) is None
    assert when("قصفت المدفعية المدينة أمس", None) is None
    assert when("Signed on 23 October 2020", None) is None  # an agreement's date, see below
    assert when("Fighting on 2 November 2020", None) == dt.date(2020, 11, 2)


def test_since_ranges_and_the_agreements_own_date_are_skipped():
    assert when("Quiet since 23 October") is None
    assert find_dates(prepare("من 22 مايو إلى 10 يونيو 2020"), PUB) == []
    assert when("a breach of the ceasefire signed on 23 October") is None
    assert when("في خرق لاتفاق وقف إطلاق النار الموقع في 23 أكتوبر") is None


def test_two_is_not_monday():
    assert when("قتل الاثنين في الحادث") is None
    assert when("وقع الهجوم يوم الاثنين") == dt.date(2021, 3, 1)


def test_publication_dates_parse_from_iso_dates_and_datetimes():
    assert parse_iso("2021-03-03T10:00:00Z") == PUB
    assert parse_iso("yesterday") is None
    assert parse_iso(None) is None
