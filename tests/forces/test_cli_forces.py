"""``raqib forces totals`` and ``raqib compliance``, run in process through click's CliRunner."""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result

from raqib.agreements.models import ComplianceAssessment
from raqib.cli import cli

pytestmark = pytest.mark.django_db


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"LC_ALL": None, "LC_MESSAGES": None, "LANG": None},
                              catch_exceptions=False)


def test_totals_prints_the_estimate_the_baseline_and_the_deadline(ledger, provisions):
    result = invoke("forces", "totals", "--on", "2021-01-20")
    assert result.exit_code == 0, result.output
    assert "wagner: 2200–2200" in result.output
    assert "Total: 5210–7420" in result.output
    assert "Baseline: 20000–20000 in 10 bases (as of 2020-12-02)" in result.output
    assert "Deadline: 2021-01-23 (3 days left)" in result.output
    late = invoke("forces", "totals", "--on", "2021-01-25")
    assert "passed 2 days ago" in late.output


def test_totals_refuses_a_malformed_date(db):
    assert invoke("forces", "totals", "--on", "20-01-2021").exit_code == 2


def test_compliance_record_writes_each_change_once(ledger, provisions):
    first = invoke("compliance", "record", "--on", "2021-01-24")
    assert first.exit_code == 0 and "2 statuses recorded." in first.output
    again = invoke("compliance", "record", "--on", "2021-01-25")
    assert "0 statuses recorded." in again.output
    assert ComplianceAssessment.objects.count() == 2
    status = invoke("compliance", "status", "--on", "2021-01-24")
    assert "2\tlapsed\tforeign_forces_withdrawn" in status.output
