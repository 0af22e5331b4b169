"""The scorer on a tiny invented gold set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from raqib.osint.evaluate import Report, evaluate, place_matches, score_article

SIRTE = {"type": "ceasefire_violation", "place": "سرت", "place_en": "Sirte", "lat": 31.2089, "lon": 16.5887,
         "date": "2021-01-05"}
ROAD = {"type": "explosive_hazard", "place": "الطريق الساحلي", "place_en": "Coastal road", "lat": None,
        "lon": None, "date": None}


def pred(category: str, place: str | None, lat: float | None = None, lon: float | None = None,
         date: str | None = None, name_en: str | None = None) -> dict:
    return {"category": category, "place": place, "place_name_en": name_en, "lat": lat, "lon": lon, "date": date}


def test_places_match_within_25_km_or_by_contained_names():
    assert place_matches(pred("x", "Qardabiya", 31.06, 16.59), SIRTE)  # 16 km away
    assert not place_matches(pred("x", "Misrata", 32.37, 15.09), SIRTE)
    assert place_matches(pred("x", "الطريق الساحلي سرت مصراتة"), ROAD)
    assert place_matches(pred("x", "الطّريق السّاحلي"), ROAD)  # diacritics folded
    assert not place_matches(pred("x", None), ROAD)
    assert place_matches(pred("x", "Sirte"), {**SIRTE, "lat": None, "lon": None})
    assert place_matches(pred("x", "Tripoli", 32.9, 13.2), {"type": "x", "place": None, "lat": None, "lon": None})


def test_matching_is_one_to_one_in_order_and_duplicates_are_ignored():
    gold = {"events": [SIRTE, {**SIRTE, "place": "Hun", "place_en": "Hun", "lat": 29.13, "lon": 15.95}]}
    preds = [pred("ceasefire_violation", "Sirte", 31.2, 16.6), pred("ceasefire_violation", "Sirte", 31.2, 16.6),
             pred("ceasefire_violation", "Derna", 32.77, 22.64)]
    counts = score_article(preds, gold, "category+place")
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 1)
    by_category = score_article(preds, gold, "category")
    assert (by_category.tp, by_category.fp, by_category.fn) == (2, 0, 0)


def test_background_events_are_neither_rewarded_nor_penalised():
    gold = {"events": [SIRTE], "background_events": [ROAD]}
    counts = score_article([pred("explosive_hazard", "الطريق الساحلي")], gold, "category+place")
    assert (counts.tp, counts.fp, counts.fn) == (0, 0, 1)


def test_the_date_counts_only_when_the_gold_has_one():
    assert score_article([pred("ceasefire_violation", "s", 31.2, 16.6, "2021-01-04")], {"events": [SIRTE]},
                         "category+place+date").tp == 0
    assert score_article([pred("explosive_hazard", "الطريق الساحلي", date="2021-01-04")], {"events": [ROAD]},
                         "category+place+date").tp == 1


def test_the_report_sums_per_language_and_overall_with_relevance():
    report = Report()
    report.add("ar", [pred("ceasefire_violation", "سرت", 31.2, 16.6, "2021-01-05")],
               {"relevant": True, "events": [SIRTE]})
    report.add("en", [pred("political", "Tripoli", 32.9, 13.2)], {"relevant": False, "events": []})
    all_ = report.counts["all"]["category+place+date"]
    assert (all_.tp, all_.fp, all_.fn) == (1, 1, 0)
    assert report.counts["ar"]["category"].f1 == 1.0 and report.counts["en"]["category"].f1 == 0.0
    assert report.relevance == {"ar": [1, 1], "en": [0, 1], "all": [1, 2]}
    assert "relevance accuracy all  0.500 (1/2)" in report.table()


def test_evaluate_runs_an_extractor_over_a_gold_directory(tmp_path: Path):
    (tmp_path / "001.json").write_text(json.dumps({"lang": "ar", "text": "x"}), encoding="utf-8")
    (tmp_path / "001.gold.json").write_text(json.dumps({"relevant": True, "events": [SIRTE]}), encoding="utf-8")
    (tmp_path / "002.json").write_text(json.dumps({"lang": "ar", "text": "no gold: skipped"}), encoding="utf-8")
    report = evaluate(tmp_path, lambda article: [pred("ceasefire_violation", "سرت", 31.2, 16.6)])
    assert report.counts["ar"]["category+place"].tp == 1
    assert report.relevance["all"] == [1, 1]


DEV = Path("/work/shared/eval/news-dev")


@pytest.mark.skipif(not DEV.is_dir(), reason="the development set is not on this machine")
def test_the_development_set_scores_at_least_0_8_f1_per_language():
    report = evaluate(DEV)
    for lang in ("ar", "en"):
        assert report.counts[lang]["category+place"].f1 >= 0.8, report.table()
