"""Profiles: the reference data a mission starts from (gazetteer, parties, zones, agreement).

A profile is a name and a loader. The built-in "libya-2020" is registered below exactly the way
a third party adds one: by calling :func:`register`, or without touching Raqib at all through an
entry point in the ``raqib.profiles`` group naming a loader::

    [project.entry-points."raqib.profiles"]
    my-mission = "my_package.profile:load"

A loader takes an optional ``progress(advance, total, description)`` callable and returns the
counts of records created and changed, by kind (see :func:`raqib.profiles.loader.load_directory`).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import metadata, resources

from django.utils.translation import gettext as _

from raqib.core.errors import NotFound

Progress = Callable[[int, int | None, str], None]
Loader = Callable[[Progress | None], dict[str, int]]

ENTRY_POINT_GROUP = "raqib.profiles"

_registry: dict[str, Loader] = {}
_discovered = False


def register(name: str, loader: Loader) -> None:
    """Offer a profile under ``name``. Registering a name twice is a programming error."""
    if name in _registry:
        raise ValueError(f"a profile named {name!r} is already registered")
    _registry[name] = loader


def from_package(package: str) -> Loader:
    """A loader for a profile shipped as data files in ``<package>/data/`` (see the loader module
    for the files and their columns)."""

    def load_package(progress: Progress | None = None) -> dict[str, int]:
        from raqib.profiles.loader import load_directory

        return load_directory(resources.files(package) / "data", progress)

    return load_package


def _discover() -> None:
    """Register the profiles other installed packages declare, once."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
        if entry.name not in _registry:
            register(entry.name, entry.load())


def available() -> list[str]:
    _discover()
    return sorted(_registry)


def load(name: str, progress: Progress | None = None) -> dict[str, int]:
    """Load the profile ``name`` as the system, in one transaction; loading it again changes nothing.

    Returns counts by kind ("places_created", "places_changed", ...): all zero on a reload.
    Raises NotFound for an unknown name and Invalid (naming the file and row) for bad data.
    """
    _discover()
    loader = _registry.get(name)
    if loader is None:
        raise NotFound(_("There is no profile named “%(name)s”. Available profiles: %(names)s.")
                       % {"name": name, "names": ", ".join(available())})
    return loader(progress)


register("libya-2020", from_package("raqib.profiles.libya_2020"))
