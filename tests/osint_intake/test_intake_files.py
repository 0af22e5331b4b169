"""Every input kind is read into articles, and hostile input is refused with a message that
names the file. No database: these read files only."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from raqib.osint.intake import IntakeError
from raqib.osint.intake.files import files_under, read_file

from .samples import MINE_EN, SHELLING_AR, SHELLING_EN

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test wire</title><language>en-gb</language>
<item><title>Shelling near Sirte</title><link>https://news.example.org/2020/11/shelling?utm_source=rss</link>
<pubDate>Tue, 03 Nov 2020 09:00:00 GMT</pubDate><description>&lt;p&gt;{SHELLING_EN}&lt;/p&gt;</description></item>
<item><title>Mine blast</title><link>https://news.example.org/2020/12/mine</link>
<pubDate>Mon, 14 Dec 2020 07:30:00 GMT</pubDate><description>{MINE_EN}</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar"><title>وكالة تجريبية</title>
<entry><title>قصف في سرت</title><link href="https://ar.example.org/sirte-1"/><id>urn:1</id>
<updated>2020-11-04T08:00:00Z</updated><content type="html">&lt;p&gt;{SHELLING_AR}&lt;/p&gt;</content></entry>
</feed>"""

PAGE = f"""<!doctype html><html lang="en"><head><title>Shelling near Sirte | Test wire</title>
<meta property="article:published_time" content="2020-11-03T09:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Shelling near Sirte</h1><p>{SHELLING_EN}</p>
<p>Witnesses said several shells landed near farms on the outskirts, and families left for the coast.</p></article>
<footer>Copyright Test wire. Subscribe to our newsletter for more news.</footer></body></html>"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>
<rss version="2.0"><channel><title>bomb</title><item><title>&i;</title><description>&i;</description></item></channel></rss>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>t</title><description>&secret;</description></item></channel></rss>"""


def telegram_export(username: str | None = None) -> dict[str, object]:
    export: dict[str, object] = {
        "name": "Test channel", "type": "public_channel", "id": 1234567,
        "messages": [
            {"id": 41, "type": "service", "date": "2020-11-03T10:00:00", "action": "pin_message"},
            {"id": 42, "type": "message", "date": "2020-11-03T11:15:00", "date_unixtime": "1604394900",
             "text": ["عاجل: ", {"type": "bold", "text": "قصف مدفعي"}, " " + SHELLING_AR]},
            {"id": 43, "type": "message", "date": "2020-11-03T12:00:00", "text": MINE_EN},
            {"id": 44, "type": "message", "date": "2020-11-03T12:05:00", "text": ""},
        ],
    }
    if username:
        export["username"] = username
    return export


def test_a_json_file_holds_one_article_or_a_list(write):
    one = write("one.json", {"url": "https://e.org/1", "date": "2020-11-03", "lang": "en", "title": "T",
                             "text": SHELLING_EN})
    many = write("many.json", [{"text": SHELLING_EN}, {"text": MINE_EN, "lang": "en"}])
    [a] = read_file(one)
    assert (a.url, a.title, a.lang, a.text) == ("https://e.org/1", "T", "en", SHELLING_EN)
    assert a.published_at == dt.datetime(2020, 11, 3, tzinfo=dt.UTC)
    assert [x.text for x in read_file(many)] == [SHELLING_EN, MINE_EN]


def test_a_jsonl_dump_gives_one_article_per_line_and_names_the_bad_line(write):
    good = write("dump.jsonl", '{"text": "%s"}\n\n{"text": "%s"}\n' % (SHELLING_EN, MINE_EN))
    assert len(read_file(good)) == 2
    bad = write("bad.jsonl", '{"text": "ok"}\n{"title": "no text"}\n')
    with pytest.raises(IntakeError, match=r"bad\.jsonl:2: not an article"):
        read_file(bad)


def test_a_text_file_is_one_article(write):
    [a] = read_file(write("note.txt", SHELLING_AR + "\n"))
    assert a.text == SHELLING_AR and a.url == "" and a.published_at is None


def test_an_html_page_keeps_the_main_text_and_leaves_out_menus_and_footer(write):
    [a] = read_file(write("page.html", PAGE))
    assert SHELLING_EN in a.text and "families left for the coast" in a.text
    assert "Sport" not in a.text and "newsletter" not in a.text
    assert a.title.startswith("Shelling near Sirte")
    assert a.published_at == dt.datetime(2020, 11, 3, 9, 0, tzinfo=dt.UTC)


