"""Casualty figures in a sentence, in digits or words, Arabic and English.

Reads :func:`~raqib.osint.extract.textnorm.normalize`-d text: "39 people died and 71 were
wounded", "killing three civilians", "مقتل ثلاثة مدنيين", "إصابة 86 شخصا", "سقوط قتيلين",
"خمسة وعشرين جريحا", "لقي مصرعه" (one). "46 بين قتيل وجريح" (killed and wounded together) is
not split, so it gives nothing.
"""

from __future__ import annotations

import re

from raqib.osint.extract.textnorm import clitic_forms, fold

_UNITS_SRC = {
    1: "one واحد واحدة", 2: "two اثنان اثنين اثنتين", 3: "three ثلاث ثلاثة", 4: "four أربع أربعة",
    5: "five خمس خمسة", 6: "six ست ستة", 7: "seven سبع سبعة", 8: "eight ثماني ثمانية ثمان",
    9: "nine تسع تسعة", 10: "ten عشر عشرة", 11: "eleven", 12: "twelve dozen", 13: "thirteen",
    14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen", 18: "eighteen", 19: "nineteen",
    20: "twenty عشرون عشرين", 30: "thirty ثلاثون ثلاثين", 40: "forty أربعون أربعين",
    50: "fifty خمسون خمسين", 60: "sixty ستون ستين", 70: "seventy سبعون سبعين",
    80: "eighty ثمانون ثمانين", 90: "ninety تسعون تسعين", 100: "hundred مئة مائة", 200: "مئتان مئتين",
}
NUMBER_WORDS: dict[str, int] = {fold(w): n for n, ws in _UNITS_SRC.items() for w in ws.split()}

_KILLED_AFTER = {fold(w) for w in "killed dead died deaths fatalities قتلى قتيل قتيلا قضوا".split()}
_INJURED_AFTER = {fold(w) for w in "wounded injured hurt جرحى جريح جريحا مصابين مصابا إصابات".split()}
_KILLED_BEFORE = {fold(w) for w in "killing killed kills مقتل مصرع وفاة قتل سقوط استشهاد".split()}
_INJURED_BEFORE = {fold(w) for w in "wounding injuring wounded injured إصابة أصيب جرح".split()}
_DUAL = {fold("قتيلين"): "killed", fold("جريحين"): "injured"}
# "مقتل شخصين", "إصابة جنديين": a dual noun after a casualty word is two.
_DUAL_NOUNS = {fold(w) for w in "شخصين طفلين جنديين عنصرين رجلين امرأتين مواطنين مدنيين".split()}
_ONE_KILLED = re.compile(r"(?<!\S)(?:مصرعه|مصرعها|حتفه|حتفها)(?!\S)")
_TEEN = {fold("عشر"), fold("عشرة")}
_BETWEEN = fold("بين")
_NO = {"no", "not", "without", fold("لا"), fold("دون"), fold("بدون")}


def _number(words: list[str], i: int) -> tuple[int, int] | None:
    """(value, words used) of a number starting at ``words[i]``, or None."""
    w = words[i]
    if w.isdigit():
        value, used = int(w), 1
        while i + used < len(words) and len(words[i + used]) == 3 and words[i + used].isdigit():
            value, used = value * 1000 + int(words[i + used]), used + 1  # "1,200" -> "1 200"
        return value, used
    base = NUMBER_WORDS.get(w)
    if base is None and w[:1] == "و":
        base = NUMBER_WORDS.get(w[1:])
    if base is None:
        return None
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if base < 10 and nxt in _TEEN:
        return base + 10, 2  # خمسة عشر
    if nxt[:1] == "و" and NUMBER_WORDS.get(nxt[1:], 0) >= 20:
        return base + NUMBER_WORDS[nxt[1:]], 2  # ثلاثة وعشرين
    if 20 <= base < 100 and 0 < NUMBER_WORDS.get(nxt, 0) < 10:
        return base + NUMBER_WORDS[nxt], 2  # twenty three
    if nxt == "hundred":
        return base * 100, 2
    return base, 1


def _is(word: str, words: set[str]) -> bool:
    return any(f in words for f, dropped in clitic_forms(word) if not dropped)


def casualties(norm: str) -> dict[str, int | None]:
    """``{"killed": n or None, "injured": n or None}`` for one normalised sentence."""
    words = norm.split()
    out: dict[str, int | None] = {"killed": None, "injured": None}

    def put(kind: str, value: int) -> None:
        current = out[kind]
        out[kind] = value if current is None else max(current, value)

    for i, w in enumerate(words):
        if w in _DUAL and (i == 0 or words[i - 1] != _BETWEEN):
            put(_DUAL[w], 2)
        found = _number(words, i)
        if found is None and w in _DUAL_NOUNS and i and not words[i - 1].isdigit():
            found = (2, 1) if _is(words[i - 1], _KILLED_BEFORE | _INJURED_BEFORE) else None
        if found is None:
            continue
        value, used = found
        if i and words[i - 1] in _NO:
            continue  # "no one was hurt", "لا أحد"
        after, before = words[i + used:i + used + 4], words[max(0, i - 2):i]
        if after[:1] == [_BETWEEN]:
            continue
        if any(_is(a, _KILLED_AFTER) for a in after):
            put("killed", value)
        elif any(_is(a, _INJURED_AFTER) for a in after):
            put("injured", value)
        elif any(_is(b, _KILLED_BEFORE) for b in before):
            put("killed", value)
        elif any(_is(b, _INJURED_BEFORE) for b in before):
            put("injured", value)
    if out["killed"] is None and _ONE_KILLED.search(norm):
        out["killed"] = 1
    return out
