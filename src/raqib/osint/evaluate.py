"""Scoring the news extraction against a gold directory (``NNN.json`` + ``NNN.gold.json``).

The rules of ``eval/news-dev/README.md``: per article, predicted events are matched one-to-one
to gold events, in order (each prediction takes the first gold event it matches that is still
free). At the ``category`` level a prediction matches when its category is the gold ``type``;
at ``category+place`` the place must match too: within 25 km when both have coordinates; when
the gold has none, the normalised names (``place`` and ``place_en`` of the gold, ``place`` and
``place_name_en`` of the prediction; Arabic folded) must contain one another, and a gold event
that gives no place at all states none, so any place matches it; when only the gold has
coordinates the place does not match (the README leaves that case open: the strict reading). At
``category+place+date`` the dates must be equal too, when the gold has a date. A prediction
matching only an already-matched gold event, or a background event, is ignored; any other
unmatched prediction is a false positive; unmatched gold events are false negatives. Counts
are summed over articles, per language and overall. An article is judged relevant when at
least one event is predicted for it. Pure Python: no Django.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from raqib.core.text import normalize
from raqib.osint.extract.places import km

LEVELS = ("category", "category+place", "category+place+date")
RADIUS_KM = 25.0
Extractor = Callable[[dict[str, Any]], list[dict[str, Any]]]


def _names(event: dict[str, Any], *keys: str) -> list[str]:
    return [n for n in (normalize(str(event.get(k) or "")) for k in keys) if n]


def _point(event: dict[str, Any]) -> tuple[float, float] | None:
    lat, lon = event.get("lat"), event.get("lon")
    return (float(lat), float(lon)) if lat is not None and lon is not None else None


def place_matches(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Within 25 km when both have coordinates; by names when the gold has no coordinates (a
    gold without any place matches every prediction; an empty predicted name matches no gold
    name); never when only the gold has coordinates."""
    a, b = _point(pred), _point(gold)
    if b is not None:
        return a is not None and km(a, b) <= RADIUS_KM
    gold_names = _names(gold, "place", "place_en")
    if not gold_names:
        return True
    pred_names = _names(pred, "place", "place_name_en")
    return any(p in g or g in p for p in pred_names for g in gold_names)


def matches(pred: dict[str, Any], gold: dict[str, Any], level: str) -> bool:
    if pred.get("category") != gold.get("type"):
        return False
    if level != "category" and not place_matches(pred, gold):
        return False
    return level != "category+place+date" or not gold.get("date") or pred.get("date") == gold.get("date")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_article(preds: list[dict[str, Any]], gold: dict[str, Any], level: str) -> Counts:
    events = list(gold.get("events") or [])
    background = list(gold.get("background_events") or [])
    taken: set[int] = set()
    counts = Counts()
    for pred in preds:
        free = next((i for i, g in enumerate(events) if i not in taken and matches(pred, g, level)), None)
        if free is not None:
            taken.add(free)
            counts.tp += 1
        elif not any(matches(pred, g, level) for g in events + background):
            counts.fp += 1
    counts.fn = len(events) - len(taken)
    return counts


@dataclass
class Report:
    counts: dict[str, dict[str, Counts]] = field(default_factory=dict)  # group -> level -> counts
    relevance: dict[str, list[int]] = field(default_factory=dict)  # group -> [correct, total]

    def add(self, lang: str, preds: list[dict[str, Any]], gold: dict[str, Any]) -> None:
        for group in (lang, "all"):
            levels = self.counts.setdefault(group, {level: Counts() for level in LEVELS})
            for level in LEVELS:
                levels[level].add(score_article(preds, gold, level))
            right = self.relevance.setdefault(group, [0, 0])
            right[0] += int(bool(preds) == bool(gold.get("relevant")))
            right[1] += 1

    def table(self) -> str:
        head = f"{'lang':<5} {'level':<20} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}"
        lines = [head, "-" * len(head)]
        groups = sorted((g for g in self.counts if g != "all")) + ["all"]
        for group in groups:
            for level, c in self.counts[group].items():
                lines.append(f"{group:<5} {level:<20} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
                             f"{c.tp:4d} {c.fp:4d} {c.fn:4d}")
        lines.append("")
        for group in groups:
            right, total = self.relevance[group]
            lines.append(f"relevance accuracy {group:<4} {right / total if total else 0:.3f} ({right}/{total})")
        return "\n".join(lines)


def gold_pairs(directory: str | Path) -> Iterable[tuple[Path, dict[str, Any], dict[str, Any]]]:
    """(article file, article, gold) for every ``NNN.json`` with a ``NNN.gold.json`` beside it."""
    for gold_file in sorted(Path(directory).glob("*.gold.json")):
        article_file = gold_file.with_name(gold_file.name[: -len(".gold.json")] + ".json")
        if article_file.exists():
            yield (article_file, json.loads(article_file.read_text(encoding="utf-8")),
                   json.loads(gold_file.read_text(encoding="utf-8")))


def evaluate(directory: str | Path, extractor: Extractor | None = None) -> Report:
    """Run ``extractor`` (default: :func:`raqib.osint.extract.extract_article`) on every gold
    article of ``directory`` and score it."""
    if extractor is None:
        from raqib.osint.extract import extract_article

        extractor = extract_article
    report = Report()
    for _, article, gold in gold_pairs(directory):
        report.add(str(article.get("lang") or "?"), extractor(article), gold)
    return report
