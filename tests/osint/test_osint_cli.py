"""The ``osint`` commands through click's CliRunner: the output is a contract."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

# Through the main group, as users run it (click remembers the first group that ran a command).
from raqib.cli import cli

CONTRACT = ["article", "url", "category", "subtype", "place", "place_name_en", "lat", "lon", "date", "actors",
            "evidence", "confidence"]
CLASH = {"url": "https://example.org/clash", "date": "2021-03-10", "lang": "en", "title": None,
         "text": "Clashes erupted in Sirte on Monday between Haftar's forces and the Libyan Army."}
OIL = {"url": "https://example.org/oil", "date": "2021-03-10", "lang": "en", "title": None,
       "text": "Libya's oil output rose to a seven-year high, the National Oil Corporation said."}


def run(*args: str) -> object:
    return CliRunner().invoke(cli, ["osint", *args])


def test_extract_prints_one_json_object_per_candidate_with_the_contract_keys(tmp_path, gazetteer_dir):
    path = tmp_path / "001.json"
    path.write_text(json.dumps(CLASH), encoding="utf-8")
    result = run("extract", str(path), "--format", "jsonl", "--gazetteer", str(gazetteer_dir))
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    row = json.loads(line)
    assert list(row) == CONTRACT
    assert row["article"] == str(path) and row["url"] == CLASH["url"]
    assert (row["category"], row["place_name_en"], row["date"]) == ("ceasefire_violation", "Sirte", "2021-03-08")


def test_extract_prints_nothing_for_an_irrelevant_article(tmp_path, gazetteer_dir):
    path = tmp_path / "oil.json"
    path.write_text(json.dumps(OIL), encoding="utf-8")
    result = run("extract", str(path), "--gazetteer", str(gazetteer_dir))
    assert result.exit_code == 0 and result.output == ""


def test_extract_reports_a_bad_file_on_stderr_keeps_going_and_fails(tmp_path, gazetteer_dir):
    bad, good = tmp_path / "bad.json", tmp_path / "good.json"
    bad.write_text("{oops", encoding="utf-8")
    good.write_text(json.dumps(CLASH), encoding="utf-8")
    result = CliRunner().invoke(cli, ["osint", "extract", str(bad), str(good), "--gazetteer", str(gazetteer_dir)])
    assert result.exit_code == 1
    assert "bad.json" in result.stderr and "bad.json" not in result.stdout
    assert len(result.stdout.splitlines()) == 1


def test_evaluate_prints_the_table(tmp_path, gazetteer_dir):
    (tmp_path / "001.json").write_text(json.dumps(CLASH), encoding="utf-8")
    gold = {"relevant": True, "events": [{"type": "ceasefire_violation", "place": "Sirte", "place_en": "Sirte",
                                          "lat": 31.2, "lon": 16.6, "date": "2021-03-08", "actors": []}]}
    (tmp_path / "001.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    result = run("evaluate", str(tmp_path), "--gazetteer", str(gazetteer_dir))
    assert result.exit_code == 0, result.output
    assert "en    category+place        1.000  1.000  1.000" in result.output
    assert "relevance accuracy all  1.000 (1/1)" in result.output


def test_evaluate_refuses_a_directory_without_gold(tmp_path):
    result = run("evaluate", str(tmp_path))
    assert result.exit_code != 0 and "no NNN.json" in result.output
