"""News extraction speed and memory: articles per second on one core, peak memory, and the
ratio to a plain pass that only splits and tokenises the same articles, in the same run.

    .venv/bin/python bench/osint_bench.py [ARTICLE_DIR] [--repeat N]

ARTICLE_DIR defaults to the development set (/work/shared/eval/news-dev); its ``NNN.json``
articles are repeated N times (default 20).
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from raqib.osint.extract import extract_article, load_articles, load_gazetteer
from raqib.osint.extract.sentences import split_sentences
from raqib.osint.extract.textnorm import normalize, strip_marks, tokens

DEV = Path("/work/shared/eval/news-dev")


def tokenise_only(article: dict[str, Any]) -> int:
    """The baseline: what any text pipeline must do (split, clean, tokenise, fold)."""
    n = 0
    for sentence in split_sentences(article["text"]):
        clean = strip_marks(sentence)
        normalize(clean)
        n += len(tokens(clean))
    return n


def timed(fn: Callable[[dict[str, Any]], object], articles: list[dict[str, Any]]) -> float:
    start = time.process_time()
    for article in articles:
        fn(article)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEV)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    base = [a for _, a in load_articles(args.directory)]
    if not base:
        raise SystemExit(f"{args.directory}: no articles")
    articles = base * args.repeat
    chars = sum(len(a["text"]) for a in articles)

    start = time.process_time()
    gaz = load_gazetteer()
    load_s = time.process_time() - start
    extract_article(base[0], gaz)  # compile the lexicons once, as a long-running process would

    baseline_s = timed(tokenise_only, articles)
    extract_s = timed(lambda a: extract_article(a, gaz), articles)

    tracemalloc.start()
    for article in base:
        extract_article(article, gaz)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    n = len(articles)
    print(f"articles: {n} ({len(base)} distinct x {args.repeat}), {chars / n:.0f} characters each on average")
    print(f"gazetteer load: {load_s * 1000:.0f} ms (once per process)")
    print(f"tokenise only : {n / baseline_s:8.0f} articles/s per core  ({baseline_s / n * 1000:.2f} ms each)")
    print(f"extract       : {n / extract_s:8.0f} articles/s per core  ({extract_s / n * 1000:.2f} ms each)")
    print(f"ratio         : extraction takes {extract_s / baseline_s:.1f}x the tokenise-only pass")
    print(f"memory        : peak {peak / 1024:.0f} KiB allocated while extracting one pass (tracemalloc); "
          f"process max RSS {rss_mb:.0f} MiB")


if __name__ == "__main__":
    main()
