"""Reading articles from what the world sends: feeds, article pages, JSON dumps, text files and
Telegram channel exports. Nothing here touches the database; :mod:`raqib.osint.services` stores
what these modules return.

Everything read is hostile until proven otherwise: files and downloads are capped in size
before they are parsed, a file yields at most :data:`MAX_ARTICLES` articles, XML is checked for
entity declarations before any parser sees it, and every error names the file it is about.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_FETCH_BYTES = 5 * 1024 * 1024
MAX_ARTICLES = 20_000
MAX_TEXT_CHARS = 200_000
MAX_TITLE_CHARS = 500


class IntakeError(ValueError):
    """Input that cannot be read as articles; the message names the file or address."""


@dataclass
class RawArticle:
    """An article as read, before it is stored: ``lang`` "" means "tell from the text"."""

    text: str
    url: str = ""
    title: str = ""
    published_at: dt.datetime | None = None
    lang: str = ""

    def __post_init__(self) -> None:
        self.text = self.text.strip()[:MAX_TEXT_CHARS]
        self.title = " ".join((self.title or "").split())[:MAX_TITLE_CHARS]
        self.url = (self.url or "").strip()


def parse_date(value: object) -> dt.datetime | None:
    """An aware datetime from an ISO 8601 or RFC 2822 string (UTC when no zone is given)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    parsed: dt.datetime | None
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)


def read_capped(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, refused before reading when larger than ``max_bytes``."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IntakeError(f"{path}: not a file")
        if size > max_bytes:
            raise IntakeError(f"{path}: {size} bytes is more than the {max_bytes} bytes allowed")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IntakeError(f"{path}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # the file grew while being read
        raise IntakeError(f"{path}: more than the {max_bytes} bytes allowed")
    return data


def decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IntakeError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def capped(articles: list[RawArticle], where: str, max_articles: int = MAX_ARTICLES) -> list[RawArticle]:
    if len(articles) > max_articles:
        raise IntakeError(f"{where}: {len(articles)} articles is more than the {max_articles} allowed in one file")
    return [a for a in articles if a.text]
