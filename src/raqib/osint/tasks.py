"""Background work on Django's task API (the ``django-tasks`` backport): the backend is chosen
by ``RAQIB_TASK_BACKEND`` (the database by default, RQ for many workers) and run by
``raqib worker``. Arguments and results are plain JSON."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django_tasks import task

from raqib.osint.fetching import fetch_sources
from raqib.osint.processing import process_pending

PROCESS_BATCH = 1000


@task()
def process_articles(limit: int = PROCESS_BATCH) -> dict[str, int]:
    """Run the extraction on articles not processed yet; queue another run when more remain."""
    from raqib.osint.models import Article

    report = process_pending(limit)
    if Article.objects.filter(processed=False).exists():
        process_articles.enqueue(limit)
    return asdict(report)


@task()
def fetch_feeds(force: bool = False) -> dict[str, Any]:
    """Fetch the news sources that are due (every active one with ``force``), then extract."""
    report = fetch_sources(force=force)
    if report.stored:
        process_articles.enqueue()
    return asdict(report)
