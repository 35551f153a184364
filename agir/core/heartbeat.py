"""The worker's heartbeat: a thread of each task-worker process stamps its row every
WORKER_HEARTBEAT_INTERVAL seconds, whatever the worker is doing.

A heartbeat task queued behind the sends waited for them: a slow mail server made every worker
look dead. A thread of its own keeps beating while the worker's main thread (or RQ's forked
work horse) waits on a peer. It writes on a database connection of its own, opened in the
thread and kept out of the connection pool, so that RQ's fork never hands a child a
connection this thread is using.

Started from CoreConfig.ready() in the processes that run tasks (`agir db_worker`,
`agir rqworker`); health.worker_check() reads the rows.
"""

from __future__ import annotations

import copy
import logging
import os
import socket
import sys
import threading

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.utils import load_backend
from django.utils import timezone

log = logging.getLogger(__name__)

WORKER_COMMANDS = frozenset({"db_worker", "rqworker"})
_started: threading.Event | None = None


def is_task_worker(argv: list[str]) -> bool:
    return len(argv) > 1 and argv[1] in WORKER_COMMANDS


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


def start(interval: float | None = None) -> threading.Event:
    """Start this process's heartbeat thread (once); set the returned event to stop it."""
    global _started
    if _started is None:
        _started = threading.Event()
        started_at = timezone.now()
        thread = threading.Thread(
            target=_beat_until,
            args=(_started, interval or settings.WORKER_HEARTBEAT_INTERVAL, started_at),
            name="agir-heartbeat",
            daemon=True,
        )
        thread.start()
    return _started


def start_in_worker_processes() -> None:
    if is_task_worker(sys.argv):
        start()


def _own_connection():
    params = copy.deepcopy(connections[DEFAULT_DB_ALIAS].settings_dict)
    params.get("OPTIONS", {}).pop("pool", None)
    return load_backend(params["ENGINE"]).DatabaseWrapper(params, alias="heartbeat")


def _beat_until(stop: threading.Event, interval: float, started_at) -> None:
    from django.apps import apps

    from agir.core.models import WorkerHeartbeat

    # Started from CoreConfig.ready(): the first beat waits for the other apps' ready(), which
    # Django asks not to query under (it warns, on the demo's screen too).
    while not apps.ready:
        if stop.wait(0.05):
            return
    db = _own_connection()
    table = WorkerHeartbeat._meta.db_table
    name = worker_name()
    try:
        while True:
            try:
                beat(db, table, name, started_at)
            except DatabaseError:
                log.warning("worker heartbeat not written", exc_info=True)
                db.close()
            if stop.wait(interval):
                break
    finally:
        db.close()


def beat(db, table: str, name: str, started_at) -> None:
    now = timezone.now()
    with db.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET beat_at = %s WHERE name = %s", [now, name])  # noqa: S608
        if cursor.rowcount == 0:
            cursor.execute(
                f"INSERT INTO {table} (name, beat_at, started_at) VALUES (%s, %s, %s)",  # noqa: S608
                [name, now, started_at],
            )
