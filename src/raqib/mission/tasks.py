"""The overdue check as a background task, and the ticker ``raqib worker`` runs it with."""

from __future__ import annotations

import logging
import threading

from django_tasks import task

logger = logging.getLogger(__name__)

# The overdue rule has a 15-minute grace: checking every minute raises an alert within a
# minute of it falling due.
CHECK_SECONDS = 60.0


@task()
def check_overdue_patrols() -> dict[str, int]:
    """Raise (and email) the overdue alerts due now."""
    from django.utils import timezone

    from raqib.mission.services import raise_overdue_alerts

    return {"alerts": len(raise_overdue_alerts(timezone.now()))}


class OverdueTicker(threading.Thread):
    """Queues ``check_overdue_patrols`` every CHECK_SECONDS; a daemon, so it ends with the worker.
    Two workers ticking together raise each alert once (the patrol's row is locked)."""

    def __init__(self, seconds: float = CHECK_SECONDS) -> None:
        super().__init__(name="raqib-overdue-ticker", daemon=True)
        self.seconds = seconds
        self.stopped = threading.Event()

    def run(self) -> None:
        from django.db import close_old_connections

        while not self.stopped.is_set():
            try:
                check_overdue_patrols.enqueue()
            except Exception:  # the queue may be briefly unreachable: try again next time
                logger.exception("could not queue the overdue check")
            finally:
                close_old_connections()
            self.stopped.wait(self.seconds)

    def stop(self) -> None:
        self.stopped.set()
