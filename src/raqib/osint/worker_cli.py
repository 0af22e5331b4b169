"""``raqib worker``: run the background tasks of the configured backend (``RAQIB_TASK_BACKEND``).

With the database backend this is django-tasks-db's worker; with ``rq``, an RQ worker with
django-tasks-rq's job class. Either stops cleanly on SIGTERM or Ctrl+C: the task running
finishes first. Every ``RAQIB_FEEDS_INTERVAL`` minutes the worker queues a feed fetch; sources
are claimed one by one, so several workers ticking together fetch each source once.
"""

from __future__ import annotations

import logging
import threading

import click

from raqib.osint.clitools import needs_django

logger = logging.getLogger(__name__)


class FeedTicker(threading.Thread):
    """Queues ``fetch_feeds`` now and then every ``minutes``; a daemon, so it ends with the worker."""

    def __init__(self, minutes: int) -> None:
        super().__init__(name="raqib-feed-ticker", daemon=True)
        self.seconds = minutes * 60.0
        self.stopped = threading.Event()

    def run(self) -> None:
        from django.db import close_old_connections

        from raqib.osint.tasks import fetch_feeds

        while not self.stopped.is_set():
            try:
                fetch_feeds.enqueue()
            except Exception:  # the queue may be briefly unreachable: try again next time
                logger.exception("could not queue the feed fetch")
            finally:
                close_old_connections()
            self.stopped.wait(self.seconds)

    def stop(self) -> None:
        self.stopped.set()


def run_database_worker(batch: bool, interval: float) -> None:
    from django.core.management import call_command

    call_command("db_worker", queue_name="default", batch=batch, reload=False, interval=interval,
                 startup_delay=not batch, verbosity=1)


def run_rq_worker(batch: bool) -> None:
    import django_rq
    from django.db import connections
    from django_tasks_rq import Job
    from redis.exceptions import ConnectionError as RedisDown

    # RQ forks a process per job: it must not inherit this process's database connections.
    connections.close_all()
    try:
        django_rq.get_worker("default", job_class=Job).work(burst=batch, logging_level="INFO")
    except RedisDown as exc:
        raise click.ClickException(f"Redis (RAQIB_REDIS_URL) cannot be reached: {exc}") from None


@click.command()
@click.option("--batch", is_flag=True, help="Run the tasks waiting now, then stop (no feed schedule).")
@click.option("--interval", type=click.FloatRange(0.1, 60), default=1.0, show_default=True,
              help="Seconds between two looks at an empty database queue.")
@needs_django
def worker(batch: bool, interval: float) -> None:
    """Run the background worker: news feeds fetched on schedule, extraction of new articles,
    overdue patrols checked every minute."""
    from django.conf import settings

    minutes = settings.RAQIB_FEEDS_INTERVAL
    ticker = FeedTicker(minutes) if minutes and not batch else None
    click.echo(f"Worker on the {settings.RAQIB_TASK_BACKEND} backend"
               + (f", fetching feeds every {minutes} minutes" if ticker else "") + ". Stop with Ctrl+C or SIGTERM.",
               err=True)
    if ticker is not None:
        ticker.start()
    from raqib.mission.tasks import OverdueTicker  # overdue patrols, checked every minute

    overdue = OverdueTicker() if not batch else None
    if overdue is not None:
        overdue.start()
    try:
        if settings.RAQIB_TASK_BACKEND == "rq":
            run_rq_worker(batch)
        else:
            run_database_worker(batch, interval)
    finally:
        if ticker is not None:
            ticker.stop()
        if overdue is not None:
            overdue.stop()
