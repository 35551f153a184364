"""Health: /healthz for the load balancer (the database, nothing else, never the error), and
/healthz/worker fed by a heartbeat thread in each task-worker process."""

import asyncio
import os
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from django.utils import timezone

from agir.core import health
from agir.core.models import WorkerHeartbeat
from tests.builders import build_estate, build_household, submitted_request
from tests.demo_runs import own_sqlite_environment
from tests.smtp import free_port
from tests.test_worker import database_url


def test_healthz_answers_200_when_the_database_answers_even_with_no_worker(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_does_not_show_the_database_error_to_the_public(client, db, tmp_path, caplog):
    if connection.vendor != "sqlite":
        pytest.skip("a database file made unreachable: SQLite's case")
    name = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = str(tmp_path / "missing" / "agir.sqlite3")
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    # The log has the error; the public answer does not.
    [error] = [r.exc_info[1] for r in caplog.records if r.name == "agir.core.health"]
    assert str(error) and str(error).encode() not in response.content


def test_the_worker_check_is_503_before_any_heartbeat(client, db):
    response = client.get("/healthz/worker")

    assert response.status_code == 503
    assert response.json()["workers"] == 0


def test_the_worker_check_is_200_with_a_fresh_heartbeat(client, db):
    WorkerHeartbeat.objects.create(name="host:1", beat_at=timezone.now())

    response = client.get("/healthz/worker")

    assert response.status_code == 200
    assert response.json()["workers"] == 1


def test_a_heartbeat_from_before_this_start_is_not_taken_for_a_live_worker(client, db):
    # A worker of the previous run stamped its row seconds before it was stopped.
    WorkerHeartbeat.objects.create(name="host:1", beat_at=timezone.now() - timedelta(seconds=5))
    previous = health.started_at()
    health.mark_started()  # this web process starts now
    try:
        response = client.get("/healthz/worker")
    finally:
        health.mark_started(previous)

    assert response.status_code == 503


class SlowSmtpHandler:
    """A mail server that takes its time: `receiving` is set as a message arrives."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.receiving = threading.Event()

    async def handle_DATA(self, server, session, envelope) -> str:
        self.receiving.set()
        await asyncio.sleep(self.delay)
        return "250 OK"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_stuck_in_a_slow_send_keeps_beating(client):
    handler = SlowSmtpHandler(delay=20)
    smtp = Controller(handler, hostname="127.0.0.1", port=free_port())
    smtp.start()
    if settings.TASKS_BACKEND == "rq":
        import django_rq

        django_rq.get_queue("default").empty()
        command = ["rqworker", "--job-class", "django_tasks_rq.Job", "--burst", "default"]
    else:
        command = ["db_worker", "--batch", "--no-startup-delay", "--no-reload"]
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp.port),
        "SMTP_TIMEOUT": "30",
        "NOTIFY_SEND_BUDGET_SECONDS": "40",
        "WORKER_HEARTBEAT_INTERVAL": "0.5",
    }
    env.pop("TEST_DATABASE_NAME", None)
    submitted_request(build_household(build_estate().dwellings[0]))  # enqueues the send
    worker = subprocess.Popen([sys.executable, "-m", "agir", *command], env=env)
    try:
        assert handler.receiving.wait(120), "the worker never sent"
        stuck_since = timezone.now()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if WorkerHeartbeat.objects.filter(beat_at__gt=stuck_since).exists():
                break
            time.sleep(0.2)
        response = client.get("/healthz/worker")
    finally:
        worker.kill()
        worker.wait()
        smtp.stop()

    assert WorkerHeartbeat.objects.filter(beat_at__gt=stuck_since).exists()
    assert response.status_code == 200


@pytest.mark.slow
def test_a_task_worker_beats_without_querying_before_the_apps_are_ready(tmp_path):
    """The heartbeat thread starts in CoreConfig.ready(), before the other apps' ready(): a
    query then makes Django warn (on the demo's screen). Warnings are errors here: a beat sent
    too early kills the thread, and no heartbeat is ever written."""
    env = own_sqlite_environment(tmp_path, WORKER_HEARTBEAT_INTERVAL="0.2")
    env.pop("TEST_DATABASE_NAME", None)
    database = env["DATABASE_URL"].removeprefix("sqlite:///")
    agir = [sys.executable, "-W", "error::RuntimeWarning", "-m", "agir"]
    subprocess.run([*agir, "migrate", "-v0"], env=env, check=True, capture_output=True)
    worker = subprocess.Popen(
        [*agir, "db_worker", "--no-startup-delay", "--no-reload"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    beats = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not beats and worker.poll() is None:
            time.sleep(0.2)
            with sqlite3.connect(database) as db:
                beats = db.execute("select name from core_workerheartbeat").fetchall()
    finally:
        worker.terminate()
        _, errors = worker.communicate(timeout=30)

    assert beats, errors
    assert "RuntimeWarning" not in errors
