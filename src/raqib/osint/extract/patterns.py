"""A small phrase-pattern language for the lexicons, compiled to regular expressions that run
over :func:`~raqib.osint.extract.textnorm.normalize`-d text (folded, punctuation as spaces);
a phrase is only tried at the words its first word can be (a dictionary lookup), which keeps
hundreds of phrases cheap.

Phrase syntax: words separated by spaces; ``word*`` matches any word starting with ``word``;
``~`` matches up to 3 words, ``~~`` up to 10. Arabic words are written without proclitics or
the article and match with them: ``لغم`` matches ``لغم``, ``اللغم``, ``باللغم``, ``للغم``,
``واللغم``. The written form is folded like the text, so ``ألغام`` is written as it is spelt.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from raqib.osint.extract.textnorm import clitic_forms, fold, is_arabic

_PROCLITICS = "(?:[وف]?(?:لل|[بكل]?(?:ال)?))"
_START = r"(?<!\S)"
_END = r"(?!\S)"
_GAPS = {"~": r"(?:\S+\s+){0,3}?", "~~": r"(?:\S+\s+){0,10}?"}
_WORD = re.compile(r"\S+")
_MEMO_SIZE = 50_000  # words remembered per lexicon


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon phrase: its weight towards the category, the subtype it suggests (or
    ``None``) and flags: ``act`` (a political speech act: a proposal, a decision, kept in
    future or conditional sentences) or ``fact`` (states a breach as a fact: "تم انتهاكه")."""

    phrase: str
    weight: float
    subtype: str | None = None
    flags: str = ""


def _word(word: str) -> str:
    prefix = word.endswith("*")
    core = fold(word.rstrip("*"))
    body = re.escape(core).replace(r"\ ", r"\s+")
    if is_arabic(core):
        body = _PROCLITICS + body
    return body + (r"\S*" if prefix else _END)


def phrase_regex(phrase: str) -> str:
    parts = phrase.split()
    out = _START
    for i, word in enumerate(parts):
        if word in _GAPS:
            out += _GAPS[word]
            continue
        if i and parts[i - 1] not in _GAPS:
            out += r"\s+"
        out += _word(word)
        if i + 1 < len(parts) and parts[i + 1] in _GAPS:
            out += r"\s+"
    return out


class Lexicon:
    """Entries indexed by their first word. At each word of the text, the candidates its forms
    (with and without proclitics) point to are tried there, the longest phrase that matches
    wins and the search resumes after it. :meth:`find` returns (entry, offset) pairs."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = sorted(entries, key=lambda e: -len(e.phrase))
        self._exact: dict[str, list[tuple[Entry, re.Pattern[str]]]] = defaultdict(list)
        self._prefix: dict[str, list[tuple[Entry, re.Pattern[str]]]] = defaultdict(list)
        for e in self.entries:
            first = e.phrase.split()[0]
            key = fold(first.rstrip("*")).split()[0]
            index = self._prefix if first.endswith("*") else self._exact
            index[key].append((e, re.compile(phrase_regex(e.phrase))))
        self._prefix_lengths = sorted({len(k) for k in self._prefix})
        self._memo: dict[str, tuple[tuple[Entry, re.Pattern[str]], ...]] = {}

    def _candidates(self, word: str) -> tuple[tuple[Entry, re.Pattern[str]], ...]:
        found = self._memo.get(word)
        if found is None:
            out: list[tuple[Entry, re.Pattern[str]]] = []
            for form, _ in clitic_forms(word):
                out.extend(self._exact.get(form, ()))
                out.extend(c for n in self._prefix_lengths if n <= len(form) for c in self._prefix.get(form[:n], ()))
            if len(self._memo) > _MEMO_SIZE:
                self._memo.clear()
            found = self._memo[word] = tuple(out)
        return found

    def _scan(self, text: str) -> Iterator[tuple[Entry, int]]:
        resume = 0
        for word in _WORD.finditer(text):
            if word.start() < resume:
                continue
            best: tuple[Entry, int] | None = None
            for entry, pattern in self._candidates(word.group()):
                m = pattern.match(text, word.start())
                if m and (best is None or len(entry.phrase) > len(best[0].phrase)):
                    best = (entry, m.end())
            if best is not None:
                yield best[0], word.start()
                resume = best[1]

    def find(self, text: str) -> list[tuple[Entry, int]]:
        return list(self._scan(text))

    def count(self, text: str) -> int:
        return sum(1 for _ in self._scan(text))

    def first(self, text: str) -> int | None:
        """Offset of the first match, or None."""
        return next((pos for _, pos in self._scan(text)), None)


def parse(spec: str) -> list[Entry]:
    """Entries from ``WEIGHT SUBTYPE[/FLAGS]: phrase, phrase, ...`` (``-`` for no subtype); a
    line that does not start with a weight continues the previous one; ``#`` starts a comment."""
    heads: list[list[str]] = []
    for line in spec.splitlines():
        line = line.split("#", 1)[0].strip()
        if re.match(r"\d+(?:\.\d+)?\s+\S+:", line):
            head, _, phrases = line.partition(":")
            heads.append([head, phrases])
        elif line and heads:
            heads[-1][1] += "," + line
    out: list[Entry] = []
    for head, phrases in heads:
        weight, _, kind = head.strip().partition(" ")
        subtype, _, flags = kind.strip().partition("/")
        for phrase in phrases.split(","):
            if phrase.strip():
                out.append(Entry(phrase.strip(), float(weight), None if subtype == "-" else subtype, flags))
    return out
