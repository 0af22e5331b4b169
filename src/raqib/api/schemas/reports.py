"""The mission's reports: the list, one report with its files, a new draft, a move in the workflow."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from django.utils.translation import gettext as _
from pydantic import BeforeValidator, Field, StringConstraints

from raqib.api.schemas.common import EARLIEST, LATEST, Input, Key, Output, PageQuery, Short
from raqib.reports.models import Report

DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day(value: Any) -> Any:
    """A calendar day written YYYY-MM-DD, within the years any record may carry (a report of the
    year 1 or 9999 would overflow the period's bounds)."""
    message = _("must be a date written YYYY-MM-DD, e.g. 2021-01-10")
    if not isinstance(value, str) or not DAY.fullmatch(value):
        raise ValueError(message)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(message) from None
    if not EARLIEST <= day.year <= LATEST:
        raise ValueError(_("must be between the years %(a)d and %(b)d") % {"a": EARLIEST, "b": LATEST})
    return day


Day = Annotated[dt.date, BeforeValidator(_day)]
Note = Annotated[str, StringConstraints(max_length=500)]


class ReportFilters(PageQuery):
    kind: Short | None = Field(None, description="daily, periodic or public.")
    state: Short | None = Field(None, description="draft, reviewed, approved, published or withheld.")


class ReportIn(Input):
    kind: Key = Field(description="daily, periodic or public.")
    period_start: Day = Field(description="The first day (the day of a daily report), mission local time.")
    period_end: Day | None = Field(None, description="The last day, included; a daily report covers "
                                                     "period_start only, and without it the period is one day.")
    lang: Key = Field(description="ar or en.")


class ReportTransitionIn(Input):
    state: Key
    note: Note = ""


class ReportFileOut(Output):
    name: str = Field(description="pdf, html or manifest: the last part of the file's address.")
    filename: str
    media_type: str
    sha256: str | None = Field(description="Of the stored file once published; null while the report is "
                                           "drawn afresh from the data each time.")
    size: int | None
    url: str


class ReportOut(Output):
    id: int
    reference: str
    kind: str
    period_start: dt.date
    period_end: dt.date
    lang: str
    state: str
    next_states: list[str] = Field(description="The moves the workflow allows from this state (whoever makes "
                                               "them).")
    frozen: bool = Field(description="Published: the files are those issued, never rendered again.")
    signed: bool = Field(description="A signed manifest of the published files is kept.")
    drafted_by: str | None = Field(description="Who drafted, reviewed and approved it: shown to the staff only.")
    reviewed_by: str | None
    approved_by: str | None
    created_at: dt.datetime
    published_at: dt.datetime | None
    files: list[ReportFileOut]


class ReportDetail(ReportOut):
    moves: list[str] = Field(description="The moves the caller may make now.")


class ReportPage(Output):
    items: list[ReportOut]
    next: str | None


def report_out(r: Report, *, staff: bool, files: list[dict[str, Any]]) -> dict[str, Any]:
    def who(user: Any) -> str | None:
        return user.get_username() if staff and user is not None else None

    return {
        "id": r.pk, "reference": r.reference, "kind": r.kind, "period_start": r.period_start,
        "period_end": r.period_end, "lang": r.lang, "state": r.state,
        "next_states": list(Report.TRANSITIONS.get(r.state, ())), "frozen": r.frozen,
        "signed": r.frozen and bool(r.manifest_sha256), "drafted_by": who(r.drafted_by),
        "reviewed_by": who(r.reviewed_by), "approved_by": who(r.approved_by), "created_at": r.created_at,
        "published_at": r.published_at, "files": files,
    }
