"""From an article to candidate events.

Each sentence with a category gives one candidate per place it names (a sentence listing
several places gives several). Candidates of one article with the same category and place are
merged; a candidate whose place is weak (none, the country, a road, a destination, a dateline)
joins the nearest event of its category that has a real place, or, when there is none, forms
one event of its own per category. An event keeps the first sentence as evidence, the first
date told, every actor and the largest casualty figures. Each sentence is read with the
lexicons of its own script, whatever the article's ``lang`` says (Arabic pages quote English
tweets).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, NamedTuple

from raqib.osint.extract.classify import Classified, classify, prepare
from raqib.osint.extract.dates import parse_iso, sentence_date
from raqib.osint.extract.gazetteer import Gazetteer, Place, load_gazetteer
from raqib.osint.extract.names import Mention
from raqib.osint.extract.numbers import casualties
from raqib.osint.extract.places import PlaceHit, capital_mentions, find_places
from raqib.osint.extract.relevance import LIBYAN_PARTY_KINDS, scope
from raqib.osint.extract.sentences import split_sentences
from raqib.osint.extract.textnorm import Token, language, strip_marks, tokens

MIN_CONFIDENCE = 0.4
# "(ANSA) - TRIPOLI, JUNE 22 - ", "TRIPOLI (Reuters) - ", "نيويورك – ": where the reporter is.
_DATELINE = re.compile(
    r"^\s*(?:\([^)]{1,30}\)\s*[-–—]\s*)?(?:[A-Z][A-Za-z .']{1,30}?|[\u0621-\u064a ]{2,25}?)"
    r"(?:\s*\([^)]{1,30}\))?(?:,\s*[A-Z][a-z]{2,15})?,?(?:\s+[A-Za-z]{3,9}\.?\s+\d{1,2})?\s*[-–—]\s+")
STRONG_ROLES = frozenset({"site", "reference"})


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return load_gazetteer()


@dataclass
class _Sentence:
    text: str
    norm: str
    lang: str
    places: list[Mention]
    parties: list[Mention]
    dateline_end: int
    toks: list[Token]


class _Candidate(NamedTuple):
    """What one sentence says about one place."""

    sentence: int  # its index
    cls: Classified
    hit: PlaceHit | None
    actors: set[str]
    date: dt.date | None
    harm: dict[str, int | None]

    @property
    def strong(self) -> bool:
        return self.hit is not None and self.hit.role in STRONG_ROLES


@dataclass
class _Event:
    category: str
    subtype: str
    score: float
    hit: PlaceHit | None
    first: int  # index of the first sentence
    sentences: list[int] = field(default_factory=list)
    candidates: list[_Candidate] = field(default_factory=list)
    nonfactual: bool = True
    actors: set[str] = field(default_factory=set)
    date: dt.date | None = None
    killed: int | None = None
    injured: int | None = None

    @classmethod
    def start(cls, c: _Candidate) -> _Event:
        return cls(c.cls.category, c.cls.subtype, c.cls.score, c.hit, c.sentence)

    def absorb(self, c: _Candidate) -> None:
        self.candidates.append(c)
        if c.sentence not in self.sentences:
            self.sentences.append(c.sentence)
        self.nonfactual = self.nonfactual and c.cls.nonfactual
        self.score = max(self.score, c.cls.score)
        self.actors |= c.actors
        self.date = self.date or c.date
        self.killed = _max(self.killed, c.harm["killed"])
        self.injured = _max(self.injured, c.harm["injured"])

    def distance(self, index: int) -> tuple[int, bool]:
        return min(abs(i - index) for i in self.sentences), self.first > index


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _sentences(text: str, gaz: Gazetteer) -> list[_Sentence]:
    out = []
    for line in text.split("\n"):
        for i, sentence in enumerate(split_sentences(line)):
            clean = strip_marks(sentence)
            dateline = _DATELINE.match(clean) if i == 0 else None
            toks = tokens(clean)
            mentions = gaz.place_names.find(toks, clean) + capital_mentions(toks, clean, gaz)
            out.append(_Sentence(sentence, prepare(clean), language(clean), mentions,
                                 gaz.party_names.find(toks, clean),
                                 dateline.end() if dateline else 0, toks))
    return out


def _actors(sentence: _Sentence, known: set[str]) -> set[str]:
    """Party keys named in the sentence; an alias shared by several parties ("الجيش الليبي")
    counts only for those named unambiguously elsewhere in the article."""
    found: set[str] = set()
    for m in sentence.parties:
        found |= set(m.targets) if len(m.targets) == 1 else set(m.targets) & known
    return found


def _hits(s: _Sentence, cls: Classified, gaz: Gazetteer, context: list[Place]) -> list[PlaceHit]:
    """The sentence's places for an event of ``cls``: places abroad only for political events
    (talks in Geneva); the dateline's place ("TRIPOLI, June 22 -") is only where the reporter is."""
    return [replace(h, role="weak") if h.position < s.dateline_end else h
            for h in find_places(s.toks, gaz, s.places, context)
            if not h.place.foreign or cls.category == "political"]


