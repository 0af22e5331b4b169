"""Several processes writing to one SQLite file at once: none fails with "database is locked"
and the audit chain stays one unbroken line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

WRITER = r"""
import datetime as dt, sys
import django
django.setup()
from raqib.incidents.services import IncidentData, create_incident
for i in range(int(sys.argv[1])):
    start = dt.datetime(2021, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=i)
    create_incident(IncidentData(category="ceasefire_violation", subtype="small_arms_fire", occurred_start=start,
                                 occurred_end=start, lat=31.2, lon=16.6), None)
"""

VERIFY = r"""
import django
django.setup()
from raqib.core import audit
from raqib.incidents.models import Incident
print(Incident.objects.count(), len(list(audit.verify())))
"""


def test_four_concurrent_writers_on_sqlite_all_succeed(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    env.update({"DJANGO_SETTINGS_MODULE": "raqib.settings", "RAQIB_DATA_DIR": str(tmp_path / "data")})
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v0"], env=env, check=True, timeout=120)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, "25"], env=env, stderr=subprocess.PIPE, text=True)
               for _ in range(4)]
    errors = [w.communicate(timeout=300)[1] for w in writers]
    assert [w.returncode for w in writers] == [0, 0, 0, 0], errors
    result = subprocess.run([sys.executable, "-c", VERIFY], env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["100", "0"], result.stderr
