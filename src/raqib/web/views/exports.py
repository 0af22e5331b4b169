"""Exports (a form that downloads the file, streamed) and the About page (the mission's public
signing key and how to check a signed file)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from raqib.core.errors import RaqibError
from raqib.exports.filters import parse_filters
from raqib.exports.services import prepare
from raqib.integrity import mission_public_key
from raqib.web.decorators import action
from raqib.web.forms.exports import ExportForm


@action("export.incidents")
def export_page(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The form; submitted (GET with a format), the export itself."""
    language = (get_language() or "en")[:2]
    if "format" not in request.GET:
        return render(request, "web/exports/export.html", {"form": ExportForm(user=request.user, language=language)})
    form = ExportForm(request.GET, user=request.user, language=language)
    if not form.is_valid():
        return render(request, "web/exports/export.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        filters = parse_filters(since=data["since"].isoformat() if data["since"] else None,
                                until=data["until"].isoformat() if data["until"] else None,
                                zone=data["zone"] or None, category=data["category"] or None,
                                state=data["state"] or None)
        prepared = prepare(data["format"], request.user, filters)
    except RaqibError as exc:
        form.add_error(None, exc.message)
        return render(request, "web/exports/export.html", {"form": form}, status=exc.status)
    response = StreamingHttpResponse(prepared.chunks(), content_type=prepared.format.media_type)
    response["Content-Disposition"] = f'attachment; filename="{prepared.filename}"'
    return response


def about(request: HttpRequest) -> HttpResponse:
    """Public, also signed out: anyone holding a file from the mission checks it against this key."""
    return render(request, "web/about/about.html", {"key": mission_public_key(create=True)})
