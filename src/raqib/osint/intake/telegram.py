"""Telegram channel exports (Telegram Desktop's ``result.json``): one article per message.

A message's ``text`` is a string or a list of plain strings and entities (``{"type": "bold",
"text": ...}``); its address ``https://t.me/<username>/<id>`` is built when the username is
known (from the export, or from the news source's ``https://t.me/<username>`` address).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from raqib.osint.intake import MAX_ARTICLES, IntakeError, RawArticle, capped, parse_date

_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


def is_export(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("messages"), list)


def username_from(url: str) -> str:
    """``channel`` from ``https://t.me/channel`` (or ``t.me/s/channel``), else ""."""
    match = re.match(r"^https?://(?:www\.)?(?:t\.me|telegram\.me)/(?:s/)?([^/?#]+)/?$", url.strip())
    return match.group(1) if match and _USERNAME.match(match.group(1)) else ""


def message_text(text: Any) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) if isinstance(p, dict) else ""
                       for p in text)
    return ""


def _when(message: dict[str, Any]) -> dt.datetime | None:
    # date_unixtime is exact; date is the exporter's local time without a zone.
    stamp = message.get("date_unixtime")
    if isinstance(stamp, (str, int)) and str(stamp).isdigit():
        try:
            return dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC)
        except (OverflowError, ValueError, OSError):
            pass
    return parse_date(message.get("date"))


def parse_export(data: dict[str, Any], where: str, username: str = "",
                 max_articles: int = MAX_ARTICLES) -> list[RawArticle]:
    messages = data["messages"]
    if len(messages) > max_articles:
        raise IntakeError(f"{where}: {len(messages)} messages is more than the {max_articles} allowed")
    found = str(data.get("username") or "").lstrip("@")
    username = found if _USERNAME.match(found) else username
    channel = str(data.get("name") or "")
    out = []
    for message in messages:
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            continue
        text = message_text(message.get("text"))
        ident = message.get("id")
        url = f"https://t.me/{username}/{ident}" if username and isinstance(ident, int) else ""
        out.append(RawArticle(text=text, url=url, title=channel, published_at=_when(message)))
    return capped(out, where, max_articles)
