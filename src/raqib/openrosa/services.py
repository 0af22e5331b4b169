"""The write path of field forms: uploading XLSForms, receiving submissions, exporting them.

Receiving follows what ODK Central and KoBo do, so a phone that retries never makes a second
record: the same instanceID with the same XML is the same submission (its attachments are
added, since a phone may split them over several requests); the same instanceID with other XML
is a conflict; ``meta/deprecatedID`` names the submission an edit replaces. Files reach the
evidence store (written and synced first, never overwritten) before the rows are written in one
transaction, and that transaction commits before the phone is answered.
"""

from __future__ import annotations

import csv
import hashlib
import io
import mimetypes
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, Any, BinaryIO, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from raqib.core import access, services
from raqib.core.errors import Conflict, Forbidden, Invalid, NotFound
from raqib.incidents import store
from raqib.openrosa import instance as instance_xml
from raqib.openrosa import xlsform
from raqib.openrosa.models import MediaFile, Submission, SubmissionAttachment, XForm


class TooLarge(Invalid):
    """More bytes than the limit (HTTP 413)."""

    status = 413


@dataclass
class Uploaded:
    xform: XForm
    created: bool
    warnings: list[str] = field(default_factory=list)


@dataclass
class Received:
    submission: Submission
    created: bool
    added: list[SubmissionAttachment] = field(default_factory=list)


@dataclass
class Attachment:
    """A file part of a submission request, as the face hands it over."""

    name: str
    stream: BinaryIO
    content_type: str = ""


def safe_name(name: str) -> str:
    """A file name without any directory part, as attachments are named in the instance."""
    base = PurePath(name.replace("\\", "/")).name.strip()
    if not base or base in (".", "..") or "\x00" in base:
        raise Invalid(_("An attachment has no usable file name."))
    return base[:255]


def _content_type(name: str, given: str = "") -> str:
    given = (given or "").split(";")[0].strip()
    if given and given != "application/octet-stream":
        return given[:100]
    return (mimetypes.guess_type(name)[0] or "application/octet-stream")[:100]


# --- forms ---------------------------------------------------------------------------------


def upload_xlsform(file_name: str, content: bytes, actor: Any, *, builtin: bool = False,
                   media: Sequence[tuple[str, bytes]] = ()) -> Uploaded:
    """Convert an XLSForm and publish it as the active version of its form id.

    Uploading the same form again changes nothing; a changed form needs a new ``version`` in its
    settings sheet (phones tell versions apart by it), or the upload is refused.
    """
    if not access.can(actor, "xform.manage"):
        raise Forbidden(_("Only the chief or an administrator may upload forms."))
    if len(content) > settings.RAQIB_XLSFORM_MAX_BYTES:
        raise TooLarge(_("The XLSForm is larger than the limit of %(n)d bytes.") % {"n": settings.RAQIB_XLSFORM_MAX_BYTES})
    converted = xlsform.convert(file_name, content)
    files = dict(converted.media)
    for name, data in media:
        files[safe_name(name)] = data
    digest, _size = store.put(io.BytesIO(content), max_bytes=settings.RAQIB_XLSFORM_MAX_BYTES)
    stored = {name: store.put(io.BytesIO(data), max_bytes=settings.RAQIB_OPENROSA_MAX_BYTES) for name, data in files.items()}
    with transaction.atomic():
        versions = XForm.objects.select_for_update().filter(form_id=converted.form_id)
        same = versions.filter(version=converted.version).first()
        if same is not None:
            if same.md5 != converted.md5 or _media_of(same) != {n: s for n, (s, _n) in stored.items()}:
                raise Conflict(_("Form “%(id)s” version “%(v)s” is already published with other content: give the "
                                 "changed form a new version in its settings sheet.")
                               % {"id": converted.form_id, "v": converted.version})
            if not same.active:
                _deactivate(versions, actor)
                services.update(same, actor, {"active": True})
            return Uploaded(same, False, converted.warnings)
        _deactivate(versions, actor)
        xform = services.create(XForm(
            form_id=converted.form_id, version=converted.version, title=converted.title[:255], xml=converted.xml,
            md5=converted.md5, xlsform_sha256=digest, xlsform_name=PurePath(file_name).name[:255],
            uploaded_by=actor, active=True, builtin=builtin, binary_paths=converted.binary_paths), actor)
        for name, (sha, size) in stored.items():
            services.create(MediaFile(xform=xform, name=name, sha256=sha, size=size,
                                      md5=hashlib.md5(files[name]).hexdigest(),  # noqa: S324 - the manifest's hash
                                      content_type=_content_type(name)), actor)
    return Uploaded(xform, True, converted.warnings)


def _media_of(xform: XForm) -> dict[str, str]:
    return dict(xform.media.values_list("name", "sha256"))


def _deactivate(versions: QuerySet[XForm], actor: Any) -> None:
    for old in versions.filter(active=True):
        services.update(old, actor, {"active": False})


