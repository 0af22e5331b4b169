"""What the command-line tests share besides fixtures (imported by name: tests/cli is on sys.path)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from raqib.cli import cli

# Every byte value, twice: evidence must come back byte for byte, not as text.
BINARY = bytes(range(256)) * 2


def raqib_command() -> list[str]:
    """The installed ``raqib`` entry point beside this Python, else the module."""
    script = Path(sys.executable).with_name("raqib")
    return [str(script)] if script.exists() else [sys.executable, "-m", "raqib.cli"]


def own_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """This environment without any RAQIB_* variable (so SQLite in ``data_dir``), in English,
    plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(RAQIB_DATA_DIR=str(data_dir), LC_ALL="C.UTF-8")  # messages in English
    env.update(extra)
    return env


def all_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command path, groups included, in the order the help lists them."""
    for name in sorted(group.commands):
        command = group.commands[name]
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


def command_at(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command
