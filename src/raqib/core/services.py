"""The one write path: save, update and delete a mission record and append its audit entry in
the same transaction. Domain services build on these; faces never save models themselves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from raqib.core import audit
from raqib.core.errors import Invalid

M = TypeVar("M", bound=models.Model)


def message_of(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        parts = []
        for field, errors in exc.message_dict.items():
            text = " ".join(errors)
            parts.append(text if field == "__all__" else f"{field}: {text}")
        return "; ".join(parts)
    return " ".join(exc.messages)


def clean(obj: models.Model, exclude: Iterable[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=list(exclude) if exclude else None, validate_unique=True, validate_constraints=True)
    except ValidationError as exc:
        raise Invalid(message_of(exc)) from None


def create(obj: M, actor: Any, *, m2m: Mapping[str, Iterable[Any]] | None = None, note: str = "",
           validate: bool = True, savepoint: bool = True, read_back: bool = True) -> M:
    """Save ``obj`` and record its creation.

    For a hot write path (OpenRosa submissions), two round trips to the database can be saved:
    ``savepoint=False`` when the caller's transaction is rolled back as a whole on any error
    (no savepoint inside it: a failure here cannot be caught and carried on from);
    ``read_back=False`` when every audited field of the model is stored exactly as it is held
    (texts, integers, booleans, JSON of those, aware datetimes; no many-to-many): the audited
    state is then taken from ``obj`` instead of being read back from the database.
    """
    with transaction.atomic(savepoint=savepoint):
        if validate:
            clean(obj)
        obj.save()
        for name, values in (m2m or {}).items():
            getattr(obj, name).set(values)
        audit.created(obj, actor, note, read_back=read_back)
    return obj


def update(obj: M, actor: Any, changes: Mapping[str, Any], *, m2m: Mapping[str, Iterable[Any]] | None = None,
           note: str = "", validate: bool = True) -> bool:
    """Apply ``changes`` to the stored record and refresh ``obj`` with the result.

    The record is re-read under a row lock and only ``changes`` are applied to it, so fields
    another writer changed meanwhile are kept, not overwritten with ``obj``'s stale values.
    Returns whether anything changed (nothing is saved or recorded if not).
    """
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        differs = [name for name, value in changes.items() if getattr(locked, name) != value]
        m2m_differs = [name for name, values in (m2m or {}).items()
                       if {getattr(v, "pk", v) for v in values} != set(getattr(locked, name).values_list("pk", flat=True))]
        if not differs and not m2m_differs:
            # Saving would only move auto_now timestamps: nothing to record.
            _refresh(obj, locked)
            return False
        before = audit.snapshot(locked)
        for name, value in changes.items():
            setattr(locked, name, value)
        if validate:
            clean(locked)
        locked.save()
        for name, values in (m2m or {}).items():
            getattr(locked, name).set(values)
        _refresh(obj, locked)
        return audit.updated(locked, before, actor, note)


def _refresh(obj: models.Model, fresh: models.Model) -> None:
    for f in obj._meta.concrete_fields:
        setattr(obj, f.attname, getattr(fresh, f.attname))
    # Cached related objects may now be stale.
    obj._state.fields_cache = dict(fresh._state.fields_cache)
    if hasattr(obj, "_prefetched_objects_cache"):
        del obj._prefetched_objects_cache


def delete(obj: models.Model, actor: Any, note: str = "") -> None:
    with transaction.atomic():
        before = audit.snapshot(obj)
        model, pk = type(obj), obj.pk
        obj.delete()
        audit.deleted(model, pk, before, actor, note)


def upsert(model: type[M], lookup: Mapping[str, Any], values: Mapping[str, Any], actor: Any, *,
           m2m: Mapping[str, Iterable[Any]] | None = None, note: str = "") -> tuple[M, bool]:
    """Create the record named by ``lookup`` or bring it to ``values``; returns (record, changed).

    Loading the same data twice changes nothing and records nothing the second time.
    """
    with transaction.atomic():
        existing = model._default_manager.filter(**lookup).first()
        if existing is None:
            return create(model(**lookup, **values), actor, m2m=m2m, note=note), True
        return existing, update(existing, actor, values, m2m=m2m, note=note)
