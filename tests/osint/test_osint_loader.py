"""Reading article files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from raqib.osint.extract import ArticleError, load_articles


def write(path: Path, content: str) -> Path:
    path.write_text(content, encoding="utf-8")
    return path


def test_it_reads_one_json_article_a_json_list_and_jsonl(tmp_path):
    one = {"url": "u1", "date": "2021-01-02", "lang": "en", "title": "t", "text": "x"}
    write(tmp_path / "a.json", json.dumps(one))
    write(tmp_path / "b.json", json.dumps([one, {**one, "url": "u2"}]))
    write(tmp_path / "c.jsonl", json.dumps(one) + "\n\n" + json.dumps({**one, "url": "u3"}) + "\n")
    assert [a["url"] for _, a in load_articles(tmp_path / "a.json")] == ["u1"]
    assert [a["url"] for _, a in load_articles(tmp_path / "b.json")] == ["u1", "u2"]
    assert [a["url"] for _, a in load_articles(tmp_path / "c.jsonl")] == ["u1", "u3"]


def test_a_text_file_is_an_article_without_a_date(tmp_path):
    [(_, art)] = load_articles(write(tmp_path / "a.txt", "اشتباكات في سرت"))
    assert art["date"] is None and art["lang"] == "ar" and art["text"] == "اشتباكات في سرت"


def test_an_html_file_is_stripped_of_markup_scripts_and_styles(tmp_path):
    page = ("<html><head><title>Clashes</title><meta property='article:published_time' content='2021-05-01'>"
            "<style>p{}</style></head><body><script>var x=1;</script><p>Clashes in <b>Sirte</b>.</p>"
            "<p>Second&nbsp;paragraph.</p></body></html>")
    [(_, art)] = load_articles(write(tmp_path / "a.html", page))
    assert art["title"] == "Clashes" and art["date"] == "2021-05-01"
    assert art["text"] == "Clashes in Sirte.\nSecond paragraph."


def test_a_directory_is_its_json_articles_without_the_gold_files(tmp_path):
    write(tmp_path / "001.json", json.dumps({"text": "a"}))
    write(tmp_path / "001.gold.json", json.dumps({"relevant": False, "events": []}))
    write(tmp_path / "002.json", json.dumps({"text": "b"}))
    assert [f.name for f, _ in load_articles(tmp_path)] == ["001.json", "002.json"]


@pytest.mark.parametrize("name, content", [
    ("bad.json", "{not json"), ("notext.json", '{"title": "no text"}'), ("x.pdf", "%PDF"),
])
def test_a_bad_file_raises_an_error_naming_it(tmp_path, name, content):
    with pytest.raises(ArticleError, match=name):
        list(load_articles(write(tmp_path / name, content)))


def test_a_missing_path_raises(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        list(load_articles(tmp_path / "missing.json"))
