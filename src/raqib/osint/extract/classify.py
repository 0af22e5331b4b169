"""Event category and subtype of a sentence, from the lexicons of its language.

Each category sums the weights of its phrases found in the sentence (a phrase counts once).
Phrases after a purpose or task marker ("to verify the departure of mercenaries",
"للإشراف على ...", "to pave the way for reopening") count 0.3: they name what someone is to
watch or to achieve, not what happened. In a
future, conditional or hortative sentence ("would", "any attempt", "ويفترض أن", "دعا") the
scores count 0.35, except political speech acts (a proposal, a decision) and breaches stated as
facts. A movement restriction needs the monitors (or the UN) in the sentence; a political
event needs a ceasefire or security anchor in the sentence or the article. The best category
needs 1.0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType

from raqib.osint.extract import lexicon_ar, lexicon_en
from raqib.osint.extract.keys import CATEGORIES, DEFAULT_SUBTYPE
from raqib.osint.extract.patterns import Entry, Lexicon
from raqib.osint.extract.textnorm import normalize

THRESHOLD = 1.0
PURPOSE_FACTOR = 0.3
MODAL_FACTOR = 0.35
VIOLENCE = 2.0
# Ties go to the more specific category.
PRIORITY = ("explosive_hazard", "embargo_violation", "movement_restriction", "ceasefire_violation",
            "foreign_forces", "political", "other")
# Within a category, ties between subtypes go to the first listed.
SUBTYPE_PRIORITY = {
    "ceasefire_violation": ("air_or_drone_strike", "shelling", "armed_clash", "remote_explosive"),
    "foreign_forces": ("departure", "arrival", "relocation", "assembly", "training", "base_activity", "presence"),
    "explosive_hazard": ("eo_accident", "clearance", "new_laying", "ied_sighting", "uxo_sighting", "mine_sighting"),
}
_CEASEFIRE = re.compile(
    r"(?<!\S)[وفبل]{0,2}(?:ال)?وقف(?:\s+(?:ال)?(?:فوري|هش|دائم|شامل))?\s+(?:[لب]?ا|لا|ل)طلاق\s+(?:ال)?نار(?!\S)"
    r"|(?<!\S)cease\s+fire(?!\S)")


@dataclass(frozen=True, slots=True)
class Classified:
    category: str
    subtype: str
    score: float
    position: int  # offset of the first phrase of the category in the normalised sentence
    nonfactual: bool


class _Lexicons:
    """The compiled lexicons of one language (module :mod:`lexicon_ar` or :mod:`lexicon_en`)."""

    def __init__(self, module: ModuleType) -> None:
        entries = module.CATEGORIES
        # Triggers and subtype cues apart, so that a cue spanning a trigger does not hide it.
        self.categories = {c: Lexicon([e for e in entries[c] if e.weight > 0]) for c in CATEGORIES}
        self.cues = {c: Lexicon([e for e in entries[c] if e.weight == 0]) for c in CATEGORIES}
        self.modal, self.purpose = Lexicon(module.MODAL), Lexicon(module.PURPOSE)
        self.monitors, self.anchors = Lexicon(module.MONITORS), Lexicon(module.ANCHORS)
        self.libya, self.elsewhere = Lexicon(module.LIBYA), Lexicon(module.ELSEWHERE)


_LEXICONS: dict[str, _Lexicons] = {}


def lexicons(lang: str) -> _Lexicons:
    if lang not in _LEXICONS:
        _LEXICONS[lang] = _Lexicons(lexicon_ar if lang == "ar" else lexicon_en)
    return _LEXICONS[lang]


def prepare(sentence: str) -> str:
    """The normalised sentence the lexicons read, "وقف إطلاق النار" replaced by ``ceasefire``."""
    return _CEASEFIRE.sub(" ceasefire ", normalize(sentence)).strip()


def _tally(found: list[tuple[Entry, int]], purpose: int | None) -> tuple[float, float, str, dict[str, float]]:
    """(sum, max, flags, subtype scores) of one category's phrases found in a sentence."""
    seen: dict[str, float] = {}
    subtypes: dict[str, float] = {}
    flags = ""
    for entry, pos in found:
        weight = entry.weight * (PURPOSE_FACTOR if purpose is not None and pos > purpose else 1.0)
        seen[entry.phrase] = max(seen.get(entry.phrase, 0.0), weight)
        if entry.subtype:
            # What happened (a cue: "exploded", "cleared") says more than what it was done with;
            # otherwise the strongest phrase of a subtype speaks for it.
            value = 2.0 if entry.weight == 0 else entry.weight
            subtypes[entry.subtype] = (subtypes.get(entry.subtype, 0.0) + value if entry.weight == 0
                                       else max(subtypes.get(entry.subtype, 0.0), value))
        if weight >= 1.0:
            flags += entry.flags
    return sum(seen.values()), max(seen.values()), flags, subtypes


def classify(norm: str, lang: str, article_anchored: bool) -> Classified | None:
    """The sentence's category, or None when no category reaches the threshold."""
    lex = lexicons(lang)
    purpose = lex.purpose.first(norm)
    nonfactual = lex.modal.first(norm) is not None
    monitors = lex.monitors.first(norm) is not None
    anchored = article_anchored or lex.anchors.first(norm) is not None
    best: Classified | None = None
    violence = 0.0
    for category in PRIORITY:
        matches = lex.categories[category].find(norm)
        if not matches:
            continue
        score, strongest, flags, subtypes = _tally(matches + lex.cues[category].find(norm), purpose)
        if category == "foreign_forces":
            # Its phrases name who is there: several ("Wagner mercenaries") do not add up, and
            # a violent act by them is a ceasefire violation.
            score = strongest * (0.5 if violence >= VIOLENCE else 1.0)
        if nonfactual and not ("act" in flags and category == "political") and "fact" not in flags:
            score *= MODAL_FACTOR
        if (category == "movement_restriction" and not monitors) or (category == "political" and not anchored):
            score = 0.0
        if category == "ceasefire_violation":
            violence = score
        if score < THRESHOLD or (best is not None and score <= best.score):
            continue
        order = SUBTYPE_PRIORITY.get(category, ())
        subtype = max(subtypes, key=lambda s: (subtypes[s], -order.index(s) if s in order else 0),
                      default=DEFAULT_SUBTYPE[category])
        best = Classified(category, subtype, score, matches[0][1], nonfactual)
    return best
