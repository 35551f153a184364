"""Task rows of the database backend: pruned on a schedule, and those a killed worker left
running recovered."""

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from agir.core import housekeeping
from agir.core.models import WorkerHeartbeat
from tests.builders import build_estate, build_household, submitted_request
from tests.smtp import SmtpServer
from tests.test_worker import database_url, run_worker_until_idle


def _row(status: str, *, finished_hours_ago: float = 0, started_hours_ago: float = 0):
    """A task row as the database backend leaves it, aged."""
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=status,
        task_path="agir.notify.tasks.send_notifications",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=now,
        started_at=now - timedelta(hours=started_hours_ago),
        finished_at=None
        if status == TaskResultStatus.RUNNING
        else now - timedelta(hours=finished_hours_ago),
    )


def test_finished_rows_older_than_a_day_are_pruned_recent_ones_kept(db):
    old = _row(TaskResultStatus.SUCCESSFUL, finished_hours_ago=25)
    recent = _row(TaskResultStatus.SUCCESSFUL, finished_hours_ago=1)
    failed_this_week = _row(TaskResultStatus.FAILED, finished_hours_ago=25)

    housekeeping.sweep()

    kept = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert old.pk not in kept
    assert {recent.pk, failed_this_week.pk} <= kept


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_scheduler_has_the_worker_prune_task_rows():
    if settings.TASKS_BACKEND == "rq":
        import django_rq

        django_rq.get_queue("default").empty()
    old = _row(TaskResultStatus.SUCCESSFUL, finished_hours_ago=25)

    call_command("scheduler", once=True)
    with SmtpServer() as smtp:
        result = run_worker_until_idle(smtp.port)

    assert result.returncode == 0, result.stdout + result.stderr
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()


def test_a_row_a_live_worker_is_running_is_left_alone(db):
    running = _row(TaskResultStatus.RUNNING, started_hours_ago=0.1)
    WorkerHeartbeat.objects.create(
        name="host:1", beat_at=timezone.now(), started_at=timezone.now() - timedelta(hours=1)
    )

    housekeeping.sweep()

    assert DBTaskResult.objects.get(pk=running.pk).status == TaskResultStatus.RUNNING


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_left_running_by_a_killed_worker_is_marked_failed(settings):
    # A real worker takes the sending task to a mail server that never answers, and is
    # killed in the middle of it.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "database",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(silent.getsockname()[1]),
        "WORKER_HEARTBEAT_INTERVAL": "0.5",
    }
    env.pop("TEST_DATABASE_NAME", None)
    submitted_request(build_household(build_estate().dwellings[0]))
    # The sending task, queued for the database backend's worker (whatever this run's backend).
    DBTaskResult.objects.create(
        task_path="agir.notify.tasks.send_notifications",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now() - timedelta(seconds=1),
    )
    command = [sys.executable, "-m", "agir", "db_worker", "--no-startup-delay", "--no-reload"]
    worker = subprocess.Popen(command, env=env)
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    try:
        deadline = time.monotonic() + 120
        while not running.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        left_running = list(running.values_list("pk", flat=True))
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        silent.close()
    assert left_running, "the worker never started the task"
    # Time passes: the dead worker's heartbeat grows old.
    WorkerHeartbeat.objects.update(
        beat_at=timezone.now() - timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE + 1)
    )

    housekeeping.sweep()

    recovered = DBTaskResult.objects.filter(pk__in=left_running)
    assert set(recovered.values_list("status", "exception_class_path")) == {
        (TaskResultStatus.FAILED, housekeeping.LOST)
    }
