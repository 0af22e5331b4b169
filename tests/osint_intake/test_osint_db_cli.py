"""The ``osint`` commands that use the database, through click's CliRunner and the main
``raqib`` group (click caches each command's help option with the names of the group that
first ran it: the main group's ``-h, --help``, as the CLI reference shows)."""

from __future__ import annotations

import json

from click.testing import CliRunner, Result

from raqib.cli import cli
from raqib.osint.models import Article, Candidate, NewsSource

from .samples import MINE_EN, SHELLING_AR, SHELLING_EN
from .test_intake_files import ATOM, RSS, telegram_export


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["osint", *args], env={"LC_ALL": None, "LC_MESSAGES": None, "LANG": None})


def test_import_stores_each_file_once_and_queues_the_extraction(db, write, sirte):
    dump = write("dump.jsonl", "\n".join(json.dumps({"url": f"https://e.org/{i}", "date": "2020-11-03", "text": t})
                                         for i, t in enumerate([SHELLING_EN, SHELLING_AR])))
    note = write("note.txt", MINE_EN)
    result = run("import", str(dump), str(note), "--source", "Desk")
    assert result.exit_code == 0, result.output
    assert f"{dump}: 2 stored, 0 already stored" in result.output
    assert f"{note}: 1 stored, 0 already stored" in result.output
    assert "Extraction queued" in result.output
    assert Article.objects.filter(source__name="Desk").count() == 3
    # The tests run tasks immediately: the queued extraction has run.
    assert Candidate.objects.get(category="ceasefire_violation").sources.count() == 2

    again = run("import", str(dump), "--source", "Desk")
    assert f"{dump}: 0 stored, 2 already stored" in again.output and "queued" not in again.output


def test_import_reads_a_telegram_export_into_a_source_of_its_own(db, write):
    path = write("result.json", telegram_export())
    result = run("import", str(path), "--username", "test_channel")
    assert result.exit_code == 0, result.output
    assert NewsSource.objects.get(name="import: telegram").kind == "telegram"
    assert sorted(Article.objects.values_list("url", flat=True)) == ["https://t.me/test_channel/42",
                                                                     "https://t.me/test_channel/43"]


def test_import_reads_saved_feeds_and_a_directory_of_them(db, write, tmp_path):
    write("wire.rss", RSS)
    write("wire.atom", ATOM)
    result = run("import", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert NewsSource.objects.get(name="import: feed").kind == "feed"
    assert Article.objects.count() == 3


def test_import_names_a_bad_file_goes_on_with_the_others_and_exits_1(db, write):
    bad = write("bad.json", "{oops")
    good = write("good.json", {"text": MINE_EN})
    result = run("import", str(bad), str(good))
    assert result.exit_code == 1
    assert f"error: {bad}: invalid JSON" in result.output
    assert Article.objects.count() == 1


def test_process_and_candidates_list_the_pending_queue(db, write, sirte, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queued, not run
    run("import", str(write("a.json", [{"text": SHELLING_EN, "date": "2020-11-03"}, {"text": MINE_EN}])))
    assert not Candidate.objects.exists()
    processed = run("process")
    assert processed.exit_code == 0, processed.output
    assert processed.output.startswith("2 articles read: 2 new candidates, 0 added")
    listed = run("candidates", "--format", "jsonl")
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert {r["category"] for r in rows} == {"ceasefire_violation", "explosive_hazard"}
    assert next(r for r in rows if r["category"] == "ceasefire_violation")["place"] == "Sirte"
    table = run("candidates")
    assert "ceasefire_violation/shelling  Sirte  sources=1" in table.output


def test_source_adds_and_changes_a_news_source(db):
    added = run("source", "Wire", "--kind", "feed", "--url", "https://news.example.org/rss", "--reliability", "B")
    assert added.exit_code == 0, added.output
    assert added.output.strip() == "Wire: feed, https://news.example.org/rss, reliability B, active"
    changed = run("source", "Wire", "--inactive")
    assert changed.output.strip().endswith("inactive")
    assert not NewsSource.objects.get(name="Wire").active


def test_a_new_source_needs_a_kind(db):
    result = run("source", "Nameless")
    assert result.exit_code == 1 and "needs --kind" in result.output


def test_fetch_with_nothing_to_fetch_says_so(db):
    result = run("fetch")
    assert result.exit_code == 0 and result.output.startswith("0 sources fetched")


def test_the_database_commands_take_a_data_dir():
    for command in ("import", "process", "fetch", "candidates", "source"):
        assert "--data-dir DIR" in run(command, "--help").output
