"""The extractor stays Django-free, and its copy of the taxonomy keys stays the taxonomy's."""

from __future__ import annotations

import subprocess
import sys

from raqib.core.taxonomy import CATEGORIES
from raqib.osint.extract import keys


def test_the_category_and_subtype_keys_equal_the_taxonomys():
    assert keys.SUBTYPES == {c.key: tuple(s.key for s in c.subtypes) for c in CATEGORIES}
    assert all(keys.DEFAULT_SUBTYPE[c] in keys.SUBTYPES[c] for c in keys.CATEGORIES)


def test_importing_and_running_the_extractor_imports_no_django():
    code = ("import sys, raqib.osint, raqib.osint.extract, raqib.osint.cli, raqib.osint.evaluate\n"
            "from raqib.osint.extract import extract_article\n"
            "extract_article({'text': 'Clashes erupted in Sirte, Libya.', 'date': '2021-01-01'})\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'django')\n"
            "assert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True, env={"PATH": "/usr/bin:/bin"})
