"""Reading articles from files: JSON (one article or a list), JSONL, plain text, HTML, or a
directory of ``NNN.json`` files (gold files ``NNN.gold.json`` beside them are skipped).

An article is ``{url, date, lang, title, text}``; only ``text`` is required. A ``.txt`` file is
its text with no date; an ``.html`` file is stripped of tags with the standard library's
parser (its ``<title>`` and any ``article:published_time`` meta kept; nothing fetched).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from raqib.osint.extract.textnorm import language


class ArticleError(ValueError):
    """A file that is not a readable article (the message names the file)."""


_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})
_BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article",
                    "section", "blockquote", "header", "footer", "ul", "ol", "table"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.date: str | None = None
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name") or "") in (
                "article:published_time", "date", "pubdate", "publishdate"):
            self.date = self.date or a.get("content")
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)


def html_article(markup: str) -> dict[str, Any]:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    text = "\n".join(line for line in lines if line)
    return {"url": None, "date": parser.date, "lang": language(text), "title": parser.title.strip() or None,
            "text": text}


def _checked(item: Any, where: str) -> dict[str, Any]:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise ArticleError(f"{where}: not an article (an object with a text)")
    return item


def load_file(path: Path) -> list[dict[str, Any]]:
    """The articles of one file; :class:`ArticleError` when it cannot be read as articles."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ArticleError(f"{path}: {exc}") from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(raw)
            items = data if isinstance(data, list) else [data]
            return [_checked(item, f"{path}[{i}]" if isinstance(data, list) else str(path))
                    for i, item in enumerate(items)]
        if suffix in (".jsonl", ".ndjson"):
            return [_checked(json.loads(line), f"{path}:{n}") for n, line in enumerate(raw.splitlines(), 1)
                    if line.strip()]
    except json.JSONDecodeError as exc:
        raise ArticleError(f"{path}: invalid JSON ({exc})") from None
    if suffix == ".txt":
        return [{"url": None, "date": None, "lang": language(raw), "title": None, "text": raw}]
    if suffix in (".html", ".htm"):
        return [html_article(raw)]
    raise ArticleError(f"{path}: unsupported file type (use .json, .jsonl, .txt, .html or a directory)")


def article_files(path: str | Path) -> list[Path]:
    """The files an input path stands for: itself, or a directory's ``*.json`` except gold."""
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.glob("*.json") if not f.name.endswith(".gold.json"))
    if not p.exists():
        raise ArticleError(f"{p}: no such file or directory")
    return [p]


def load_articles(path: str | Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """(file, article) for every article under ``path``."""
    for f in article_files(path):
        for article in load_file(f):
            yield f, article
