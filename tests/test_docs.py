"""The documentation is kept honest by tests: every setting documented, the README's test
command the one CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented():
    settings_source = (ROOT / "src/raqib/settings.py").read_text()
    names = set(re.findall(r'env_[a-z]+\("([A-Z_]+)"', settings_source))
    doc = (ROOT / "docs/operators/configuration.md").read_text()
    # The table's first column: one row per setting.
    documented = set(re.findall(r"^\| `RAQIB_([A-Z_]+)` \|", doc, re.M))
    assert names, "no settings found"
    assert names - documented == set()
    assert documented - names == set(), "the doc names settings that no longer exist"


def test_ci_runs_the_readmes_test_command():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    test_command = next(c for c in commands if c.rstrip().endswith("pytest"))
    ci = (ROOT / ".ci/run").read_text()
    assert f"TEST_COMMAND='{test_command}'" in ci


def test_the_readme_starts_with_exactly_two_setup_commands():
    readme = (ROOT / "README.md").read_text()
    start = readme.split("## Start", 1)[1].split("\n## ", 1)[0]
    assert len(re.findall(r"```sh\n", start)) == 2
