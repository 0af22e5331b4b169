"""Normalisation, clitics, sentences, language."""

from __future__ import annotations

from raqib.osint.extract.sentences import split_sentences
from raqib.osint.extract.textnorm import clitic_forms, fold, language, strip_marks, tokens


def test_it_folds_hamza_alif_maqsura_ta_marbuta_and_diacritics():
    assert fold("إِطْلَاقُ") == fold("اطلاق")
    assert fold("مُصْراتة") == "مصراته"
    assert fold("مستشفى") == "مستشفي"
    assert fold("٢٣") == "23"


def test_strip_marks_keeps_case_and_punctuation():
    assert strip_marks("Sirte, سِرْت.") == "Sirte, سرت."


def test_it_takes_proclitics_off_arabic_words():
    for word in ("بسرت", "وسرت", "لسرت", "فسرت", "وبسرت"):
        assert ("سرت", False) in clitic_forms(fold(word)), word
    assert ("الجفره", False) in clitic_forms(fold("بالجفرة"))
    assert ("الجفره", False) in clitic_forms(fold("للجفرة"))
    assert ("جفره", True) in clitic_forms(fold("والجفرة"))  # the article dropped: flagged


def test_latin_words_have_no_clitic_forms():
    assert clitic_forms("benghazi") == (("benghazi", False),)


def test_tokens_carry_offsets_and_keys():
    toks = tokens("Clashes in al-Jufra")
    assert [t.key for t in toks] == ["clashes", "in", "al", "jufra"]
    assert "Clashes in al-Jufra"[toks[3].start:toks[3].end] == "Jufra"


def test_it_tells_arabic_from_english_by_script():
    assert language("اشتباكات في المدينة") == "ar"
    assert language("Clashes in the city") == "en"
    assert language("1234") == "en"


def test_it_splits_arabic_sentences_even_without_a_space():
    text = "أعلنت اللجنة عن اجتماع.وقال المتحدث إن الطريق سيفتح؟ نعم"
    assert split_sentences(text) == ["أعلنت اللجنة عن اجتماع.", "وقال المتحدث إن الطريق سيفتح؟", "نعم"]


def test_it_does_not_split_at_abbreviations_decimals_or_initials():
    text = "Gen. Smith met the U.N. envoy at 10.30 with J. Doe. Then talks ended."
    assert split_sentences(text) == ["Gen. Smith met the U.N. envoy at 10.30 with J. Doe.", "Then talks ended."]


def test_a_line_break_ends_a_sentence():
    assert split_sentences("A title\nThe body starts") == ["A title", "The body starts"]
