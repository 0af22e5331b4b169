"""Field forms for phones (OpenRosa): the forms published, what phones sent, the CSV export; the
chief publishes XLSForms."""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from raqib.core import access
from raqib.core.errors import RaqibError
from raqib.openrosa.models import XForm
from raqib.openrosa.services import export_csv, submissions_of, upload_xlsform
from raqib.web.decorators import STAFF, action, roles
from raqib.web.forms.fieldforms import XLSFormUploadForm
from raqib.web.views.common import done


@roles(STAFF)
def form_list(request: HttpRequest) -> HttpResponse:
    forms = (access.visible(XForm.objects.all(), request.user)
             .annotate(n=Count("submissions", filter=Q(submissions__superseded_by__isnull=True)))
             .order_by("-active", "form_id", "-uploaded_at"))
    return render(request, "web/fieldforms/list.html", {
        "forms": forms, "may_upload": access.can(request.user, "xform.manage"),
        "server": request.build_absolute_uri(reverse("openrosa:form_list")).removesuffix("/formList"),
    })


@action("xform.manage")
def upload(request: HttpRequest) -> HttpResponse:
    form = XLSFormUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            result = upload_xlsform(file.name or "form.xlsx", file.read(settings.RAQIB_XLSFORM_MAX_BYTES + 1),
                                    request.user)
        except RaqibError as exc:
            form.add_error("file", exc.message)
        else:
            for warning in result.warnings:
                messages.warning(request, warning)
            xform = result.xform
            text = (_("Form “%(id)s” version “%(v)s” is published to the phones.") if result.created
                    else _("Form “%(id)s” version “%(v)s” was already published: nothing changed."))
            return done(request, text % {"id": xform.form_id, "v": xform.version or "—"}, reverse("web:fieldforms"))
    return render(request, "web/fieldforms/upload.html", {"form": form}, status=400 if form.errors else 200)


def _form_or_404(request: HttpRequest, form_id: str) -> XForm:
    xform = access.visible(XForm.objects.filter(form_id=form_id), request.user).order_by("-active", "-uploaded_at").first()
    if xform is None:
        raise Http404
    return xform


@roles(STAFF)
def submissions(request: HttpRequest, form_id: str) -> HttpResponse:
    xform = _form_or_404(request, form_id)
    rows = submissions_of(form_id, request.user).order_by("-received_at", "-pk").annotate(n_files=Count("attachments"))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "web/fieldforms/submissions.html", {"xform": xform, "page": page})


@roles(STAFF)
def export(request: HttpRequest, form_id: str) -> HttpResponse:
    _form_or_404(request, form_id)
    out = io.StringIO()
    export_csv(form_id, out, request.user, all_versions=request.GET.get("all") == "1")
    response = HttpResponse(out.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{form_id}.csv"'
    return response
