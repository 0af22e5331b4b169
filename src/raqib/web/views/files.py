"""Files Raqib serves itself: evidence (to those who may see it) and the static assets."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control

from raqib.core import access
from raqib.incidents import store
from raqib.incidents.models import Evidence
from raqib.web.decorators import STAFF, roles

SHOWN_INLINE = ("image/jpeg", "image/png", "image/gif", "image/webp")


@roles(STAFF)
@cache_control(private=True, max_age=86400)
def evidence_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    evidence = get_object_or_404(access.visible(Evidence.objects.all(), request.user), pk=pk)
    try:
        blob = store.open_blob(evidence.sha256)
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    inline = evidence.media_type in SHOWN_INLINE
    response = FileResponse(blob, content_type=evidence.media_type if inline else "application/octet-stream",
                            as_attachment=not inline, filename=evidence.original_name or evidence.sha256)
    # A stored file is never a page: no script runs in it, whatever it holds.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
