"""Sentence splitting for Arabic and English news text.

A sentence ends at a line break, or at ``. ! ? ؟ …`` (with any closing quotes or brackets)
followed by a space, a capital, an Arabic letter, an opening quote or the end of the text.
Not at a decimal point (``2.5``), a time (``07.00``), an initial (``J. Smith``) or a known
abbreviation (``Gen.``, ``U.N.``, ``Oct.``). Arabic writers often omit the space after the
full stop (``الإعلامي.وقال``); that still splits.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr gen col lt maj capt cpt sgt brig adm cdr gov sen rep st no nos jr sr vs etc
    e.g i.e a.m p.m inc ltd co corp dept est approx fig jan feb mar apr jun jul aug sep sept oct
    nov dec mt ft u.s u.n u.k e.u u.a.e""".split()
)
_END = re.compile(r"[.!?؟…]+[\"'”’»)\]]*")
_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«("


def _is_boundary(text: str, dot: int, after: int) -> bool:
    """Whether the terminator run ``text[dot:after]`` ends a sentence."""
    nxt = text[after:after + 1]
    run = text[dot:after]
    if nxt and not (nxt.isspace() or nxt in _OPENERS or "\u0600" <= nxt <= "\u06ff" or nxt.isupper()):
        return False
    if run[0] != ".":
        return True
    before = re.search(r"([\w.]+)$", text[:dot])
    word = before.group(1) if before else ""
    if word[-1:].isdigit() and text[after:after + 1].isdigit():
        return False  # a decimal point or a time
    if word.casefold().rstrip(".") in _ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial
    rest = text[after:].lstrip()
    if rest[:1].islower() and rest[:1].isascii():
        return False  # "... approx. five km": the next word continues the sentence
    return True


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped, empty ones dropped, in order."""
    out: list[str] = []
    for line in re.split(r"\s*\n\s*", text):
        start = 0
        for m in _END.finditer(line):
            if _is_boundary(line, m.start(), m.end()):
                piece = line[start:m.end()].strip()
                if piece:
                    out.append(piece)
                start = m.end()
        piece = line[start:].strip()
        if piece:
            out.append(piece)
    return out
