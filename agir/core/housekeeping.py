"""Housekeeping of the task queue's rows (database backend) and of the heartbeats.

- Finished task rows are deleted once older than TASK_RESULTS_KEEP_HOURS (failed ones after
  TASK_FAILURES_KEEP_DAYS): an idle deployment adds some 17,000 a day.
- A task row left «running» by a worker that was killed stays so for ever: it is marked failed
  («worker lost») once no live worker could be running it, i.e. every worker with a fresh
  heartbeat started after the task did (a worker's heartbeat row is stamped by a thread of
  that process, see heartbeat.py), or once it has been running for TASK_RUNNING_MAX_HOURS.
  The work is not lost: the periodic tasks are enqueued again by the scheduler, and the
  outbox's claims hand the notifications of a dead worker to another one.
- Heartbeat rows of processes gone for a day are deleted.

With the Redis backend, RQ keeps its own registries: finished jobs expire, and the jobs of a
dead worker are moved to its failed registry.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from agir.core.models import WorkerHeartbeat

log = logging.getLogger(__name__)

LOST = "agir.core.housekeeping.WorkerLost"


@dataclass(frozen=True)
class Swept:
    pruned: int
    recovered: int
    heartbeats: int


def sweep() -> Swept:
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    pruned, _ = DBTaskResult.objects.filter(
        status=TaskResultStatus.SUCCESSFUL,
        finished_at__lt=now - timedelta(hours=settings.TASK_RESULTS_KEEP_HOURS),
    ).delete()
    failed, _ = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED,
        finished_at__lt=now - timedelta(days=settings.TASK_FAILURES_KEEP_DAYS),
    ).delete()
    recovered = (
        DBTaskResult.objects.running()
        .filter(orphaned(now))
        .update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=LOST,
            traceback="The worker running this task stopped (killed or lost) before it finished.",
        )
    )
    if recovered:
        log.warning("%s task(s) left running by a lost worker marked failed", recovered)
    heartbeats, _ = WorkerHeartbeat.objects.filter(beat_at__lt=now - timedelta(days=1)).delete()
    return Swept(pruned + failed, recovered, heartbeats)


def orphaned(now) -> Q:
    """A condition on running task rows: no live worker can be running them."""
    fresh = now - timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE)
    live = WorkerHeartbeat.objects.filter(beat_at__gte=fresh)
    if not live.exists():
        return Q()  # no worker alive: nothing is being run
    too_old = Q(started_at__lt=now - timedelta(hours=settings.TASK_RUNNING_MAX_HOURS))
    earliest = (
        live.filter(started_at__isnull=False)
        .order_by("started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    if earliest is None:
        return too_old
    # Started before every live worker: none of them can be running it.
    return Q(started_at__lt=earliest) | too_old
