"""OpenRosa endpoints: the form list, a form, its manifest and media, and submissions. The
protocol plumbing (headers, authentication, errors) is in ``protocol.openrosa``."""

from __future__ import annotations

import io
from typing import BinaryIO, cast
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.core.handlers.wsgi import LimitedStream
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raqib.core import access
from raqib.core.errors import Invalid, NotFound
from raqib.incidents import store
from raqib.openrosa import services
from raqib.openrosa.models import MediaFile, XForm
from raqib.openrosa.protocol import accept_length, message, openrosa, xml_response

FORMS_NS = "http://openrosa.org/xforms/xformsList"
MANIFEST_NS = "http://openrosa.org/xforms/xformsManifest"


def _flag(request: HttpRequest, name: str) -> bool:
    return request.GET.get(name, "").strip().lower() in ("true", "1", "yes")


def _form(request: HttpRequest, pk: int) -> XForm:
    xform = access.visible(XForm.objects.all(), request.user).filter(pk=pk).first()
    if xform is None:
        raise NotFound(_("No such form."))
    return xform


@openrosa
@require_GET
def form_list(request: HttpRequest) -> HttpResponse:
    verbose = _flag(request, "verbose")
    forms = services.listed_forms(request.user, form_id=request.GET.get("formID", "").strip(),
                                  all_versions=_flag(request, "listAllVersions"))
    with_media = set(MediaFile.objects.filter(xform__in=forms).values_list("xform_id", flat=True))
    root = ET.Element("xforms", xmlns=FORMS_NS)
    for xform in forms:
        el = ET.SubElement(root, "xform")
        for tag, text in (("formID", xform.form_id), ("name", xform.title), ("version", xform.version),
                          ("hash", "md5:" + xform.md5)):
            ET.SubElement(el, tag).text = text
        if verbose:
            ET.SubElement(el, "descriptionText").text = xform.title
        ET.SubElement(el, "downloadUrl").text = request.build_absolute_uri(reverse("openrosa:form_xml", args=[xform.pk]))
        if xform.pk in with_media:
            ET.SubElement(el, "manifestUrl").text = request.build_absolute_uri(
                reverse("openrosa:manifest", args=[xform.pk]))
    return xml_response(root)


@openrosa
@require_GET
def form_xml(request: HttpRequest, pk: int) -> HttpResponse:
    xform = _form(request, pk)
    response = HttpResponse(xform.xml.encode("utf-8"), content_type="text/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{xform.form_id}.xml"'
    return response


@openrosa
@require_GET
def manifest(request: HttpRequest, pk: int) -> HttpResponse:
    xform = _form(request, pk)
    root = ET.Element("manifest", xmlns=MANIFEST_NS)
    for media in xform.media.order_by("name"):
        el = ET.SubElement(root, "mediaFile")
        ET.SubElement(el, "filename").text = media.name
        ET.SubElement(el, "hash").text = "md5:" + media.md5
        ET.SubElement(el, "downloadUrl").text = request.build_absolute_uri(
            reverse("openrosa:media", args=[xform.pk, media.name]))
    return xml_response(root)


@openrosa
@require_GET
def media_file(request: HttpRequest, pk: int, name: str) -> HttpResponseBase:
    media = _form(request, pk).media.filter(name=name).first()
    if media is None or not store.exists(media.sha256):
        raise NotFound(_("No such media file."))
    return FileResponse(store.open_blob(media.sha256), content_type=media.content_type, as_attachment=True,
                        filename=media.name)


@openrosa
@require_http_methods(["HEAD", "POST"])
def submission(request: HttpRequest) -> HttpResponseBase:
    if request.method == "HEAD":
        return accept_length(HttpResponse(status=204))
    _dechunk(request)
    if not (request.content_type or "").startswith("multipart/form-data"):
        raise Invalid(_("A submission is sent as multipart/form-data."))
    try:
        files = request.FILES
    except RequestDataTooBig:
        raise services.TooLarge(_("The submission is larger than the limit.")) from None
    except (MultiPartParserError, TooManyFilesSent) as exc:
        raise Invalid(_("The multipart body cannot be read: %(error)s") % {"error": exc}) from None
    xml_part = files.get("xml_submission_file")
    if xml_part is not None:
        xml = xml_part.read(settings.RAQIB_OPENROSA_MAX_XML_BYTES + 1)
    elif "xml_submission_file" in request.POST:
        xml = request.POST["xml_submission_file"].encode("utf-8")
    else:
        raise Invalid(_("The submission has no xml_submission_file part."))
    attachments = [services.Attachment(upload.name or field, cast(BinaryIO, upload), upload.content_type or "")
                   for field, uploads in files.lists() if field != "xml_submission_file" for upload in uploads]
    received = services.receive(xml, attachments, request.user, device_id=request.GET.get("deviceID", ""))
    text = (_("Your submission was received.") if received.created
            else _("This submission was already received; %(n)d new attachments were added.") % {"n": len(received.added)})
    return accept_length(message(text, 201, "submit_success"))


def _dechunk(request: HttpRequest) -> None:
    """Refuse a body over the limit before reading it, and read a chunked body the server did not
    de-chunk. waitress (``raqib serve``) de-chunks and sets Content-Length itself; a server that
    passes a chunked body through (gunicorn sets ``wsgi.input_terminated``) leaves Django with no
    Content-Length, so the body is read here, up to the limit."""
    limit = settings.RAQIB_OPENROSA_MAX_BYTES
    length = request.META.get("CONTENT_LENGTH") or ""
    if length.isdigit():
        if int(length) > limit:
            raise services.TooLarge(_("The submission is larger than the limit of %(n)d bytes.") % {"n": limit})
        return
    chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
    if chunked and request.META.get("wsgi.input_terminated"):
        body = request.META["wsgi.input"].read(limit + 1)
        if len(body) > limit:
            raise services.TooLarge(_("The submission is larger than the limit of %(n)d bytes.") % {"n": limit})
        request.META["CONTENT_LENGTH"] = str(len(body))
        request._stream = LimitedStream(io.BytesIO(body), len(body))  # type: ignore[assignment]


@openrosa
def not_found(request: HttpRequest) -> HttpResponse:
    return message(_("Nothing here: point the phone at https://HOST/openrosa."), 404)
