"""The export formats, declared in one registry: the built-ins register themselves the same way
another app would add one (``@register`` on an :class:`ExportFormat` subclass, imported from its
``AppConfig.ready``)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from raqib.core.errors import Invalid
from raqib.exports.rows import ExportContext, Row


class ExportFormat(ABC):
    key: str
    label: Promise | str
    extension: str
    media_type: str

    @abstractmethod
    def chunks(self, rows: Iterable[Row], ctx: ExportContext) -> Iterator[bytes]:
        """The file's bytes, a piece at a time, reading ``rows`` as it goes."""


FORMATS: dict[str, ExportFormat] = {}
F = TypeVar("F", bound=type[ExportFormat])


def register(cls: F) -> F:
    FORMATS[cls.key] = cls()
    return cls


def get(key: str) -> ExportFormat:
    try:
        return FORMATS[key]
    except KeyError:
        raise Invalid(_("Unknown export format “%(f)s” (one of: %(all)s).")
                      % {"f": key[:40], "all": ", ".join(sorted(FORMATS))}) from None
