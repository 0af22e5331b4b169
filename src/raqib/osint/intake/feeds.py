"""RSS and Atom feeds, parsed by feedparser after defusedxml has checked them.

feedparser sanitises the HTML it returns and does not resolve external entities, but it falls
back to a lenient parser on malformed XML; so a feed declaring any entity (a "billion laughs"
bomb, an external entity reading a local file) is refused before either parser runs.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
from typing import Any

import feedparser  # type: ignore[import-untyped]
from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import ParseError, fromstring  # type: ignore[import-untyped]

from raqib.osint.extract.loader import html_article
from raqib.osint.intake import MAX_ARTICLES, IntakeError, RawArticle, capped

_ENTITY = re.compile(rb"<!ENTITY", re.I)


def check_xml(data: bytes, where: str) -> None:
    """Refuse XML that declares entities or refers to external ones, without expanding them."""
    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise IntakeError(f"{where}: refused, the feed declares XML entities ({type(exc).__name__})") from None
    except ParseError:
        # Malformed: feedparser's lenient parser may still read it, but not with entities.
        if _ENTITY.search(data):
            raise IntakeError(f"{where}: refused, the feed declares XML entities") from None


def _when(entry: Any) -> dt.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _text(entry: Any) -> str:
    content = entry.get("content") or []
    markup = content[0].get("value", "") if content else entry.get("summary", "")
    return str(html_article(str(markup))["text"])


def parse_feed(data: bytes, where: str, max_articles: int = MAX_ARTICLES) -> list[RawArticle]:
    """The entries of an RSS or Atom document as articles (their summary or content as text)."""
    check_xml(data, where)
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    entries = parsed.get("entries") or []
    if not entries and parsed.get("bozo"):
        raise IntakeError(f"{where}: not an RSS or Atom feed ({parsed.get('bozo_exception')})")
    if len(entries) > max_articles:
        raise IntakeError(f"{where}: {len(entries)} entries is more than the {max_articles} allowed")
    language = str(parsed.get("feed", {}).get("language") or "")[:2].lower()
    return capped([RawArticle(text=_text(e), url=str(e.get("link") or ""), title=str(e.get("title") or ""),
                              published_at=_when(e), lang=language if language in ("ar", "en") else "")
                   for e in entries], where, max_articles)
