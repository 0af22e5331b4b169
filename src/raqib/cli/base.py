"""What every command shares: the data dir, Django set-up, errors, progress bars.

Nothing here imports Django settings at module level: ``--data-dir`` must reach the
environment before the settings module is first read.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

F = TypeVar("F", bound=Callable[..., Any])

ProgressFn = Callable[..., None]
"""``progress(advance, total=None, description="")``, the shape the services take: ``total``
None and ``description`` "" keep the bar's; ``progress(0, total, description)`` starts a new
phase counted from zero."""


class ConfigError(click.ClickException):
    """A malformed RAQIB_* setting: one line, exit status 2, no traceback."""

    exit_code = 2


def setup(data_dir: Path | None) -> None:
    """Point Raqib at ``data_dir`` and set Django up, unless a caller (a test) already did."""
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    if apps.ready:
        if data_dir is not None:
            from django.conf import settings

            if data_dir.expanduser().resolve() != Path(settings.DATA_DIR).resolve():
                raise click.UsageError(f"Django is already set up with the data dir {settings.DATA_DIR}.")
        return
    if data_dir is not None:
        os.environ["RAQIB_DATA_DIR"] = str(data_dir.expanduser())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raqib.settings")
    import django

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise ConfigError(str(exc)) from None


def _language() -> str:
    """The operator's language from the usual locale variables, if Raqib offers it."""
    from django.conf import settings
    from django.utils import translation

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            code = value.split(".")[0].split("@")[0].replace("_", "-").lower()
            try:
                return translation.get_supported_language_variant(code)
            except LookupError:
                break
    return str(settings.LANGUAGE_CODE)


def with_django(func: F) -> F:
    """Add ``--data-dir`` to a command and set Django up before its body runs."""

    @click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
                  help="The data dir (default: $RAQIB_DATA_DIR or ./raqib-data).")
    @functools.wraps(func)
    def wrapper(*args: Any, data_dir: Path | None, **kwargs: Any) -> Any:
        setup(data_dir)
        from django.utils import translation

        with translation.override(_language()):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def ensure_data_dir() -> Path:
    from django.conf import settings

    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    return data_dir


def pending_migrations() -> int:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def require_migrated() -> None:
    """Stop with a useful message when the database is missing or behind the code."""
    from django.db import DatabaseError
    from django.utils.translation import gettext as _

    try:
        pending = pending_migrations()
    except DatabaseError as exc:
        raise click.ClickException(_("Cannot open the database: %(error)s") % {"error": _first_line(exc)}) from None
    if pending:
        raise click.ClickException(_("The database is not up to date (%(n)d migrations to apply): run "
                                     "“raqib migrate” first.") % {"n": pending})


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def migrate(progress: ProgressFn) -> int:
    """Apply every pending migration; returns how many were applied."""
    from django.core.management import call_command
    from django.core.management.commands.migrate import Command as Migrate
    from django.utils.translation import gettext as _

    class QuietMigrate(Migrate):
        def migration_progress_callback(self, action: str, migration: Any = None, fake: bool = False) -> None:
            if action == "apply_success":
                progress(1)

    ensure_data_dir()
    pending = pending_migrations()
    progress(0, pending, _("Migrating the database"))
    call_command(QuietMigrate(), interactive=False, verbosity=0)
    return pending


def stdout() -> Console:
    return Console(highlight=False)


@contextmanager
def progress_bar(description: str = "") -> Iterator[ProgressFn]:
    """A rich progress bar on stderr (shown only on a terminal) and the callback that drives it."""
    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, disable=not console.is_terminal) as bar:
        task = bar.add_task(description, total=None)

        def advance(advance: int = 1, total: int | None = None, description: str = "") -> None:
            if advance == 0 and total is not None:
                # A new phase with a known size: count again from zero.
                bar.reset(task, total=total, description=description or None)
                return
            if total is not None:
                bar.update(task, total=total)
            if description:
                bar.update(task, description=description)
            if advance:
                bar.advance(task, advance)

        yield advance


def wrap_errors(invoke: Callable[[], Any]) -> Any:
    """Run a command, turning the errors a user can act on into one-line messages."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db import OperationalError

    from raqib.core.errors import RaqibError

    try:
        return invoke()
    except ImproperlyConfigured as exc:
        raise ConfigError(str(exc)) from None
    except RaqibError as exc:
        raise click.ClickException(exc.message) from None
    except OperationalError as exc:  # the database is unreachable, locked or missing
        raise click.ClickException(f"database: {_first_line(exc)}") from None
