"""Text keys for matching: Arabic normalisation, clitic stripping, tokens and script-based language.

The normal form is :func:`raqib.core.text.normalize` (Django-free: it imports only ``re`` and
``unicodedata``), so a name matched here is matched the same way by the rest of Raqib.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from raqib.core.text import normalize

__all__ = ["normalize", "strip_marks", "fold", "clitic_forms", "Token", "tokens", "language", "is_arabic"]

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")

# Proclitics, longest first: conjunction (و ف), then preposition (ب ل ك); ``لل`` is ``ل`` + ``ال``.
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


def strip_marks(text: str) -> str:
    """NFKC, Arabic diacritics and tatweel removed; case, letters and punctuation kept (the
    text a reader sees, with words that tokenise whole: "مكوّن" is one word, not two)."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The matching key of one word (see :func:`raqib.core.text.normalize`)."""
    return normalize(word)


def is_arabic(word: str) -> bool:
    return bool(_ARABIC_LETTER.match(word))


@lru_cache(maxsize=65536)
def clitic_forms(key: str) -> tuple[tuple[str, bool], ...]:
    """The folded word itself, then the forms left when proclitics are taken off, each with a
    flag telling whether the article ``ال`` was dropped: ``وبالجفره`` gives ``وبالجفره``,
    ``بالجفره``, ``الجفره`` and (flagged) ``جفره``; ``للجفره`` gives ``الجفره``; ``بسرت`` ``سرت``.

    A form keeps at least two letters. The caller treats flagged forms as weaker evidence
    (``الماسه`` "the diamond" must not silently become the village ``ماسه``)."""
    if not is_arabic(key):
        return ((key, False),)
    stems = [key]
    for conj in _CONJ:
        if key.startswith(conj) and len(key) > 2:
            stems.append(key[1:])
    for stem in list(stems):
        if stem.startswith("لل") and len(stem) > 3:
            stems.append("ال" + stem[2:])
        for prep in _PREP:
            if stem.startswith(prep) and len(stem) > 2:
                stems.append(stem[1:])
    forms: dict[str, bool] = {}
    for stem in stems:
        forms.setdefault(stem, False)
    for stem in list(forms):
        if stem.startswith("ال") and len(stem) > 3:
            forms.setdefault(stem[2:], True)
    return tuple(forms.items())


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written (marks stripped, case kept)
    key: str  # folded
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Word tokens of ``text`` (which should already be :func:`strip_marks`-ed)."""
    out = []
    for m in _TOKEN.finditer(text):
        key = fold(m.group())
        if key:
            out.append(Token(m.group(), key, m.start(), m.end()))
    return out


def language(text: str) -> str:
    """``ar`` or ``en`` by the larger count of Arabic vs Latin letters (``en`` when neither)."""
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    return "ar" if arabic > latin else "en"
