"""Whole articles (invented for these tests) through extract_article."""

from __future__ import annotations

from pathlib import Path

import pytest

from raqib.osint.extract import extract_article

SEED = Path("/work/shared/seeds/libya-ceasefire-monitors-ar.txt")
KEYS = {"category", "subtype", "place", "place_name_en", "lat", "lon", "date", "actors", "evidence", "confidence",
        "casualties"}


def test_a_clash_gives_one_event_with_place_date_actors_and_casualties(gaz, article):
    events = extract_article(article(
        "Heavy clashes erupted on Monday in Sirte between Haftar's forces and the Libyan Army, killing "
        "four fighters and wounding nine, a medical source said. The fighting in Sirte lasted until dawn.",
        date="2021-03-10"), gaz)
    assert len(events) == 1
    event = events[0]
    assert set(event) == KEYS
    assert (event["category"], event["subtype"], event["place_name_en"]) == (
        "ceasefire_violation", "armed_clash", "Sirte")
    assert (event["lat"], event["lon"], event["date"]) == (31.2089, 16.5887, "2021-03-08")
    assert event["actors"] == ["gna", "lna"]
    assert event["casualties"] == {"killed": 4, "injured": 9}
    assert event["evidence"].startswith("Heavy clashes erupted")
    assert 0 < event["confidence"] <= 1


def test_an_arabic_mine_accident_with_a_weekday(gaz, article):
    events = extract_article(article(
        "انفجر لغم أرضي يوم الخميس في منطقة عين زارة جنوب طرابلس، ما أدى إلى مقتل طفلين من سكان المنطقة.",
        date="2021-03-03", lang="ar"), gaz)
    assert [(e["category"], e["subtype"], e["place_name_en"], e["date"]) for e in events] == [
        ("explosive_hazard", "eo_accident", "Ain Zara", "2021-02-25")]
    assert events[0]["casualties"]["killed"] == 2


def test_one_sentence_listing_several_places_gives_one_event_per_place(gaz, article):
    events = extract_article(article(
        "وقالت مصادر ليبية إن مرتزقة فاغنر انسحبوا من سرت وهون ورأس لانوف باتجاه الجنوب.", lang="ar"), gaz)
    assert [(e["category"], e["subtype"], e["place_name_en"]) for e in events] == [
        ("foreign_forces", "departure", "Sirte"), ("foreign_forces", "departure", "Hun"),
        ("foreign_forces", "departure", "Ras Lanuf")]


def test_sentences_about_the_same_category_and_place_are_merged(gaz, article):
    events = extract_article(article(
        "Drone strikes hit positions in Sirte on Monday, the LNA said. A second drone strike on Sirte "
        "killed two guards. The strikes on Sirte were the first since October. Libya has seen years of war."), gaz)
    assert len(events) == 1
    assert events[0]["casualties"]["killed"] == 2


def test_a_sentence_without_a_place_joins_the_event_of_its_category(gaz, article):
    events = extract_article(article(
        "A frigate boarded a freighter 35 km north of Khoms that carried rocket launchers for a Libyan "
        "armed group. The crew was held on Tuesday and the weapons shipment seized, the navy said."), gaz)
    assert len(events) == 1
    assert events[0]["category"] == "embargo_violation"
    assert events[0]["place_name_en"] == "35 km north of Khoms"
    assert events[0]["date"] == "2021-03-09"


def test_what_foreign_fighters_do_by_force_is_a_ceasefire_violation(gaz, article):
    events = extract_article(article("Wagner mercenaries shelled positions near Sirte on Monday, Libyan officials said."),
                             gaz)
    assert [(e["category"], e["subtype"], e["actors"]) for e in events] == [
        ("ceasefire_violation", "shelling", ["wagner"])]


def test_a_planned_visit_is_not_an_event_but_a_proposal_is(gaz, article):
    planned = extract_article(article(
        "ومن المقرر أن يزور وفد من اللجنة العسكرية 5+5 مدينة سرت الأسبوع المقبل لمتابعة وقف إطلاق النار في ليبيا.",
        lang="ar"), gaz)
    assert planned == []
    proposed = extract_article(article(
        "اقترح المبعوث الأممي نشر مراقبين لوقف إطلاق النار حول سرت في ليبيا.", lang="ar"), gaz)
    assert [(e["category"], e["place_name_en"]) for e in proposed] == [("political", "Sirte")]


def test_what_monitors_are_to_watch_is_not_what_happened(gaz, article):
    events = extract_article(article(
        "Ceasefire monitors arrived in Tripoli on Tuesday to verify the departure of mercenaries and "
        "foreign fighters from Libya."), gaz)
    assert [(e["category"], e["place_name_en"], e["date"]) for e in events] == [("political", "Tripoli", "2021-03-09")]


def test_monitors_turned_back_at_a_checkpoint_is_a_movement_restriction(gaz, article):
    events = extract_article(article(
        "UN monitors were denied access to Ras Lanuf at a checkpoint manned by the PFG on Sunday, UNSMIL said."), gaz)
    assert [(e["category"], e["subtype"], e["place_name_en"]) for e in events] == [
        ("movement_restriction", "denial", "Ras Lanuf")]
    assert events[0]["actors"] == ["pfg", "unsmil"]


def test_a_syrian_truce_article_is_not_relevant(gaz, article):
    text = ("خرقت قوات النظام السوري الهدنة في ريف إدلب الجنوبي، وقصفت بالمدفعية الثقيلة بلدات في ريف حماة، "
            "ما أسفر عن مقتل مدنيين اثنين. وقالت مصادر في دمشق إن وقف إطلاق النار صامد في حلب.")
    assert extract_article(article(text, lang="ar"), gaz) == []


def test_a_yemeni_truce_or_libyan_oil_output_is_not_relevant(gaz, article):
    yemen = ("The Houthis and the government accused each other of violating the truce near Marib and Hodeidah, "
             "where shelling killed three people, while the UN envoy for Yemen met both sides.")
    oil = "Libya's oil output rose to 1.2 million barrels a day, the National Oil Corporation said on Sunday."
    assert extract_article(article(yemen), gaz) == []
    assert extract_article(article(oil), gaz) == []


def test_an_article_in_lebanon_s_tripoli_is_not_libyan(gaz, article):
    text = "Lebanese troops deployed in Tripoli after clashes between gunmen left two dead."
    assert extract_article(article(text), gaz) == []


@pytest.mark.skipif(not SEED.exists(), reason="the founding article is not on this machine")
def test_the_founding_article_yields_its_four_events():
    events = extract_article({"text": SEED.read_text(encoding="utf-8"), "date": None})
    found = {(e["category"], e["place_name_en"]): e["evidence"] for e in events}
    assert "اقتراح" in found[("political", "Sirte")]
    assert "20 ألف" in found[("foreign_forces", "Libya")]
    assert "حظر الأسلحة" in found[("embargo_violation", "Libya")]
    assert "مصريون" in found[("political", "Tripoli")]
