"""Gazetteer matching: clitics, variants, homonyms, roles, offsets; actors."""

from __future__ import annotations

from raqib.osint.extract import Gazetteer
from raqib.osint.extract.places import PlaceHit, capital_mentions, find_places, km
from raqib.osint.extract.textnorm import strip_marks, tokens


def places(gaz: Gazetteer, text: str) -> list[PlaceHit]:
    clean = strip_marks(text)
    toks = tokens(clean)
    mentions = gaz.place_names.find(toks, clean) + capital_mentions(toks, clean, gaz)
    return find_places(toks, gaz, mentions, [])


def keys(gaz: Gazetteer, text: str) -> list[str]:
    return [h.place.key for h in places(gaz, text)]


def test_it_finds_a_place_behind_arabic_proclitics(gaz):
    for text in ("اشتباكات بسرت", "وصلوا وسرت هادئة", "توجهوا لسرت", "في مدينة سرت", "قصف على سرت"):
        assert keys(gaz, text) == ["sirte"], text


def test_the_written_form_is_given_without_the_proclitic(gaz):
    assert places(gaz, "اشتباكات بسرت")[0].surface == "سرت"


def test_it_finds_latin_variants_in_any_case_and_short_ones_by_their_case(gaz):
    assert keys(gaz, "Clashes near Surt and in SIRT") == ["sirte"]
    assert keys(gaz, "Fighting in Sirte") == ["sirte"]
    assert keys(gaz, "the hon. member said") == []


def test_a_common_word_is_a_place_only_after_a_locative_cue(gaz):
    assert keys(gaz, "وصلت القوات إلى هون") == ["hun"]
    assert keys(gaz, "هون المسؤول من شأن الحادث") == []
    assert keys(gaz, "قصف في الخمس") == ["khoms"]
    assert keys(gaz, "الخمس سنوات الماضية") == []


def test_al_sidra_is_the_tripoli_district_near_tripoli_and_the_terminal_near_oil(gaz):
    district = places(gaz, "Deminers cleared houses in Sidra, a neighbourhood on the edge of Tripoli")
    assert [h.place.key for h in district] == ["al-sidra-tripoli"]
    assert (district[0].lat, district[0].lon) == (32.8874, 13.1873)  # Tripoli's point, borrowed
    assert keys(gaz, "توقف تصدير النفط من ميناء السدرة") == ["es-sider-oil-terminal"]
    assert keys(gaz, "أغلق حرس المنشآت النفطية السدرة ورأس لانوف") == ["es-sider-oil-terminal", "ras-lanuf"]


def test_a_site_inside_a_named_city_drops_the_city(gaz):
    assert keys(gaz, "Rockets hit Mitiga airport in the capital Tripoli") == ["mitiga-airport"]
    assert keys(gaz, "عثر على قذيفة في حي عين زارة بطرابلس") == ["ain-zara"]


def test_the_capital_is_tripoli_unless_another_capital_is_meant(gaz):
    assert keys(gaz, "Shells landed in the capital overnight") == ["tripoli"]
    assert keys(gaz, "سقطت قذائف على العاصمة") == ["tripoli"]
    assert keys(gaz, "وصل الوفد عبر العاصمة التونسية") == []


def test_a_reference_point_gives_way_to_the_site(gaz):
    hits = places(gaz, "Mercenaries left positions near Hun, south of Sirte")
    assert [(h.place.key, h.role) for h in hits] == [("hun", "site")]
    alone = places(gaz, "Drones were seen south of Sirte")
    assert [(h.place.key, h.role) for h in alone] == [("sirte", "reference")]


def test_a_distance_and_direction_move_the_point(gaz):
    hit = places(gaz, "اعترض خفر السواحل قاربا على بعد 40 كم شرقي درنة")[0]
    assert hit.place.key == "derna" and hit.label_en == "40 km east of Derna"
    assert abs(km((hit.lat, hit.lon), (32.767, 22.6367)) - 40) < 1  # type: ignore[arg-type]
    assert hit.lat == 32.767 and hit.lon is not None and hit.lon > 22.6367


def test_names_that_label_something_else_are_not_places(gaz):
    assert keys(gaz, "رفض مجلس نواب طرابلس الاتفاق") == []
    assert keys(gaz, "the Tripoli-based government said") == []
    assert keys(gaz, "قال مصدر دبلوماسي في طرابلس إن الاجتماع انتهى") == []


def test_a_destination_is_weak(gaz):
    hit = places(gaz, "سفينة مشبوهة متوجهة إلى درنة")[0]
    assert hit.role == "destination"


def test_actors_match_short_latin_aliases_by_case_only(gaz):
    def actors(text: str) -> list[str]:
        toks = tokens(text)
        return sorted(k for m in gaz.party_names.find(toks, text) for k in m.targets)

    assert actors("The PFG closed the port and the SNA withdrew") == ["pfg", "syrian"]
    assert actors("a pfg or sna in lower case is not an alias") == []
    assert actors("اشتبكت قوات حفتر مع المرتزقة السوريين") == ["lna", "syrian"]
    assert actors("Haftar's forces advanced") == ["lna"]


def test_the_profile_data_loads_when_present():
    from raqib.osint.extract import load_gazetteer
    from raqib.osint.extract.gazetteer import DEFAULT_DATA_DIR

    gaz = load_gazetteer(DEFAULT_DATA_DIR)
    if "sirte" in gaz.places:
        assert keys(gaz, "اشتباكات بسرت") == ["sirte"]
    assert "libya" in gaz.places and "abroad:geneva" in gaz.places
