from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raqib.accounts.models import ApiToken, Role, User
from raqib.actors.models import Party
from raqib.core import access, audit, services
from raqib.core.errors import Conflict, Forbidden, Invalid


def create_user(username: str, role: str, password: str, actor: Any, *, party: Party | None = None,
                check_password: bool = True, email: str = "") -> User:
    if not access.can(actor, "user.manage"):
        raise Forbidden(_("Only an administrator may create users."))
    if role not in Role.values:
        raise Invalid(_("Unknown role “%(role)s”; choose one of: %(roles)s.") % {"role": role, "roles": ", ".join(Role.values)})
    if role == Role.LIAISON and party is None:
        raise Invalid(_("A liaison officer must be bound to a party (--party)."))
    if role != Role.LIAISON and party is not None:
        raise Invalid(_("Only a liaison officer is bound to a party."))
    if User.objects.filter(username=username).exists():
        raise Conflict(_("A user named “%(name)s” already exists.") % {"name": username})
    user = User(username=username, role=role, party=party, email=email,
                is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
    if check_password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise Invalid(" ".join(exc.messages)) from None
    user.set_password(password)
    with transaction.atomic():
        services.create(user, actor, validate=False)
    return user


def issue_token(user: User, actor: Any, name: str = "") -> str:
    """A new API token for ``user``; the secret is returned once and only its hash is kept."""
    if actor is not None and actor != user and not access.can(actor, "user.manage"):
        raise Forbidden(_("You may only create tokens for yourself."))
    with transaction.atomic():
        token, secret = ApiToken.issue(user, name)
        audit.append([audit.Change("create", "accounts.apitoken", str(token.pk), None,
                                   {"user_id": user.pk, "name": name}, "API token issued")], actor)
    return secret