def test_an_rss_feed_gives_its_items_with_link_date_and_text(write):
    first, second = read_file(write("wire.rss", RSS))
    assert first.url.startswith("https://news.example.org/2020/11/shelling")
    assert first.text == SHELLING_EN and first.lang == "en" and first.title == "Shelling near Sirte"
    assert first.published_at == dt.datetime(2020, 11, 3, 9, 0, tzinfo=dt.UTC)
    assert second.published_at == dt.datetime(2020, 12, 14, 7, 30, tzinfo=dt.UTC)


def test_an_atom_feed_gives_its_entries_in_their_language(write):
    [entry] = read_file(write("wire.atom", ATOM))
    assert entry.text == SHELLING_AR and entry.url == "https://ar.example.org/sirte-1" and entry.lang == "ar"


def test_a_telegram_export_gives_its_messages_with_their_t_me_address(write):
    articles = read_file(write("result.json", telegram_export("test_channel")))
    assert [a.url for a in articles] == ["https://t.me/test_channel/42", "https://t.me/test_channel/43"]
    assert articles[0].text.startswith("عاجل: قصف مدفعي ")
    assert articles[0].published_at == dt.datetime(2020, 11, 3, 9, 15, tzinfo=dt.UTC)  # from date_unixtime
    assert articles[0].title == "Test channel"


def test_a_telegram_export_without_username_has_no_address_unless_one_is_given(write, tmp_path):
    path = write("result.json", telegram_export())
    assert [a.url for a in read_file(path)] == ["", ""]
    assert read_file(path, username="given_name")[1].url == "https://t.me/given_name/43"


def test_an_entity_bomb_feed_is_refused_without_expanding_it(write):
    path = write("bomb.rss", BOMB)
    started = time.monotonic()
    with pytest.raises(IntakeError, match=r"bomb\.rss: refused, the feed declares XML entities"):
        read_file(path)
    assert time.monotonic() - started < 2


def test_a_feed_with_an_external_entity_is_refused(write):
    with pytest.raises(IntakeError, match=r"ext\.xml: refused"):
        read_file(write("ext.xml", EXTERNAL))


def test_a_malformed_feed_declaring_entities_is_refused_too(write):
    broken = BOMB.replace("</channel></rss>", "<unclosed>")
    with pytest.raises(IntakeError, match="refused"):
        read_file(write("broken.rss", broken))


def test_an_oversize_file_is_refused_before_it_is_read_with_a_message(write):
    path = write("big.jsonl", '{"text": "x"}\n' * 200)
    with pytest.raises(IntakeError, match=r"big\.jsonl: 2800 bytes is more than the 1000 bytes allowed"):
        read_file(path, max_bytes=1000)


def test_a_file_with_too_many_articles_is_refused(write):
    path = write("many.json", [{"text": f"article {i}"} for i in range(11)])
    with pytest.raises(IntakeError, match=r"many\.json: 11 articles is more than the 10 allowed"):
        read_file(path, max_articles=10)


def test_invalid_json_and_unknown_types_are_named(write):
    with pytest.raises(IntakeError, match=r"broken\.json: invalid JSON"):
        read_file(write("broken.json", "{not json"))
    with pytest.raises(IntakeError, match=r"slides\.pptx: unsupported file type"):
        read_file(write("slides.pptx", b"PK"))
    with pytest.raises(IntakeError, match=r"latin\.txt: not UTF-8"):
        read_file(write("latin.txt", "caf\xe9".encode("latin-1")))


def test_deeply_nested_json_is_refused_not_crashing(write):
    with pytest.raises(IntakeError, match=r"deep\.json: invalid JSON"):
        read_file(write("deep.json", "[" * 100_000 + "]" * 100_000))


def test_a_directory_stands_for_its_article_files_without_gold_answers(write, tmp_path):
    write("001.json", {"text": SHELLING_EN})
    write("001.gold.json", {"events": []})
    write("notes.md", "not an article")
    assert [p.name for p in files_under(tmp_path)] == ["001.json"]


def test_an_arabic_page_in_windows_1256_is_read_in_its_own_encoding(write):
    page = (f'<html><head><meta charset="windows-1256"><title>قصف في سرت</title></head><body>'
            f'<article><p>{SHELLING_AR}</p><p>وقال شهود إن عدة قذائف سقطت قرب المزارع في أطراف المدينة.</p></article>'
            f'</body></html>')
    [a] = read_file(write("page.htm", page.encode("cp1256")))
    assert SHELLING_AR in a.text and a.title == "قصف في سرت"
