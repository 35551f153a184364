"""Health, in two checks.

- `/healthz`, for the load balancer: does this web process reach the database. Nothing else:
  a slow mail server or a stopped worker must not take the web servers out of service. The
  answer says ok or not, never why (the error goes to the log).
- `/healthz/worker`, for monitoring: has a task worker's heartbeat thread (heartbeat.py)
  stamped its row within WORKER_HEARTBEAT_MAX_AGE, since this web process started. A row left
  by a previous run is not taken for a live worker at start-up, however recent it is.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from agir.core.models import WorkerHeartbeat

log = logging.getLogger(__name__)

_started_at: datetime | None = None


def mark_started(at: datetime | None = None) -> None:
    """Remember when this process started (CoreConfig.ready)."""
    global _started_at
    _started_at = at or timezone.now()


def started_at() -> datetime:
    if _started_at is None:
        mark_started()
    return _started_at


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # whatever the driver raises, the answer is "not healthy"
        log.exception("health check: the database does not answer")
        return False
    return True


def worker_check() -> tuple[bool, dict[str, Any]]:
    """(healthy, report) from the worker heartbeats written since this process started."""
    now = timezone.now()
    oldest = max(now - timezone.timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE), started_at())
    try:
        live = WorkerHeartbeat.objects.filter(beat_at__gte=oldest)
        count = live.count()
        newest = live.order_by("-beat_at").values_list("beat_at", flat=True).first()
    except DatabaseError:
        log.exception("worker check: the database does not answer")
        return False, {"workers": 0}
    report: dict[str, Any] = {"workers": count}
    if newest is not None:
        report["last_beat_seconds_ago"] = round((now - newest).total_seconds(), 1)
    return count > 0, report
