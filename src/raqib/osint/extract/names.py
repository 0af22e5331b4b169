"""Finding known names (places, party aliases) in a token stream.

Names are indexed by the folded key of their first word. In text, the first word of a name may
carry Arabic proclitics (``وسرت``, ``بسرت``, ``لسرت``, ``وبالجفرة``); the following words must
match exactly. Short Latin names and acronyms (``PFG``, ``SNA``, ``Hun``) match only with their
case as written (or all in capitals, as in datelines); longer Latin names match in any case.
At each position the longest name wins.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from raqib.osint.extract.textnorm import Token, clitic_forms, is_arabic, strip_marks, tokens

_LATIN_ARTICLES = frozenset({"al", "el", "an", "as", "ash", "az", "ar", "ad", "at", "adh", "ad"})


@dataclass(frozen=True, slots=True)
class _Entry:
    keys: tuple[str, ...]
    exact: tuple[str, ...] | None  # the words as written, when case matters
    target: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in text: tokens ``[first, last)``, characters ``[start, end)``."""

    first: int
    last: int
    start: int
    end: int
    surface: str
    targets: tuple[str, ...]
    clitic: str  # the proclitics taken off the first word ("" when none)
    dropped_article: bool  # matched only after taking off the article the text carried


def _case_sensitive(words: list[str]) -> bool:
    if any(is_arabic(w) for w in words):
        return False
    text = "".join(words)
    return (len(words) == 1 and len(text) <= 4) or (text.isupper() and len(text) <= 6)


def _clitic(key: str, form: str) -> str:
    """The proclitics of ``key`` that ``form`` lacks (``للجفره``/``الجفره`` -> ``ل``)."""
    if key.endswith(form):
        return key[: len(key) - len(form)]
    return key[: key.rfind("ل" + form[2:])]


class NameIndex:
    """An index of names to targets (gazetteer or party keys). One name may have several
    targets (homonyms); choosing between them is the caller's business."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[_Entry]] = defaultdict(list)
        self._seen: set[tuple[tuple[str, ...], str]] = set()

    def add(self, name: str, target: str) -> None:
        toks = tokens(strip_marks(name))
        if not toks:
            return
        self._add([t.key for t in toks], [t.text for t in toks], target)
        # "Al-Jufra" is also written "Jufra"; Arabic keeps its article (the clitic forms of the
        # text cover "الجفرة" vs "بالجفرة").
        if len(toks) > 1 and toks[0].key in _LATIN_ARTICLES and len(toks[1].key) >= 4:
            self._add([t.key for t in toks[1:]], [t.text for t in toks[1:]], target)
        elif len(toks) > 1 and not is_arabic(toks[0].key) and toks[0].key not in _LATIN_ARTICLES:
            # "Jufra air base" is also "al-Jufra air base" (one-word names need not: the longest
            # match at "al" would otherwise stop short of a longer name at the next word).
            self._add(["al", *(t.key for t in toks)], ["al", *(t.text for t in toks)], target)

    def _add(self, keys: list[str], words: list[str], target: str) -> None:
        seen = (tuple(keys), target)
        if seen in self._seen:
            return
        self._seen.add(seen)
        exact = tuple(words) if _case_sensitive(words) else None
        self._by_first[keys[0]].append(_Entry(tuple(keys), exact, target))

    def find(self, toks: list[Token], text: str) -> list[Mention]:
        """Longest-first, non-overlapping mentions of indexed names in ``toks`` (of ``text``)."""
        found: list[Mention] = []
        i = 0
        while i < len(toks):
            best: tuple[int, list[str], str, bool] | None = None
            for form, dropped in clitic_forms(toks[i].key):
                for entry in self._by_first.get(form, ()):
                    n = len(entry.keys)
                    if best is not None and n < best[0]:
                        continue
                    if not self._matches(entry, toks, i, form):
                        continue
                    clitic = _clitic(toks[i].key, form)
                    if best is None or n > best[0]:
                        best = (n, [entry.target], clitic, dropped)
                    elif entry.target not in best[1]:
                        best[1].append(entry.target)
            if best is None:
                i += 1
                continue
            n, targets, clitic, dropped = best
            last = i + n
            start, end = toks[i].start, toks[last - 1].end
            found.append(Mention(i, last, start, end, text[start:end], tuple(targets), clitic, dropped))
            i = last
        return found

    @staticmethod
    def _matches(entry: _Entry, toks: list[Token], i: int, form: str) -> bool:
        n = len(entry.keys)
        if i + n > len(toks):
            return False
        if any(toks[i + j].key != entry.keys[j] for j in range(1, n)):
            return False
        if entry.exact is None:
            return True
        if form != toks[i].key:
            return False
        written = [toks[i + j].text for j in range(n)]
        return written == list(entry.exact) or written == [w.upper() for w in entry.exact]
