"""``osint``: the news-extraction commands. No Django and no database: the lead attaches the
group to the main CLI (``main.add_command(osint)``); ``python -m raqib.osint.cli`` runs it alone.

``osint extract PATH...`` prints one JSON object per line for every candidate event::

    {"article", "url", "category", "subtype", "place", "place_name_en", "lat", "lon", "date",
     "actors", "evidence", "confidence"}

(``article`` is the file the event comes from); an irrelevant article prints nothing. A file that
cannot be read is reported on stderr, the others are still processed, and the exit status is 1.
``osint evaluate GOLD_DIR`` prints precision, recall and F1 per language and level.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from raqib.osint.extract import ArticleError, extract_article, load_gazetteer
from raqib.osint.extract.loader import article_files, load_file
from raqib.osint.extract.pipeline import MIN_CONFIDENCE

OUTPUT_KEYS = ("url", "category", "subtype", "place", "place_name_en", "lat", "lon", "date", "actors",
               "evidence", "confidence")

# Not --data-dir: for the other raqib commands that is the folder of the database.
_gazetteer = click.option("--gazetteer", "gazetteer_dir", metavar="DIR", default=None,
                          type=click.Path(exists=True, file_okay=False, path_type=Path),
                          help="Folder with places.csv and parties.csv (default: the built-in Libya 2020 profile).")


@click.group()
def osint() -> None:
    """Open-source monitoring: events found in news articles."""


@osint.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="Output format.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=MIN_CONFIDENCE, show_default=True,
              help="Leave out candidates below this confidence.")
@_gazetteer
def extract(paths: tuple[Path, ...], fmt: str, min_confidence: float, gazetteer_dir: Path | None) -> None:
    """Extract candidate events from article files (.json, .jsonl, .txt, .html) or directories
    of NNN.json files."""
    gazetteer = load_gazetteer(gazetteer_dir)
    failed = False
    for path in paths:
        try:
            files = article_files(path)
        except ArticleError as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
            continue
        for file in files:
            try:
                articles = load_file(file)
            except ArticleError as exc:
                click.echo(f"error: {exc}", err=True)
                failed = True
                continue
            for article in articles:
                for event in extract_article(article, gazetteer, min_confidence):
                    row = {"article": str(file), **{k: event.get(k) for k in OUTPUT_KEYS if k != "url"}}
                    row["url"] = article.get("url")
                    click.echo(json.dumps({k: row[k] for k in ("article", *OUTPUT_KEYS)}, ensure_ascii=False))
    if failed:
        sys.exit(1)


@osint.command()
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_gazetteer
def evaluate(gold_dir: Path, gazetteer_dir: Path | None) -> None:
    """Score the extraction against GOLD_DIR (NNN.json articles with NNN.gold.json answers)."""
    from raqib.osint.evaluate import evaluate as run

    gazetteer = load_gazetteer(gazetteer_dir)
    report = run(gold_dir, lambda article: extract_article(article, gazetteer))
    if not report.counts:
        raise click.ClickException(f"{gold_dir}: no NNN.json with NNN.gold.json found")
    click.echo(report.table())



# --- Commands on the database (Django set up when they run; see raqib.osint.clitools) -----

from raqib.osint.clitools import needs_django  # noqa: E402 - after the commands that need no Django


def _queue_processing() -> str:
    from raqib.osint.tasks import process_articles

    result = process_articles.enqueue()
    return f"Extraction queued (task {result.id}); a running `raqib worker` does it, or `raqib osint process` now."


@osint.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--source", "source_name", metavar="NAME", default=None,
              help="The news source the articles come from, created when new (default: one per kind of file, "
                   "such as “import: json”).")
@click.option("--username", metavar="CHANNEL", default="",
              help="The Telegram channel's username, for exports that do not carry it (for t.me addresses).")
@click.option("--process/--no-process", "process_now", default=False,
              help="Run the extraction now instead of queueing it for the worker.")
@needs_django
def import_(paths: tuple[Path, ...], source_name: str | None, username: str, process_now: bool) -> None:
    """Store the articles of files (JSON, JSONL, .txt, .html, RSS/Atom, Telegram result.json) or
    of the article files in directories. An article already stored (same address, same or
    nearly the same text) is stored once."""
    from raqib.osint import services
    from raqib.osint.intake import IntakeError
    from raqib.osint.intake.files import files_under, kind_of, read_file
    from raqib.osint.intake.telegram import username_from

    failed = stored = 0
    for path in paths:
        for file in files_under(path):
            try:
                kind = kind_of(file)
                source = services.source_named(source_name or f"import: {kind}", kind, None)
                articles = read_file(file, username=username or username_from(source.url))
                report = services.store_articles(source, articles)
            except IntakeError as exc:
                click.echo(f"error: {exc}", err=True)
                failed += 1
                continue
            stored += report.stored
            click.echo(f"{file}: {report.stored} stored, {report.duplicates} already stored")
    if stored:
        click.echo(_process_now() if process_now else _queue_processing())
    if failed:
        sys.exit(1)


def _process_now() -> str:
    from raqib.osint.processing import process_pending

    report = process_pending()
    return (f"{report.articles} articles read: {report.created} new candidates, {report.merged} added to "
            f"candidates already found" + (f", {report.failed} set aside (see the log)" if report.failed else ""))


@osint.command()
@click.option("--limit", type=click.IntRange(1), default=None, help="Process at most this many articles.")
@needs_django
def process(limit: int | None) -> None:
    """Run the extraction on the articles not processed yet, now."""
    from raqib.osint.processing import process_pending

    report = process_pending(limit)
    click.echo(f"{report.articles} articles read: {report.created} new candidates, {report.merged} added to "
               f"candidates already found" + (f", {report.failed} set aside (see the log)" if report.failed else ""))


@osint.command()
@click.option("--source", "names", metavar="NAME", multiple=True, help="Fetch only this source (repeatable).")
@needs_django
def fetch(names: tuple[str, ...]) -> None:
    """Fetch the active news sources that have an address (RSS/Atom feeds, pages, dumps) now,
    whenever they were last fetched. Needs the server to reach their sites."""
    from raqib.osint.fetching import fetch_sources

    report = fetch_sources(force=True, names=list(names) or None)
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(f"{report.sources} sources fetched: {report.stored} articles stored, "
               f"{report.duplicates} already stored")
    if report.stored:
        click.echo(_queue_processing())
    if report.errors:
        sys.exit(1)


@osint.command()
@click.argument("name")
@click.option("--kind", type=click.Choice(["feed", "html", "json", "telegram", "text"]), default=None,
              help="What the source is (required for a new source).")
@click.option("--url", default=None, help="Its address: the feed, the page, or https://t.me/CHANNEL.")
@click.option("--language", type=click.Choice(["ar", "en", "auto"]), default=None,
              help="The language of its articles (auto: told from each text).")
@click.option("--reliability", type=click.Choice(list("ABCDEF")), default=None,
              help="Its reliability, A (completely reliable) to F (cannot be judged).")
@click.option("--active/--inactive", default=None, help="Whether `raqib worker` fetches it.")
@needs_django
def source(name: str, kind: str | None, url: str | None, language: str | None, reliability: str | None,
           active: bool | None) -> None:
    """Add a news source or change one."""
    from raqib.core.errors import Invalid
    from raqib.osint import services
    from raqib.osint.models import NewsSource

    values = {k: v for k, v in {"kind": kind, "url": url, "reliability": reliability, "active": active,
                                "language": "" if language == "auto" else language}.items() if v is not None}
    if kind is None and not NewsSource.objects.filter(name=name).exists():
        raise Invalid("A new news source needs --kind.")
    record, changed = services.upsert_source(name, values, None)
    state = "active" if record.active else "inactive"
    click.echo(f"{record.name}: {record.kind}, {record.url or 'no address'}, reliability {record.reliability}, "
               f"{state}" + ("" if changed else " (unchanged)"))


@osint.command()
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="How many to list.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@needs_django
def candidates(limit: int, fmt: str) -> None:
    """List the candidate events waiting for an analyst, most recent first."""
    from django.db.models import Count, F

    from raqib.osint.models import Candidate

    pending = (Candidate.objects.filter(state="pending").annotate(n_sources=Count("sources"))
               .order_by(F("date").desc(nulls_last=True), "-id")[:limit])
    for c in pending:
        row = {"id": c.pk, "date": c.date.isoformat() if c.date else None, "category": c.category, "subtype": c.subtype,
               "place": c.place_name_en or c.place_text or None, "lat": c.lat, "lon": c.lon, "actors": c.actors,
               "sources": c.n_sources, "confidence": c.confidence, "evidence": c.evidence}
        if fmt == "jsonl":
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            evidence = " ".join(c.evidence.split())
            click.echo(f"{c.pk:>6}  {row['date'] or 'undated   '}  {c.category}/{c.subtype}  {row['place'] or '?'}  "
                       f"sources={c.n_sources}  confidence={c.confidence:.2f}  {evidence[:100]}")


if __name__ == "__main__":
    osint()
