"""Invented articles for the news-intake tests (never copied from real reports)."""

from __future__ import annotations

from raqib.osint.intake import RawArticle, parse_date

# Invented reports. The first two tell of the same shelling, in English and in Arabic.
SHELLING_EN = ("Residents of Sirte reported heavy shelling on Monday south of the city, despite the ceasefire "
               "signed in October. Officials in Tripoli called it a grave breach and asked the Joint Military "
               "Commission to investigate the incident without delay.")
SHELLING_AR = ("أفاد سكان في مدينة سرت بسماع قصف مدفعي عنيف جنوب المدينة يوم الإثنين، في خرق لاتفاق وقف إطلاق "
               "النار الموقع في جنيف، واتهمت حكومة الوفاق قوات حفتر بالمسؤولية.")
MINE_EN = ("A landmine left over from last year's fighting exploded in Ain Zara, south of Tripoli, on Saturday, "
           "killing one child and wounding two others, the Libyan Mine Action Centre said.")
OIL_EN = "Libya's oil output rose to 800,000 barrels per day, the National Oil Corporation said on Sunday."


def article(text: str, url: str = "", date: str | None = "2020-11-03T09:00:00+00:00", lang: str = "",
            title: str = "") -> RawArticle:
    return RawArticle(text=text, url=url, title=title, published_at=parse_date(date), lang=lang)
