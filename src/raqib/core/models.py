from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditedModel(models.Model):
    """A mission record: every change to it goes through a service and into the audit chain.

    ``audit_exclude`` names fields left out of the audited state (secrets, caches).
    """

    audit_exclude: tuple[str, ...] = ()

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One link of the append-only, hash-chained history of every mission record.

    ``hash`` is SHA-256 over the previous entry's hash and the canonical JSON of this entry,
    so changing or removing any entry breaks every hash after it.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=10, choices=Action.choices)
    model = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    note = models.CharField(max_length=500, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["model", "object_id", "seq"], name="audit_object_idx")]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.model}:{self.object_id}"


class AuditHead(models.Model):
    """The single row naming the chain's last entry.

    Writers lock it to append in order; ``raqib audit verify`` compares it with the last entry,
    so removing entries from the end of the chain is caught too.
    """

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit chain head")


class IdempotentRequest(models.Model):
    """A request sent with an ``Idempotency-Key`` header, and the answer it got.

    Stored in the transaction that wrote the records, so a client that lost the answer (the
    server died, the link dropped) and sends the same request again gets the same answer and no
    second copy; the same key with another body is refused.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=200)  # the operation, e.g. "POST /api/v1/incidents/bulk"
    key = models.CharField(max_length=200)
    request_sha256 = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    response = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "scope", "key"], name="idempotent_request_once")]
        verbose_name = _("repeatable request")
        verbose_name_plural = _("repeatable requests")
