"""``--data-dir`` and Django set-up for the news commands that need the database.

The main CLI's :func:`raqib.cli.base.with_django` does the work; it is imported when a command
runs, not when this module is, because ``raqib.cli`` imports the news commands: importing it
back at module level would make ``raqib.osint.cli`` unimportable on its own (and
``raqib osint extract`` must run without Django).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def needs_django(func: F) -> F:
    """Add ``--data-dir`` to a command and run it with Django set up (and migrated)."""

    @click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
                  help="The data dir (default: $RAQIB_DATA_DIR or ./raqib-data).")
    @functools.wraps(func)
    def wrapper(*args: Any, data_dir: Path | None, **kwargs: Any) -> Any:
        from raqib.cli.base import require_migrated, with_django, wrap_errors

        def run(*a: Any, **kw: Any) -> Any:
            require_migrated()
            return wrap_errors(lambda: func(*a, **kw))

        return with_django(run)(*args, data_dir=data_dir, **kwargs)

    return wrapper  # type: ignore[return-value]