def set_active(xform: XForm, active: bool, actor: Any) -> XForm:
    """Show or hide a form on the phones; a hidden form still takes the submissions phones hold."""
    if not access.can(actor, "xform.manage"):
        raise Forbidden(_("Only the chief or an administrator may manage forms."))
    with transaction.atomic():
        if active:
            _deactivate(XForm.objects.select_for_update().filter(form_id=xform.form_id).exclude(pk=xform.pk), actor)
        services.update(xform, actor, {"active": active})
    return xform


def listed_forms(user: Any, *, form_id: str = "", all_versions: bool = False) -> QuerySet[XForm]:
    qs = access.visible(XForm.objects.all(), user)
    if not all_versions:
        qs = qs.filter(active=True)
    if form_id:
        qs = qs.filter(form_id=form_id)
    return qs.order_by("form_id", "-uploaded_at")


# --- submissions ---------------------------------------------------------------------------


# Seconds a form version found by its (form id, version) is kept in the cache. What a submission
# uses of it (its primary key, ``binary_paths``, ``builtin``) never changes once it is published;
# the time limit only bounds how long a cache outlives a database that was replaced under it.
FORM_CACHE_SECONDS = 60


def _form_key(form_id: str, version: str) -> str:
    return "openrosa-form:" + hashlib.sha256(f"{form_id}\n{version}".encode()).hexdigest()


def _form_for(form_id: str, version: str, *, cached_ok: bool = True) -> XForm:
    """The form version a submission belongs to. A phone may hold submissions of an older or
    since-hidden version: they are still taken, never lost."""
    key = _form_key(form_id, version)
    cached: XForm | None = cache.get(key) if cached_ok else None
    if cached is not None:
        return cached
    # One query: a form has few versions. The XForm itself is not needed to store a submission.
    versions = list(XForm.objects.filter(form_id=form_id).defer("xml").order_by("-uploaded_at"))
    exact = next((x for x in versions if x.version == version), None)
    if exact is not None:
        # Only an exact version is kept: which version takes a submission of an unknown version
        # depends on which one is active, which may change at any time.
        cache.set(key, exact, timeout=FORM_CACHE_SECONDS)
        return exact
    chosen = next((x for x in versions if x.active), None) or (versions[0] if versions else None)
    if chosen is None:
        raise NotFound(_("There is no form with the id “%(id)s” on this server.") % {"id": form_id})
    return chosen


def receive(xml: bytes, attachments: Sequence[Attachment], actor: Any, *, device_id: str = "") -> Received:
    """Store one submission request; see the module docstring for the rules."""
    if not access.can(actor, "openrosa.submit"):
        raise Forbidden(_("Your role may not send field forms."))
    if len(xml) > settings.RAQIB_OPENROSA_MAX_XML_BYTES:
        raise TooLarge(_("The submission XML is larger than the limit of %(n)d bytes.")
                       % {"n": settings.RAQIB_OPENROSA_MAX_XML_BYTES})
    parsed = instance_xml.parse(xml)
    xform = _form_for(parsed.form_id, parsed.version)
    try:
        text = xml.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid(_("The submission XML is not UTF-8.")) from None
    # Files first, outside the transaction: a file without a row is harmless (content-addressed,
    # found again on retry); a row without its file would be a lie.
    files: dict[str, tuple[str, int, str]] = {}
    for part in attachments:
        name = safe_name(part.name)
        sha, size = store.put(part.stream, max_bytes=settings.RAQIB_OPENROSA_MAX_BYTES)
        files[name] = (sha, size, _content_type(name, part.content_type))
    try:
        # Most submissions are new first versions: insert without looking first. The unique
        # (form id, instanceID) constraint refuses a second row, and then the whole transaction
        # is rolled back and done again the careful way below. An edit is always done the
        # careful way (its retry must not be taken for a second edit of the same version).
        return _record(xform, parsed, text, files, actor, device_id, optimistic=not parsed.deprecated_id)
    except IntegrityError:
        # Sent before (a retry), or stored by another request between our read and our write:
        # read it, under a row lock, and it is a duplicate (or a conflict). The form is read
        # again too, in case the cached one is no longer in the database.
        xform = _form_for(parsed.form_id, parsed.version, cached_ok=False)
        return _record(xform, parsed, text, files, actor, device_id, optimistic=False)


M = TypeVar("M", Submission, SubmissionAttachment)


def _create(obj: M, actor: Any) -> M:
    """How submissions and their attachments are created: the rows are built here from checked
    values (no model validation), the enclosing transaction is rolled back whole on any error (no
    savepoint), and every audited field is a text, an integer, a JSON list of texts or an aware
    datetime, stored as held (the audited state is not read back)."""
    return services.create(obj, actor, validate=False, savepoint=False, read_back=False)


