"""docs/operators/cli.md holds the ``--help`` of every command, as the commands print it today.

After changing a command or its help, regenerate the blocks:

    .venv/bin/python tests/cli/test_docs_cli.py
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from raqib.cli import cli

from cli_support import all_commands  # tests/cli is on sys.path (pytest, or run as a script)

DOC = Path(__file__).resolve().parents[2] / "docs" / "operators" / "cli.md"
BLOCK = re.compile(r"<!-- help: (?P<command>[a-z -]+) -->\n(?P<body>.*?)<!-- end help -->\n", re.S)


def help_text(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="raqib", terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.output


def block(path: tuple[str, ...]) -> str:
    command = " ".join(("raqib", *path))
    return f"<!-- help: {command} -->\n```text\n{help_text(path)}```\n<!-- end help -->\n"


def regenerate(doc: str) -> str:
    """The doc with every help block as the commands print it now; missing ones appended."""
    wanted = {" ".join(("raqib", *path)): path for path in [(), *all_commands()]}
    doc = BLOCK.sub(lambda m: block(wanted[m["command"]]) if m["command"] in wanted else m[0], doc)
    present = {m["command"] for m in BLOCK.finditer(doc)}
    for command, path in wanted.items():
        if command not in present:
            doc += f"\n## `{command}`\n\n{block(path)}"
    return doc


def test_every_command_has_its_help_in_the_doc() -> None:
    documented = [m["command"] for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))]
    for path in [(), *all_commands()]:
        assert " ".join(("raqib", *path)) in documented, f"{path} is not in {DOC.name}"


def test_the_doc_names_no_command_that_does_not_exist() -> None:
    commands = {" ".join(("raqib", *path)) for path in [(), *all_commands()]}
    for match in BLOCK.finditer(DOC.read_text(encoding="utf-8")):
        assert match["command"] in commands


def test_every_help_block_is_what_the_command_prints() -> None:
    doc = DOC.read_text(encoding="utf-8")
    assert regenerate(doc) == doc, f"regenerate with: python {Path(__file__).relative_to(DOC.parents[2])}"


if __name__ == "__main__":
    DOC.write_text(regenerate(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {DOC}")
