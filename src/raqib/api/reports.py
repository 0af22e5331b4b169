"""``/reports``: the mission's reports, as the report pages offer them: the list, one report, its
files (PDF, HTML and, once published, the signed manifest), a new draft, and the workflow.

The staff see every report; liaison officers and the public, the published public summaries only
(:func:`raqib.core.access.visible`). Who may draft and move a report is
:mod:`raqib.reports.services`' to say, as it is for the pages.
"""

from __future__ import annotations

import io
from typing import Any, BinaryIO

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router

from raqib.api.auth import actor, is_staff
from raqib.api.lookups import get_visible, readable
from raqib.api.pagination import page
from raqib.api.schemas.reports import (ReportDetail, ReportFilters, ReportIn, ReportPage, ReportTransitionIn,
                                       report_out)
from raqib.core.errors import Invalid, NotFound
from raqib.incidents import store as blobs
from raqib.reports import services
from raqib.reports.models import Report

router = Router(tags=["reports"])
ORDER = ("-created_at", "-id")  # the newest first
MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8", "manifest": "application/json"}
# A report's HTML is a document of its own (inline style, embedded images, no script): whoever
# opens the download in a browser gets it sandboxed.
FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"

FILE_RESPONSES = {
    "responses": {
        200: {
            "description": "The file, as an attachment: the stored one once the report is published, else "
                           "rendered now from the data.",
            "content": {
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "text/html": {"schema": {"type": "string"}},
                "application/json": {"schema": {"type": "object"}},
            },
        },
    },
}


def reports() -> QuerySet[Report]:
    return Report.objects.select_related("drafted_by", "reviewed_by", "approved_by")


def _digest(report: Report, name: str) -> str:
    return {"pdf": report.pdf_sha256, "html": report.html_sha256, "manifest": report.manifest_sha256}[name]


def _filename(report: Report, name: str) -> str:
    return report.filename(name) if name != "manifest" else report.filename("pdf") + ".manifest.json"


def _files(report: Report, *, manifest_size: bool = False) -> list[dict[str, Any]]:
    """The report's files; the manifest's size (not kept on the report) is asked of the store
    only when ``manifest_size``."""
    names = ["pdf", "html"] + (["manifest"] if report.frozen and report.manifest_sha256 else [])
    sizes: dict[str, int | None] = {"pdf": report.pdf_size, "html": report.html_size, "manifest": None}
    if "manifest" in names and manifest_size:
        try:
            sizes["manifest"] = blobs.size(report.manifest_sha256)
        except (OSError, ValueError):
            pass
    return [{"name": name, "filename": _filename(report, name), "media_type": MEDIA[name],
             "sha256": (_digest(report, name) or None) if report.frozen else None,
             "size": sizes[name] if report.frozen else None,
             "url": reverse("api:report-file", kwargs={"report_id": report.pk, "name": name})} for name in names]


def _detail(report: Report, user: Any) -> dict[str, Any]:
    out = report_out(report, staff=is_staff(user), files=_files(report, manifest_size=True))
    out["moves"] = services.allowed_moves(report, user)
    return out


@router.get("", response=ReportPage, summary="List reports")
def list_reports(request: HttpRequest, filters: Query[ReportFilters]) -> dict[str, Any]:
    """The newest first. The staff see every report; liaison officers and the public, the
    published public summaries."""
    user = actor(request)
    qs = readable(reports(), user)
    if filters.kind:
        if filters.kind not in Report.Kind.values:
            raise Invalid(_("Unknown kind of report “%(k)s”.") % {"k": filters.kind})
        qs = qs.filter(kind=filters.kind)
    if filters.state:
        if filters.state not in Report.State.values:
            raise Invalid(_("Unknown report state “%(s)s”.") % {"s": filters.state})
        qs = qs.filter(state=filters.state)
    rows, after = page(qs, ORDER, filters.cursor, filters.limit)
    staff = is_staff(user)
    return {"items": [report_out(r, staff=staff, files=_files(r)) for r in rows], "next": after}


@router.post("", response={201: ReportDetail}, summary="Draft a report")
def create(request: HttpRequest, payload: ReportIn) -> dict[str, Any]:
    """A new draft (verifiers and the chief), as the page makes it: a daily report covers
    ``period_start``; without ``period_end`` any report covers one day. Nothing is rendered
    until a file is asked for."""
    user = actor(request)
    end = payload.period_start if payload.kind == "daily" or payload.period_end is None else payload.period_end
    report = services.create_report(payload.kind, payload.period_start, end, payload.lang, user)
    return _detail(get_visible(reports(), user, pk=report.pk), user)


@router.get("/{int:report_id}", response=ReportDetail, summary="Read a report")
def read(request: HttpRequest, report_id: int) -> dict[str, Any]:
    user = actor(request)
    return _detail(get_visible(reports(), user, pk=report_id), user)


@router.get("/{int:report_id}/files/{name}", url_name="report-file", summary="Download a report's file",
            openapi_extra=FILE_RESPONSES)
def read_file(request: HttpRequest, report_id: int, name: str) -> FileResponse:
    """``name``: ``pdf``, ``html``, or ``manifest`` (the signed manifest of a published report).
    A published report's file is streamed from the store as it was issued (its SHA-256 is the
    report's); any other is rendered now from the data, as its page does."""
    report = get_visible(Report.objects.all(), actor(request), pk=report_id)
    if name not in MEDIA:
        raise Http404
    body: BinaryIO = _stored(report, name) if report.frozen else io.BytesIO(services.content(report, name))
    response = FileResponse(body, content_type=MEDIA[name], as_attachment=True, filename=_filename(report, name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_POLICY
    return response


def _stored(report: Report, name: str) -> BinaryIO:
    """The issued file, open for streaming (what :func:`raqib.reports.services.content` reads whole)."""
    missing = NotFound(_("The file of this published report is missing from the report store."))
    digest = _digest(report, name)
    if not digest:
        raise missing
    try:
        return blobs.open_blob(digest)
    except (FileNotFoundError, ValueError):
        raise missing from None


@router.post("/{int:report_id}/transition", response=ReportDetail, summary="Move a report in its workflow")
def transition(request: HttpRequest, report_id: int, payload: ReportTransitionIn) -> dict[str, Any]:
    """``{"state": "reviewed", "note": "…"}``. Verifiers and the chief review (not their own draft)
    and send a reviewed report back; the chief approves, publishes, withholds, sends an approved
    report back and takes a withheld one up again (403 otherwise); any other move is a 409.
    Publishing renders the report one last time and freezes it."""
    # Not raqib.api.transitions.transitioned: the role a move needs depends on the move, the
    # report's state and who drafted it, which the service checks (as it does for the page).
    user = actor(request)
    report = get_visible(reports(), user, pk=report_id)
    services.transition(report, payload.state, user, note=payload.note)
    return _detail(get_visible(reports(), user, pk=report_id), user)
