"""Periodic jobs: enqueue the recurring tasks every SCHEDULER_INTERVAL seconds.

One scheduler runs per deployment; the tasks themselves are safe to run concurrently, so two
schedulers only do some work twice, never wrong.
"""

import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from agir.backoffice.tasks import send_overdue_digest
from agir.core.tasks import task_housekeeping
from agir.exchange.tasks import exchange_tick
from agir.notify.tasks import notify_housekeeping, send_notifications
from agir.portal.tasks import discard_stale_wizard_drafts
from agir.quality.tasks import apply_retention, catch_up_facts
from agir.works.tasks import works_housekeeping

log = logging.getLogger(__name__)

PERIODIC_TASKS = [send_notifications, notify_housekeeping]
# Tasks that need not run at every tick: task -> seconds between two runs.
HOURLY = 3600
DAILY = 24 * HOURLY
SLOW_TASKS = {
    discard_stale_wizard_drafts: HOURLY,
    task_housekeeping: HOURLY,
    # the daily email of overdue requests to staff (sent once a day, whatever the ticks)
    send_overdue_digest: HOURLY,
    # work orders whose visit passed without a report are flagged to the officer
    works_housekeeping: HOURLY,
    # the exchange with the ERP (does nothing in standalone mode)
    exchange_tick: settings.EXCHANGE_INTERVAL,
    # personal data past its retention time anonymised (agir/quality/retention.py)
    apply_retention: DAILY,
    # the indicators' rows of the requests changed since (agir/quality/facts.py)
    catch_up_facts: 60,
}


class Command(BaseCommand):
    help = "Enqueue AGIR's periodic tasks (due notifications, housekeeping) at a fixed interval."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=settings.SCHEDULER_INTERVAL)
        parser.add_argument("--once", action="store_true", help="Enqueue once, then exit.")

    def handle(self, *args, interval: float, once: bool, **options) -> None:
        running = True

        def stop(signum, frame):
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        last_run: dict = {}
        while running:
            now = time.monotonic()
            due = [
                *PERIODIC_TASKS,
                *(t for t, every in SLOW_TASKS.items() if now - last_run.get(t, -every) >= every),
            ]
            for periodic in due:
                try:
                    periodic.enqueue()
                    last_run[periodic] = now
                except Exception:
                    log.exception("could not enqueue %s", periodic.name)
            if once:
                return
            deadline = time.monotonic() + interval
            while running and time.monotonic() < deadline:
                time.sleep(0.2)
