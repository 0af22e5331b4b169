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


if __name__ == "__main__":
    osint()
