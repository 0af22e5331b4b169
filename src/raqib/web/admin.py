"""The Django admin for reference data: parties, places, the agreement and its provisions.

Every save and delete goes through the domain services, so the audit chain records admin edits
like any other. Only administrators (``reference.edit``) may change anything here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from raqib.actors.models import Party
from raqib.actors.services import upsert_party
from raqib.agreements.models import Agreement, Provision
from raqib.agreements.services import upsert_agreement, upsert_provision
from raqib.core import access, services
from raqib.core.errors import RaqibError
from raqib.geo.models import Place
from raqib.geo.services import upsert_place


class ServiceAdmin(admin.ModelAdmin):
    """Saves through ``save_via_service``; deletes through the audited delete, children first."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.role_of(request.user) in access.STAFF | {access.ADMIN}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return access.can(request.user, "reference.edit")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.can(request.user, "reference.edit")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.can(request.user, "reference.edit") and (obj is None or not self.in_use(obj))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def in_use(self, obj: Any) -> bool:
        """Whether deleting would change another audited record behind the chain's back."""
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # The key names the record for the services' upsert: it cannot change once made.
        return ("key",) if obj is not None and hasattr(obj, "key") else ()

    def values(self, obj: models.Model, form: Any) -> dict[str, Any]:
        skip = set(self.lookup_fields) | {f.name for f in obj._meta.many_to_many}
        return {name: getattr(obj, name) for name in form.cleaned_data if name not in skip}

    lookup_fields: tuple[str, ...] = ("key",)

    def save_via_service(self, request: HttpRequest, obj: Any, form: Any) -> models.Model:
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        try:
            saved = self.save_via_service(request, obj, form)
        except RaqibError as exc:
            messages.error(request, exc.message)
            raise
        obj.pk = saved.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Many-to-many fields were saved by the service with the record."""

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            for child in self.children(obj):
                services.delete(child, request.user, note="admin")
            services.delete(obj, request.user, note="admin")

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            if self.in_use(obj):
                continue
            self.delete_model(request, obj)

    def children(self, obj: Any) -> list[models.Model]:
        return []


@admin.register(Party)
class PartyAdmin(ServiceAdmin):
    list_display = ("key", "name_en", "name_ar", "kind", "acled_inter")
    list_filter = ("kind",)
    search_fields = ("key", "name_en", "name_ar")
    fields = ("key", "name_en", "name_ar", "kind", "acled_inter", "sponsors", "parent", "notes", "source")
    filter_horizontal = ("sponsors",)

    def save_via_service(self, request: HttpRequest, obj: Party, form: Any) -> Party:
        key = form.cleaned_data.get("key") or obj.key
        existing = Party.objects.filter(key=key).first()
        aliases: dict[str, list[str]] = {"ar": [], "en": []}
        for alias in (existing.aliases.all() if existing else []):
            aliases.setdefault(alias.lang, []).append(alias.name)
        party, _ = upsert_party(key, self.values(obj, form), aliases, request.user,
                                sponsors=list(form.cleaned_data.get("sponsors") or []))
        return party

    def in_use(self, obj: Party) -> bool:
        return obj.sponsored.exists() or obj.obligations.exists()

    def children(self, obj: Party) -> list[models.Model]:
        return list(obj.aliases.all())


@admin.register(Place)
class PlaceAdmin(ServiceAdmin):
    list_display = ("key", "name_en", "name_ar", "kind", "lat", "lon", "precision")
    list_filter = ("kind", "precision")
    search_fields = ("key", "name_en", "name_ar")
    fields = ("key", "name_en", "name_ar", "kind", "lat", "lon", "precision", "admin_area", "source")

    def save_via_service(self, request: HttpRequest, obj: Place, form: Any) -> Place:
        key = form.cleaned_data.get("key") or obj.key
        existing = Place.objects.filter(key=key).first()
        variants = []
        if existing is not None:
            own = {existing.name_en, existing.name_ar}
            variants = [n.name for n in existing.names.all() if n.name not in own]
        place, _ = upsert_place(key, self.values(obj, form), variants, request.user)
        return place

    def children(self, obj: Place) -> list[models.Model]:
        return list(obj.names.all())


@admin.register(Agreement)
class AgreementAdmin(ServiceAdmin):
    list_display = ("key", "title_en", "signed_on", "timezone")
    fields = ("key", "title_en", "title_ar", "signed_on", "signed_at_en", "signed_at_ar", "timezone", "source_url")

    def save_via_service(self, request: HttpRequest, obj: Agreement, form: Any) -> Agreement:
        agreement, _ = upsert_agreement(form.cleaned_data.get("key") or obj.key, self.values(obj, form), request.user)
        return agreement

    def in_use(self, obj: Agreement) -> bool:
        return obj.provisions.exists()


@admin.register(Provision)
class ProvisionAdmin(ServiceAdmin):
    list_display = ("agreement", "number", "title_en", "category", "deadline_on", "deadline_relative")
    list_filter = ("agreement", "category")
    search_fields = ("number", "title_en", "title_ar", "text_en", "text_ar")
    fields = ("agreement", "number", "parent", "title_en", "title_ar", "text_en", "text_ar", "category",
              "obligated_parties", "deadline_on", "deadline_relative", "decided_on", "source")
    filter_horizontal = ("obligated_parties",)
    lookup_fields = ("agreement", "number")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("agreement", "number") if obj is not None else ()

    def save_via_service(self, request: HttpRequest, obj: Provision, form: Any) -> Provision:
        agreement = form.cleaned_data.get("agreement") or obj.agreement
        number = form.cleaned_data.get("number") or obj.number
        provision, _ = upsert_provision(agreement, number, self.values(obj, form),
                                        list(form.cleaned_data.get("obligated_parties") or []), request.user)
        return provision

    def in_use(self, obj: Provision) -> bool:
        return obj.incidents.exists() or obj.allegations.exists() or obj.children.exists()
