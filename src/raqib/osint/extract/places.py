"""Places in one sentence: gazetteer mentions, their role in the sentence, homonyms, offsets.

Roles: ``site`` (where something happened), ``reference`` (the X of "south of X": dropped when
the sentence names a site), ``destination`` (after "heading to", "باتجاه"), ``weak`` (the country,
a road). Names that are not where anything happened are dropped: a seat ("the government in
Tripoli", "مجلس نواب طبرق"), a source's location ("مصدر دبلوماسي في تونس"), a transit ("عبر"),
a name used as a label ("Berlin Conference", "مخرجات برلين", "قوات مصراتة").
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

from raqib.osint.extract.gazetteer import Gazetteer, Place
from raqib.osint.extract.lexicon_places import (
    AMBIGUOUS, CUES, DESTINATION, DIRECTIONS, INSTITUTION_AFTER, FORCES, INSTITUTION_BEFORE, KIND_CUES,
    LOCATIVE_FILLERS, NISBA_OK, SEAT_WORDS, SOURCE_WORDS, TRANSIT, UNITS,
)
from raqib.osint.extract.names import Mention
from raqib.osint.extract.textnorm import Token, clitic_forms, fold

CITY_KM = 20.0
_CAPITAL = frozenset({"العاصمه"})
_TO = frozenset({"الى", "to", "the"})
_AND = frozenset({"و", "and", "or", "او"})
_BETWEEN = frozenset({"بين", "between"})
SPECIFIC_KINDS = frozenset({"district", "airbase", "airport", "port", "oil_terminal"})


@dataclass(frozen=True, slots=True)
class PlaceHit:
    place: Place
    surface: str  # as written in the text
    role: str  # site | reference | destination | weak
    lat: float | None
    lon: float | None
    label_en: str
    position: int  # character offset in the sentence


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _point(p: Place) -> tuple[float, float] | None:
    return (p.lat, p.lon) if p.lat is not None and p.lon is not None else None


def _form(key: str, words: Collection[str]) -> str | None:
    """The first form of ``key`` (itself, then without proclitics) that is in ``words``."""
    return next((f for f, dropped in clitic_forms(key) if not dropped and f in words), None)


def _any(keys: list[str], words: frozenset[str]) -> bool:
    return any(_form(k, words) for k in keys)


def _prev(toks: list[Token], i: int, n: int = 1) -> list[str]:
    return [t.key for t in toks[max(0, i - n):i]]


def capital_mentions(toks: list[Token], text: str, gaz: Gazetteer) -> list[Mention]:
    """"The capital" / "العاصمة" as Tripoli, unless another capital is meant (``العاصمة التونسية``,
    "Jufra's capital", "the capital Tunis")."""
    if "tripoli" not in gaz.places:
        return []
    out = []
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if _form(t.key, _CAPITAL):
            if nxt and nxt.key.endswith("يه") and nxt.key not in NISBA_OK:
                continue
        elif t.key == "capital" and i and toks[i - 1].key == "the":
            if nxt and nxt.text[:1].isupper() and nxt.key != "tripoli":
                continue
        else:
            continue
        out.append(Mention(i, i + 1, t.start, t.end, text[t.start:t.end], ("tripoli",), "", False))
    return out


def _has_cue(m: Mention, toks: list[Token], joined: bool) -> bool:
    """A locative cue before a name: a preposition ("في", "بـ", "near"), a place noun ("مدينة",
    "town"), or another place it is listed with ("سرت وهون")."""
    if any(c in m.clitic for c in "بل") and not m.dropped_article:
        return True
    return joined or _any(_prev(toks, m.first, 2), CUES)


def _dropped(m: Mention, toks: list[Token]) -> bool:
    word = (_prev(toks, m.first, 1) or [""])[0]
    after = toks[m.last].key if m.last < len(toks) else ""
    if _form(word, INSTITUTION_BEFORE) or _form(word, TRANSIT) or after in INSTITUTION_AFTER:
        return True
    # "the government in Tripoli", "حكومة الوفاق الوطني في طرابلس"; "مصدر دبلوماسي في تونس"
    if word in {"في", "in"}:
        head = m.first - 1
    elif "ب" in m.clitic:
        head = m.first
    else:
        return False
    window = _prev(toks, head, 4)
    if _any(window, SEAT_WORDS) and not _any(window, FORCES):
        return True
    return _any(_prev(toks, head, 3), SOURCE_WORDS)


def _offset(m: Mention, toks: list[Token]) -> tuple[float, float, float, str] | None | str:
    """For "150 km north of X": (distance, dy, dx, direction); "reference" for "north of X";
    None when no direction precedes the name."""
    i = m.first - 1
    while i >= 0 and _form(toks[i].key, LOCATIVE_FILLERS):
        i -= 1
    dy = dx = 0.0
    words: list[str] = []
    while i >= 0 and len(words) < 2 and (direction := _form(toks[i].key, DIRECTIONS)):
        vy, vx, word = DIRECTIONS[direction]
        dy, dx, words = dy + vy, dx + vx, [word, *words]
        i -= 1
    if not words:
        return None
    while i >= 0 and _form(toks[i].key, _TO):
        i -= 1
    if i >= 1 and _form(toks[i].key, UNITS) and toks[i - 1].key.replace(".", "").isdigit():
        norm = math.hypot(dy, dx) or 1.0
        return (float(toks[i - 1].key), dy / norm, dx / norm, "-".join(words))
    return "reference"


def _choose(m: Mention, gaz: Gazetteer, toks: list[Token], context: list[Place]) -> Place:
    """One place for a name with several gazetteer entries, by cues in the sentence and
    the places around it (e.g. السدرة: the oil terminal, or the Tripoli district)."""
    words = {f for t in toks for f, dropped in clitic_forms(t.key) if not dropped}
    best, best_score = gaz.places[m.targets[0]], -1.0
    for key in m.targets:
        p = gaz.places[key]
        score = 1.0 if _point(p) else 0.0
        score += 3.0 * bool(words & KIND_CUES.get(p.kind, frozenset()))
        for other in context:
            if other.key in m.targets:
                continue
            a, b = _point(p), _point(other)
            if (a and b and km(a, b) <= 60) or (p.admin_area and p.admin_area == other.name_en):
                score += 2.0
        if score > best_score:
            best, best_score = p, score
    return best


def find_places(toks: list[Token], gaz: Gazetteer, mentions: list[Mention],
                context: list[Place]) -> list[PlaceHit]:
    """The places of one sentence, in order; ``mentions`` are its gazetteer mentions (from
    ``gaz.place_names.find`` plus :func:`capital_mentions`), ``context`` the unambiguous places
    of the whole article (for homonyms)."""
    hits: list[PlaceHit] = []
    previous: Mention | None = None
    between = False  # inside "between X and Y": a route, not a site
    dropped_end = -1  # where the last name used as a label ended ("غرفة عمليات سرت الجفرة")
    around = [gaz.places[k] for h in mentions if len(h.targets) == 1 for k in h.targets] + context
    for m in sorted(mentions, key=lambda m: m.first):
        rest = " ".join(t.key for t in toks[m.first + 1:m.last])
        needs_cue = m.dropped_article or any(
            f"{form} {rest}".strip() in AMBIGUOUS for form, _ in clitic_forms(toks[m.first].key))
        joined = previous is not None and m.first - previous.last <= 1 and (
            "و" in m.clitic or _any(_prev(toks, m.first, 1), _AND))
        ok = not needs_cue or _has_cue(m, toks, joined)
        between = _any(_prev(toks, m.first, 1), _BETWEEN) or (between and joined)
        previous = m
        if not ok or m.first == dropped_end or _dropped(m, toks):
            dropped_end = m.last if ok else dropped_end
            continue
        place = _choose(m, gaz, toks, around) if len(m.targets) > 1 else gaz.places[m.targets[0]]
        role = "weak" if place.weak or between else "site"
        if _any(_prev(toks, m.first, 3), DESTINATION):
            role = "destination"
        lat, lon, label = place.lat, place.lon, place.name_en
        offset = _offset(m, toks)
        if offset == "reference" and role == "site":
            role = "reference"
        elif isinstance(offset, tuple) and lat is not None and lon is not None:
            dist, dy, dx = offset[:3]
            lat, lon = (round(lat + dist * dy / 111.0, 4),
                        round(lon + dist * dx / (111.32 * math.cos(math.radians(lat))), 4))
            label = f"{dist:g} km {offset[3]} of {place.name_en}"
        surface = m.surface[len(m.clitic):] if m.clitic and toks[m.first].key.startswith(m.clitic) else m.surface
        hits.append(PlaceHit(place, surface, role, lat, lon, label, m.start))
    return _without_containers(hits)


def _without_containers(hits: list[PlaceHit]) -> list[PlaceHit]:
    """Drop a city when the sentence names a site in it ("Mitiga airport in the capital
    Tripoli", "منطقة عين زارة" with "طرابلس"), a repeated name (keeping its strongest role), and
    references ("south of X") when a site is named."""
    sites = [h for h in hits if h.place.kind in SPECIFIC_KINDS and h.role == "site"]
    kept: list[PlaceHit] = []
    for h in hits:
        if any(s.place.key != h.place.key and _inside(s, h) for s in sites):
            continue
        same = next((k for k in kept if k.place.key == h.place.key and k.label_en == h.label_en), None)
        if same is not None:
            if _ROLE_RANK[h.role] < _ROLE_RANK[same.role]:
                kept[kept.index(same)] = h
            continue
        kept.append(h)
    if any(h.role == "site" for h in kept):
        kept = [h for h in kept if h.role != "reference"]
    return kept


_ROLE_RANK = {"site": 0, "reference": 1, "destination": 2, "weak": 3}


def _inside(site: PlaceHit, town: PlaceHit) -> bool:
    """Whether ``site`` lies in ``town``: a district of it (by the gazetteer's admin area), or
    a site (airport, port...) within a few km of a city."""
    if site.place.kind == "district" and fold(site.place.admin_area) == fold(town.place.name_en):
        return True
    if town.place.kind != "city" or None in (site.lat, site.lon, town.lat, town.lon):
        return False
    return km((site.lat, site.lon), (town.lat, town.lon)) <= CITY_KM  # type: ignore[arg-type]
