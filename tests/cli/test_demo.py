"""``raqib demo`` in a real process on a data dir of its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from cli_support import own_env

COUNT_AUDITED = """
import json, django
django.setup()
from raqib.core import audit
print(json.dumps({audit.label(m): m._default_manager.count() for m in audit.audited_models()}))
"""


def audited_counts(data_dir: Path) -> dict[str, int]:
    done = subprocess.run([sys.executable, "-c", COUNT_AUDITED], capture_output=True, text=True, check=True,
                          env=own_env(data_dir, DJANGO_SETTINGS_MODULE="raqib.settings"), timeout=300)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_demo_twice_changes_nothing_the_second_time(run_raqib: Any, tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    first = run_raqib("demo", "--no-serve", "--data-dir", str(data_dir))
    assert first.returncode == 0, first.stderr
    assert "Demo users" in first.stdout and "admin" in first.stdout
    counts = audited_counts(data_dir)
    assert counts["incidents.incident"] > 0 and counts["accounts.user"] > 0
    second = run_raqib("demo", "--no-serve", "--data-dir", str(data_dir))
    assert second.returncode == 0, second.stderr
    assert audited_counts(data_dir) == counts
    verified = run_raqib("audit", "verify", "--data-dir", str(data_dir))
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith("audit chain intact")


def test_demo_refuses_a_database_with_real_incidents(invoke: Any, make_incident: Any) -> None:
    make_incident()
    result = invoke("demo", "--no-serve")
    assert result.exit_code == 1
    assert "holds real incidents" in result.stderr
