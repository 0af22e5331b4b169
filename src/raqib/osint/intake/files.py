"""Articles from files: JSON (one article, a list of them, or a Telegram export), JSONL, plain
text, HTML article pages and saved RSS/Atom documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from raqib.osint.intake import (MAX_ARTICLES, MAX_FILE_BYTES, IntakeError, RawArticle, capped, decode, parse_date,
                                read_capped)
from raqib.osint.intake.feeds import parse_feed
from raqib.osint.intake.html import parse_html
from raqib.osint.intake.telegram import is_export, parse_export

SUFFIXES = {".json": "json", ".jsonl": "json", ".ndjson": "json", ".txt": "text", ".html": "html",
            ".htm": "html", ".xml": "feed", ".rss": "feed", ".atom": "feed"}


def kind_of(path: Path) -> str:
    """The news-source kind a file's articles come from (a Telegram export is a ``.json``)."""
    if path.name == "result.json":
        return "telegram"
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise IntakeError(f"{path}: unsupported file type (use {', '.join(sorted(SUFFIXES))})")
    return kind


def _article(item: Any, where: str) -> RawArticle:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise IntakeError(f"{where}: not an article (an object with a text)")
    lang = item.get("lang") if item.get("lang") in ("ar", "en") else ""
    return RawArticle(text=item["text"], url=str(item.get("url") or ""), title=str(item.get("title") or ""),
                      published_at=parse_date(item.get("date")), lang=str(lang))


def _json(raw: str, where: str, username: str, max_articles: int) -> list[RawArticle]:
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise IntakeError(f"{where}: invalid JSON ({exc})") from None
    if is_export(data):
        return parse_export(data, where, username, max_articles)
    items = data if isinstance(data, list) else [data]
    if len(items) > max_articles:
        raise IntakeError(f"{where}: {len(items)} articles is more than the {max_articles} allowed in one file")
    return [_article(item, f"{where}[{i}]" if isinstance(data, list) else where) for i, item in enumerate(items)]


def _jsonl(raw: str, where: str, max_articles: int) -> list[RawArticle]:
    out: list[RawArticle] = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        if len(out) >= max_articles:
            raise IntakeError(f"{where}: more than the {max_articles} articles allowed in one file")
        try:
            out.append(_article(json.loads(line), f"{where}:{number}"))
        except (json.JSONDecodeError, RecursionError) as exc:
            raise IntakeError(f"{where}:{number}: invalid JSON ({exc})") from None
    return out


def parse_bytes(kind: str, data: bytes, where: str, *, url: str = "", username: str = "", jsonl: bool = False,
                max_articles: int = MAX_ARTICLES) -> list[RawArticle]:
    """The articles in ``data``, a document of a news-source ``kind`` read from ``where``."""
    if kind == "feed":
        return parse_feed(data, where, max_articles)
    if kind == "html":
        return [a for a in [parse_html(data, url)] if a.text]
    raw = decode(data, where)
    if kind == "text":
        return capped([RawArticle(text=raw, url=url)], where, max_articles)
    if jsonl:
        return capped(_jsonl(raw, where, max_articles), where, max_articles)
    return capped(_json(raw, where, username, max_articles), where, max_articles)


def read_file(path: Path, *, username: str = "", max_bytes: int = MAX_FILE_BYTES,
              max_articles: int = MAX_ARTICLES) -> list[RawArticle]:
    """The articles of one file; :class:`IntakeError` naming the file when it cannot be read.
    ``username`` is the Telegram channel's, for exports that do not carry it."""
    kind = kind_of(path)
    data = read_capped(path, max_bytes)
    return parse_bytes("json" if kind == "telegram" else kind, data, str(path), username=username,
                       jsonl=path.suffix.lower() in (".jsonl", ".ndjson"), max_articles=max_articles)


def files_under(path: Path) -> list[Path]:
    """The article files a path stands for: itself, or a directory's files of known types
    (gold answers ``NNN.gold.json`` left out)."""
    if not path.is_dir():
        return [path]
    return sorted(f for f in path.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES
                  and not f.name.endswith(".gold.json"))
