"""An article page's main text, title and date, by trafilatura (menus, comments and footers
left out); the standard library's tag stripper when trafilatura finds no main text."""

from __future__ import annotations

import logging

from raqib.osint.extract.loader import html_article
from raqib.osint.intake import RawArticle, parse_date

# trafilatura logs every page it finds too short at WARNING: not the operator's concern.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def parse_html(markup: bytes | str, url: str = "") -> RawArticle:
    import trafilatura  # its import is slow (lxml, dateparser): only when a page is read
    from trafilatura.utils import decode_file

    text = decode_file(markup)  # the page's declared or detected encoding (windows-1256 too)
    doc = trafilatura.bare_extraction(text, url=url or None, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_precision=True)
    fallback = html_article(text)
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        return RawArticle(text=str(fallback["text"]), url=url, title=str(fallback["title"] or ""),
                          published_at=parse_date(fallback["date"]))
    published = parse_date(fallback["date"]) or parse_date(doc.date)
    title = str(doc.title or fallback["title"] or "")
    return RawArticle(text=str(doc.text), url=url or str(doc.url or ""), title=title, published_at=published)
