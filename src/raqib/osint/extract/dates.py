"""Dates in a sentence, resolved against the article's publication date.

Understood (on :func:`~raqib.osint.extract.textnorm.normalize`-d text): absolute dates in English
("23 October 2020", "Oct. 23", "October 23, 2020", "2020-10-23", "23/10/2020") and Arabic with
either month series ("23 أكتوبر 2020", "23 تشرين الأول", "23 أكتوبر/ تشرين الأول"); weekdays
("on Tuesday", "يوم الخميس", "الأربعاء الفائت"): the most recent such day on or before
publication ("last"/"الماضي" when it is the publication weekday: a week before); relative days
(أمس / yesterday, أول أمس, اليوم / today, "last week" / الأسبوع الماضي = 7 days before).

A date without a year takes the year that puts it no later than 31 days after publication.
Without a publication date only dates with a year resolve. Dates after "since"/"منذ", the
ends of ranges ("من 22 مايو إلى 10 يونيو") and an agreement's date ("the ceasefire signed on
23 October") are not event dates and are skipped.
"""

from __future__ import annotations

import datetime as dt
import re

from raqib.osint.extract.textnorm import fold

_MONTHS_SRC = {
    1: "january jan يناير كانون_الثاني جانفي",
    2: "february feb فبراير شباط فيفري",
    3: "march mar مارس آذار",
    4: "april apr أبريل إبريل ابريل نيسان أفريل",
    5: "may مايو أيار ماي",
    6: "june jun يونيو يونيه حزيران جوان",
    7: "july jul يوليو يوليه تموز جويلية",
    8: "august aug أغسطس اغسطس آب أوت",
    9: "september sep sept سبتمبر أيلول",
    10: "october oct أكتوبر اكتوبر تشرين_الأول",
    11: "november nov نوفمبر تشرين_الثاني",
    12: "december dec ديسمبر كانون_الأول",
}
MONTHS: dict[str, int] = {fold(w): n for n, words in _MONTHS_SRC.items() for w in words.split()}
_MONTH = "(?:" + "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in sorted(MONTHS, key=len, reverse=True)) + ")"
_WEEKDAYS_SRC = {0: "monday الاثنين الإثنين", 1: "tuesday الثلاثاء", 2: "wednesday الأربعاء",
                 3: "thursday الخميس", 4: "friday الجمعة", 5: "saturday السبت", 6: "sunday الأحد"}
WEEKDAYS: dict[str, int] = {fold(w): n for n, words in _WEEKDAYS_SRC.items() for w in words.split()}
_WEEKDAY = "(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + ")"

_B, _E = r"(?<![\w/])", r"(?![\w/])"
_ABS = re.compile("|".join([
    _B + rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+|من\s+)?(?:شهر\s+)?(?P<m1>{_MONTH})(?!\w)"
    rf"(?:\s*/\s*{_MONTH})?(?:\s+(?:عام\s+|سنة\s+)?(?P<y1>\d{{4}}))?",
    _B + rf"(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?P<y2>\d{{4}}))?" + _E,
    _B + r"(?P<y3>(?:19|20)\d{2})\s(?P<m3>\d{1,2})\s(?P<d3>\d{1,2})" + _E,
    _B + r"(?P<d4>\d{1,2})/(?P<m4>\d{1,2})/(?P<y4>\d{4})" + _E,
]))
_DAY = re.compile(
    rf"(?<!\S)(?P<pre>(?:on|last|next|يوم|صباح|مساء|ليلة|فجر|ظهر)\s+)?[وفب]?(?P<wd>{_WEEKDAY})"
    r"(?P<post>\s+(?:الماضي|الماضية|الفائت|الفائتة|المنصرم|المقبل|المقبلة|القادم|القادمة))?(?!\S)")
