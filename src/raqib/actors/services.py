from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from raqib.actors.models import Alias, Party
from raqib.core import access, audit, services
from raqib.core.errors import Forbidden
from raqib.core.text import normalize


def upsert_party(key: str, values: dict[str, Any], aliases: dict[str, list[str]], actor: Any,
                 sponsors: list[Party] | None = None) -> tuple[Party, bool]:
    """Create or update a party with its aliases ({"ar": [...], "en": [...]})."""
    if not access.can(actor, "reference.edit"):
        raise Forbidden(_("Only an administrator may edit parties."))
    with transaction.atomic():
        m2m = {"sponsors": sponsors} if sponsors is not None else None
        party, changed = services.upsert(Party, {"key": key}, values, actor, m2m=m2m)
        wanted = {(name.strip(), lang) for lang, names in aliases.items() for name in names if name.strip()}
        existing = {(a.name, a.lang): a for a in party.aliases.all()}
        new = [Alias(party=party, name=name, lang=lang, normalized=normalize(name)[:200])
               for name, lang in sorted(wanted - set(existing))]
        if new:
            Alias.objects.bulk_create(new)
            audit.created(new, actor)
            changed = True
        for pair in sorted(set(existing) - wanted):
            services.delete(existing[pair], actor)
            changed = True
    return party, changed