def _merge(candidates: list[_Candidate]) -> list[_Event]:
    """Events from candidates: same category and place merged, then weak places placed (see the
    module docstring)."""
    events: list[_Event] = []
    by_place: dict[tuple[str, str, str], _Event] = {}
    for c in candidates:
        if c.strong and c.hit is not None:
            key = (c.cls.category, c.hit.place.key, c.hit.label_en)
            if key not in by_place:
                by_place[key] = _Event.start(c)
                events.append(by_place[key])
            by_place[key].absorb(c)
    events = _fold_regions(events)
    placed = list(events)
    lone: dict[str, _Event] = {}
    for c in candidates:
        if c.strong:
            continue
        same = [e for e in placed if e.category == c.cls.category]
        if same:
            target = min(same, key=lambda e: e.distance(c.sentence))
        else:
            target = lone.get(c.cls.category) or _Event.start(c)
            if c.cls.category not in lone:
                lone[c.cls.category] = target
                events.append(target)
            if target.hit is None:
                target.hit = c.hit
        target.absorb(c)
    return sorted(events, key=lambda e: e.first)


def _fold_regions(events: list[_Event]) -> list[_Event]:
    """An event in a region without a point ("al-Jufra district") joins an event of the same
    category at a place of that region ("Hun"): the article tells one story at two scales."""
    kept = []
    for e in events:
        region = e.hit.place if e.hit and e.hit.lat is None and e.hit.place.kind == "region" else None
        areas = set(region.admin_area.split("|")) - {""} if region else set()
        inner = next((o for o in events if o is not e and o.category == e.category and o.hit
                      and o.hit.lat is not None and o.hit.place.admin_area in areas), None)
        if inner is None:
            kept.append(e)
            continue
        for c in e.candidates:
            inner.absorb(c)
    return kept


def _confidence(e: _Event, factor: float) -> float:
    trigger = min(1.0, e.score / 3.0)
    if e.hit is None:
        place = 0.6
    elif e.hit.role not in STRONG_ROLES:
        place = 0.75
    else:
        place = 1.0 if e.hit.lat is not None else 0.9
    support = min(0.15, 0.05 * (len(e.sentences) - 1))
    modal = 0.7 if e.nonfactual else 1.0
    return round(min(1.0, 0.2 + 0.6 * trigger * place * modal * factor + support), 2)


def extract_article(article: dict[str, Any], gazetteer: Gazetteer | None = None,
                    min_confidence: float = MIN_CONFIDENCE) -> list[dict[str, Any]]:
    """Candidate events of one article ``{url, date, lang, title, text}``: an empty list when
    the article is not about the monitored ceasefire. Each event is ``{category, subtype,
    place, place_name_en, lat, lon, date, actors, evidence, confidence, casualties}``: ``place``
    as written in the text, ``date`` ISO or None, ``actors`` party keys of the gazetteer,
    ``casualties`` ``{"killed", "injured"}`` (numbers or None)."""
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    pub = parse_iso(article.get("date"))
    sentences = _sentences(str(article.get("text") or ""), gaz)
    title = prepare(strip_marks(str(article.get("title") or "")))
    single = [gaz.places[k] for s in sentences for m in s.places if len(m.targets) == 1 for k in m.targets]
    known = {k for s in sentences for m in s.parties if len(m.targets) == 1 for k in m.targets}
    libyan_parties = sum(1 for s in sentences for m in s.parties
                         if any(gaz.parties[k].kind in LIBYAN_PARTY_KINDS or k == "unsmil" for k in m.targets))
    libyan_places = len({p.key for p in single if not p.foreign and not p.weak})
    article_scope = scope(" ".join([title, *(s.norm for s in sentences)]), libyan_places, libyan_parties)
    if not article_scope.in_scope:
        return []
    anchored = article_scope.anchors >= 3
    context = [p for p in single if not p.foreign]
    candidates: list[_Candidate] = []
    for index, s in enumerate(sentences):
        cls = classify(s.norm, s.lang, anchored)
        if cls is None:
            continue
        actors, date = _actors(s, known), sentence_date(s.norm, pub, cls.position)
        harm = casualties(s.norm)
        hits: list[PlaceHit | None] = [*_hits(s, cls, gaz, context)] or [None]
        candidates.extend(_Candidate(index, cls, h, actors, date, harm) for h in hits)
    out = []
    for e in _merge(candidates):
        confidence = _confidence(e, article_scope.factor)
        if confidence < min_confidence:
            continue
        hit = e.hit
        out.append({
            "category": e.category, "subtype": e.subtype,
            "place": hit.surface if hit else None, "place_name_en": hit.label_en if hit else None,
            "lat": hit.lat if hit else None, "lon": hit.lon if hit else None,
            "date": e.date.isoformat() if e.date else None, "actors": sorted(e.actors),
            "evidence": sentences[e.first].text, "confidence": confidence,
            "casualties": {"killed": e.killed, "injured": e.injured},
        })
    return out
