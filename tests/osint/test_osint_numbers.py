"""Casualty figures in digits and words."""

from __future__ import annotations

from raqib.osint.extract.classify import prepare
from raqib.osint.extract.numbers import casualties


def harm(text: str) -> tuple[int | None, int | None]:
    found = casualties(prepare(text))
    return found["killed"], found["injured"]


def test_english_figures_in_digits_and_words():
    assert harm("Eleven people were killed and 4 wounded") == (11, 4)
    assert harm("The blast killed twenty-three fighters, wounding two") == (23, 2)
    assert harm("A mine left 1,200 dead over the years") == (1200, None)


def test_arabic_figures_in_words_compounds_and_duals():
    assert harm("أسفر القصف عن مقتل ثلاثة مدنيين وإصابة سبعة آخرين") == (3, 7)
    assert harm("سقوط خمسة وعشرين قتيلا") == (25, None)
    assert harm("أدى الانفجار إلى مقتل شخصين وجرح أربعة عشر") == (2, 14)
    assert harm("سقط قتيلين وثلاثة جرحى") == (2, 3)
    assert harm("لقي أحد العاملين مصرعه") == (1, None)


def test_arabic_indic_digits():
    assert harm("إصابة ١٢ شخصا") == (None, 12)


def test_a_combined_toll_is_not_split():
    assert harm("ارتفعت الحصيلة إلى 30 بين قتيل وجريح") == (None, None)


def test_no_one_hurt_is_no_casualty():
    assert harm("Gunmen stormed the hotel but no one was hurt") == (None, None)


def test_numbers_that_are_not_casualties_are_left_alone():
    assert harm("Some 53 landmines were found and 300 homes damaged") == (None, None)
