"""Forms phones download (XForms converted from XLSForms), their media, and what phones send back.

A submission is stored generically (raw XML, parsed data, attachments in the evidence store)
whatever the form; a built-in form's handler (``raqib.openrosa.builtin``) may in addition turn
it into mission records in the same transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from raqib.core.models import AuditedModel


class XForm(AuditedModel):
    """One version of a form. Phones see the active version of each ``form_id``."""

    audit_exclude = ("xml",)

    form_id = models.CharField(_("form id"), max_length=100)
    version = models.CharField(_("version"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=255)
    xml = models.TextField(_("XForm"))
    md5 = models.CharField(max_length=32)
    xlsform_sha256 = models.CharField(max_length=64, blank=True)
    xlsform_name = models.CharField(_("XLSForm file"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(_("active"), default=True)
    builtin = models.BooleanField(_("built in"), default=False)
    # Names of the instance elements that carry attachments (binds of type binary), by path.
    binary_paths = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("form")
        verbose_name_plural = _("forms")
        constraints = [
            models.UniqueConstraint(fields=["form_id", "version"], name="xform_id_version_unique"),
            models.UniqueConstraint(fields=["form_id"], condition=models.Q(active=True), name="xform_one_active"),
        ]

    def __str__(self) -> str:
        return f"{self.form_id} {self.version}".strip()


class MediaFile(AuditedModel):
    """A file a form needs on the phone (itemsets.csv for external choices, images)."""

    xform = models.ForeignKey(XForm, on_delete=models.PROTECT, related_name="media")
    name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    md5 = models.CharField(max_length=32)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["xform", "name"], name="mediafile_name_unique")]


class Submission(AuditedModel):
    """One version of a filled form as a phone sent it. An edit (``meta/deprecatedID``) is a new
    row; the row it replaces points to it with ``superseded_by``."""

    audit_exclude = ("xml", "data")

    xform = models.ForeignKey(XForm, on_delete=models.PROTECT, related_name="submissions")
    form_id = models.CharField(max_length=100)
    form_version = models.CharField(max_length=100, blank=True)
    instance_id = models.CharField(_("instance id"), max_length=255)
    deprecated_id = models.CharField(max_length=255, blank=True)
    superseded_by = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="supersedes")
    xml = models.TextField()
    xml_sha256 = models.CharField(max_length=64)
    data = models.JSONField(default=dict)
    attachments_expected = models.JSONField(default=list, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    device_id = models.CharField(max_length=255, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-received_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["form_id", "instance_id"], name="submission_instance_unique")]

    def __str__(self) -> str:
        return f"{self.form_id} {self.instance_id}"

    @property
    def current(self) -> bool:
        return self.superseded_by_id is None


class SubmissionAttachment(AuditedModel):
    """A file sent with a submission, kept in the evidence store by its SHA-256."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="attachments")
    name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "name"], name="attachment_name_unique")]


class SubmissionRecord(AuditedModel):
    """A mission record a built-in form's handler made from a submission, so that an edit of
    the submission can find the record to change instead of making another."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="records")
    model = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "model", "object_id"],
                                               name="submissionrecord_unique")]