_RELATIVE = [
    (re.compile(r"(?<!\S)(?:the day before yesterday|اول امس|امس الاول)(?!\S)"), -2),
    (re.compile(r"(?<!\S)(?:yesterday|last night|[وف]?(?:ال)?امس|(?:ال)?ليله الماضيه)(?!\S)"), -1),
    (re.compile(r"(?<!\S)(?:today|this morning|tonight|[وف]?اليوم)(?!\S)"), 0),
    (re.compile(r"(?<!\S)(?:last week|[وف]?(?:ال)?اسبوع الماضي)(?!\S)"), -7),
]
_SINCE = re.compile(r"(?:since|منذ|from|من|between|بين)\s+$")
_RANGE_END = re.compile(r"^\s+(?:to|until|and|الى|الي|حتي|و)\s*\d")
_TO = re.compile(r"(?:to|until|الى|الي|حتي)\s+$")
# "the ceasefire signed on 23 October", "اتفاق ceasefire الموقع في 23 أكتوبر": the agreement's date.
_AGREEMENT = re.compile(r"(?:ceasefire|truce|agreement|accord|signed|اتفاق\S*|هدنه|الموقع|الموقعه)\s+(?:\S+\s+){0,3}$")


def parse_iso(value: object) -> dt.date | None:
    """A publication date from an article's ``date`` field (ISO date or datetime), or None."""
    if not value or not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _year_for(month: int, day: int, pub: dt.date) -> dt.date | None:
    for year in (pub.year + 1, pub.year, pub.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= pub + dt.timedelta(days=31):
            return candidate
    return None


def _absolute(m: re.Match[str], pub: dt.date | None) -> dt.date | None:
    g = m.groupdict()
    if g["d1"] or g["d2"]:
        day, month = int(g["d1"] or g["d2"]), MONTHS[re.sub(r"\s+", " ", g["m1"] or g["m2"])]
        year = g["y1"] or g["y2"]
    else:
        day, month, year = int(g["d3"] or g["d4"]), int(g["m3"] or g["m4"]), g["y3"] or g["y4"]
    if year:
        try:
            return dt.date(int(year), month, day)
        except ValueError:
            return None
    return _year_for(month, day, pub) if pub else None


def _weekday(m: re.Match[str], pub: dt.date) -> dt.date | None:
    pre, post = (m.group("pre") or "").strip(), (m.group("post") or "").strip()
    if m.group("wd") == "الاثنين" and not (pre or post):
        return None  # also "the two"
    if pre == "next" or post.startswith(("المقبل", "القادم")):
        return None  # the future is no event date
    back = (pub.weekday() - WEEKDAYS[m.group("wd")]) % 7
    if back == 0 and (pre == "last" or post):
        back = 7
    return pub - dt.timedelta(days=back)


def find_dates(norm: str, pub: dt.date | None) -> list[tuple[int, dt.date]]:
    """(offset, date) of every date expression in ``norm`` that resolves, in order."""
    found: list[tuple[int, dt.date]] = []
    for m in _ABS.finditer(norm):
        before, after = norm[max(0, m.start() - 12):m.start()], norm[m.end():m.end() + 8]
        if _SINCE.search(before) or _RANGE_END.match(after) or _TO.search(before):
            continue
        if _AGREEMENT.search(norm[max(0, m.start() - 40):m.start()]):
            continue
        when = _absolute(m, pub)
        if when:
            found.append((m.start(), when))
    if pub is not None:
        for m in _DAY.finditer(norm):
            if (when := _weekday(m, pub)) is not None:
                found.append((m.start(), when))
        for pattern, days in _RELATIVE:
            for m in pattern.finditer(norm):
                found.append((m.start(), pub + dt.timedelta(days=days)))
    return sorted(found, key=lambda f: f[0])


def sentence_date(norm: str, pub: dt.date | None, near: int = 0) -> dt.date | None:
    """The date of the event told in a sentence: the date expression nearest to ``near`` (the
    offset of the event's trigger), or None."""
    found = find_dates(norm, pub)
    if not found:
        return None
    return min(found, key=lambda f: abs(f[0] - near))[1]