def _record(xform: XForm, parsed: instance_xml.Instance, text: str, files: dict[str, tuple[str, int, str]],
            actor: Any, device_id: str, *, optimistic: bool) -> Received:
    from raqib.openrosa import builtin

    with transaction.atomic():
        existing = None if optimistic else (Submission.objects.select_for_update()
                                            .filter(form_id=parsed.form_id, instance_id=parsed.instance_id).first())
        if existing is not None:
            if existing.xml_sha256 != parsed.sha256:
                raise Conflict(_("A different submission with the instanceID “%(id)s” was already received; an edit "
                                 "must carry a new instanceID and name this one in meta/deprecatedID.")
                               % {"id": parsed.instance_id})
            added = _add_attachments(existing, files, actor)
            if added:
                builtin.attachments_added(existing, added, actor)
            return Received(existing, False, added)
        previous = None
        if parsed.deprecated_id:
            previous = (Submission.objects.select_for_update()
                        .filter(form_id=parsed.form_id, instance_id=parsed.deprecated_id).first())
            if previous is None:
                raise NotFound(_("The edited submission “%(id)s” (meta/deprecatedID) was never received.")
                               % {"id": parsed.deprecated_id})
            if previous.superseded_by_id is not None:
                raise Conflict(_("The submission “%(id)s” was already replaced by a later edit.")
                               % {"id": parsed.deprecated_id})
        expected = sorted({v for path in xform.binary_paths for v in instance_xml.values_at(parsed.root, path)})
        submission = _create(Submission(
            xform=xform, form_id=parsed.form_id, form_version=parsed.version, instance_id=parsed.instance_id,
            deprecated_id=parsed.deprecated_id, xml=text, xml_sha256=parsed.sha256, data=parsed.data,
            attachments_expected=expected, submitted_by=actor, device_id=device_id[:255]), actor)
        added = _add_attachments(submission, files, actor, new=True)
        if previous is not None:
            services.update(previous, actor, {"superseded_by": submission}, validate=False)
        builtin.submission_received(submission, previous, actor)
        return Received(submission, True, added)


def _add_attachments(submission: Submission, files: dict[str, tuple[str, int, str]], actor: Any, *,
                     new: bool = False) -> list[SubmissionAttachment]:
    have = {} if new or not files else dict(submission.attachments.values_list("name", "sha256"))
    added = []
    for name, (sha, size, content_type) in files.items():
        if name in have:
            if have[name] != sha:
                raise Conflict(_("The attachment “%(name)s” was already received with other content.") % {"name": name})
            continue
        added.append(_create(SubmissionAttachment(submission=submission, name=name, sha256=sha, size=size,
                                                  content_type=content_type), actor))
    return added


def submissions_of(form_id: str, user: Any, *, all_versions: bool = False) -> QuerySet[Submission]:
    qs = access.visible(Submission.objects.filter(form_id=form_id), user)
    if not all_versions:
        qs = qs.filter(superseded_by__isnull=True)
    return qs.select_related("submitted_by").order_by("received_at", "pk")


# --- export --------------------------------------------------------------------------------

FIXED_COLUMNS = ("instance_id", "deprecated_id", "current", "form_version", "received_at", "submitted_by",
                 "device_id", "attachments")
_FORMULA_START = ("=", "+", "@", "\t", "\r")


def _cell(value: str) -> str:
    """Values that a spreadsheet would run as a formula are written as text."""
    if value.startswith(_FORMULA_START) or (value.startswith("-") and not _is_number_list(value)):
        return "'" + value
    return value


def _is_number_list(value: str) -> bool:
    try:
        [float(p) for p in value.split()]
    except ValueError:
        return False
    return True


def export_csv(form_id: str, out: IO[str], user: Any, *, all_versions: bool = False) -> int:
    """Write the submissions of ``form_id`` as CSV (one row per submission, one column per field,
    repeats numbered); returns the number of rows."""
    if not XForm.objects.filter(form_id=form_id).exists():
        raise NotFound(_("There is no form with the id “%(id)s” on this server.") % {"id": form_id})
    rows = submissions_of(form_id, user, all_versions=all_versions).prefetch_related("attachments")
    flat: list[tuple[Submission, dict[str, str]]] = []
    columns: dict[str, None] = {}
    for sub in rows:
        data = instance_xml.flatten(sub.data)
        data.pop("meta/instanceID", None)
        data.pop("meta/deprecatedID", None)
        columns.update(dict.fromkeys(data))
        flat.append((sub, data))
    writer = csv.writer(out)
    writer.writerow([*FIXED_COLUMNS, *columns])
    for sub, data in flat:
        fixed = [sub.instance_id, sub.deprecated_id, "yes" if sub.current else "no", sub.form_version,
                 sub.received_at.isoformat(), sub.submitted_by.get_username() if sub.submitted_by else "",
                 sub.device_id, " ".join(sorted(a.name for a in sub.attachments.all()))]
        writer.writerow([_cell(v) for v in fixed] + [_cell(data.get(c, "")) for c in columns])
    return len(flat)


def attachment_names(submission: Submission) -> Iterable[str]:
    return submission.attachments.order_by("name").values_list("name", flat=True)
