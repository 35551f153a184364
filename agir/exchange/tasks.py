"""The exchange as a periodic task: the scheduler enqueues it every EXCHANGE_INTERVAL seconds;
it does something only in connected mode, and never two at once (the lock)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.tasks import task

from .runs import Busy

log = logging.getLogger(__name__)


@task
def exchange_tick() -> str:
    if settings.EXCHANGE_MODE != "connected":
        return "standalone: nothing to exchange"
    from . import service

    try:
        runs = service.tick()
    except Busy:
        return "another exchange run is in progress"
    return "; ".join(f"{run.kind}: {run.outcome}" for run in runs)
