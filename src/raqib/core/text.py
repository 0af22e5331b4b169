"""Text helpers shared by every face: Arabic normalisation for search and matching."""

from __future__ import annotations

import re
import unicodedata

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_TRANSLATE = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
        "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
        "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4",
        "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    }
)
_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[\-‐-―_'’`ʻʼ\.\(\),،]")


def normalize(text: str) -> str:
    """A search key: Arabic letter variants folded, diacritics and tatweel removed,
    Arabic-Indic digits made Western, Latin case and accents folded, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "").translate(_TRANSLATE)
    decomposed = unicodedata.normalize("NFD", text.casefold())
    text = "".join(c for c in decomposed if not (unicodedata.combining(c) and ord(c) < 0x0600))
    text = _PUNCT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()
