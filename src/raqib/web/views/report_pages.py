"""The mission's reports: the list, a new draft, the preview, the workflow, the files; and the
public page of published public summaries."""

from __future__ import annotations

from typing import Any

from csp.decorators import csp_update
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from raqib.core import access
from raqib.core.errors import NotFound, RaqibError
from raqib.reports import services
from raqib.reports.models import Report
from raqib.web.decorators import STAFF, action, roles, signed_in
from raqib.web.forms.report_pages import NewReportForm, ReportMoveForm
from raqib.web.views.common import done, lang

MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8", "manifest": "application/json"}


def visible_reports(user: Any) -> QuerySet[Report]:
    return access.visible(Report.objects.all(), user)


@roles(STAFF)
def report_list(request: HttpRequest) -> HttpResponse:
    reports = visible_reports(request.user).select_related("drafted_by")
    return render(request, "web/report_pages/list.html", {
        "reports": reports[:200], "may_draft": access.can(request.user, "report.draft")})


@action("report.draft")
def report_new(request: HttpRequest) -> HttpResponse:
    form = NewReportForm(request.POST or None, initial={"lang": lang(), "kind": "daily"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.create_report(data["kind"], data["period_start"], data["period_end"], data["lang"],
                                            request.user)
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("The draft %(ref)s was created.") % {"ref": report.reference},
                        reverse("web:report", args=[report.pk]))
    return render(request, "web/report_pages/new.html", {"form": form}, status=400 if form.errors else 200)


def _detail(request: HttpRequest, report: Report, form: ReportMoveForm | None, status: int = 200) -> HttpResponse:
    moves = services.allowed_moves(report, request.user)
    return render(request, "web/report_pages/detail.html", {
        "report": report, "form": form or (ReportMoveForm(states=moves) if moves else None),
        "staff": access.role_of(request.user) in STAFF,
    }, status=status)


@signed_in
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(visible_reports(request.user).select_related("drafted_by", "reviewed_by",
                                                                            "approved_by"), pk=pk)
    return _detail(request, report, None)


@require_POST
@roles(STAFF)
def report_move(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(visible_reports(request.user), pk=pk)
    moves = services.allowed_moves(report, request.user)
    if not moves:
        raise PermissionDenied
    form = ReportMoveForm(request.POST, states=moves)
    if form.is_valid():
        try:
            services.transition(report, form.cleaned_data["state"], request.user, form.cleaned_data["note"])
        except RaqibError as exc:
            form.add_error(None, exc.message)
        else:
            return done(request, _("The report is now “%(state)s”.") % {"state": report.get_state_display()},
                        reverse("web:report", args=[pk]))
    return _detail(request, report, form, status=400)


# The report is a document of its own with its inline style sheet (and no script).
@csp_update({"style-src": ["'unsafe-inline'"]})  # type: ignore[arg-type]
@signed_in
def report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = get_object_or_404(visible_reports(request.user), pk=pk)
    if fmt not in MEDIA:
        raise Http404
    try:
        data = services.content(report, fmt)
    except NotFound as exc:
        raise Http404(exc.message) from None
    response = HttpResponse(data, content_type=MEDIA[fmt])
    name = report.filename(fmt) if fmt != "manifest" else report.filename("pdf") + ".manifest.json"
    disposition = "inline" if fmt == "html" and "download" not in request.GET else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@signed_in
def public_reports(request: HttpRequest) -> HttpResponse:
    reports = visible_reports(request.user).filter(kind="public", state="published").order_by("-period_end", "-pk")
    return render(request, "web/report_pages/public.html", {"reports": reports[:200]})
