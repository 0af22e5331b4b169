from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from raqib.core.models import AuditedModel


class Role(models.TextChoices):
    MONITOR = "monitor", _("Monitor")
    TEAM_LEADER = "team_leader", _("Team leader")
    VERIFIER = "verifier", _("Verifier")
    CHIEF = "chief", _("Chief")
    LIAISON = "liaison", _("Party liaison officer")
    PUBLIC = "public", _("Public")
    ADMIN = "admin", _("Administrator")


DIGEST_REALM = "Raqib"
"""The HTTP Digest realm. Changing it invalidates every stored ``digest_ha1``."""


def digest_ha1(username: str, password: str) -> str:
    """RFC 2617's HA1 for MD5: what a Digest client proves it knows."""
    return hashlib.md5(f"{username}:{DIGEST_REALM}:{password}".encode("utf-8")).hexdigest()  # noqa: S324 - the protocol's hash


class User(AbstractUser, AuditedModel):
    """A person who signs in. A liaison officer is bound to exactly one party."""

    # Secrets and bookkeeping stay out of the audit chain.
    audit_exclude = ("password", "last_login", "digest_ha1")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PUBLIC)
    party = models.ForeignKey("actors.Party", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="liaison_officers", verbose_name=_("party"))
    # HTTP Digest (OpenRosa phones): MD5(username:realm:password), derived whenever the password
    # is set, because Digest cannot be checked against a one-way password hash. Empty until the
    # password is next set or next checked (a sign-in on the web pages).
    digest_ha1 = models.CharField(max_length=32, blank=True, default="", editable=False)

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="liaison", party__isnull=False) | (~models.Q(role="liaison") & models.Q(party__isnull=True)),
                name="user_party_iff_liaison",
            )
        ]

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self.digest_ha1 = digest_ha1(self.username, raw_password) if raw_password else ""

    def check_password(self, raw_password: str) -> bool:
        ok = super().check_password(raw_password)
        if ok and raw_password and self.pk is not None:
            # A user from before Digest (or renamed since) gets the secret at their next sign-in.
            ha1 = digest_ha1(self.username, raw_password)
            if ha1 != self.digest_ha1:
                self.digest_ha1 = ha1
                type(self)._default_manager.filter(pk=self.pk).update(digest_ha1=ha1)
        return ok

    def clean(self) -> None:
        super().clean()
        if self.role == Role.LIAISON and self.party_id is None:
            raise ValidationError({"party": _("A liaison officer must be bound to a party.")})
        if self.role != Role.LIAISON and self.party_id is not None:
            raise ValidationError({"party": _("Only a liaison officer is bound to a party.")})


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once."""

    PREFIX = "rq_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    @classmethod
    def digest_of(cls, secret: str) -> str:
        """The stored name of a token (its SHA-256)."""
        return _digest(secret)

    @classmethod
    def issue(cls, user: User, name: str = "") -> tuple["ApiToken", str]:
        secret = cls.PREFIX + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, digest=_digest(secret)), secret

    @classmethod
    def authenticate(cls, secret: str) -> User | None:
        if not secret.startswith(cls.PREFIX) or len(secret) > 200:
            return None
        token = cls.objects.select_related("user").filter(digest=_digest(secret), revoked=False).first()
        if token is None or not token.user.is_active:
            return None
        return token.user
