"""The configured task backend's real worker sends what the outbox queued."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from agir.notify.models import Notification, NotificationState
from tests.builders import build_estate, build_household, submitted_request
from tests.smtp import SmtpServer


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] or ""
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def run_worker_until_idle(smtp_port: int) -> subprocess.CompletedProcess:
    if settings.TASKS_BACKEND == "rq":
        command = ["rqworker", "--job-class", "django_tasks_rq.Job", "--burst", "default"]
    else:
        command = ["db_worker", "--batch", "--no-startup-delay", "--no-reload"]
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port),
    }
    env.pop("TEST_DATABASE_NAME", None)
    return subprocess.run(
        [sys.executable, "-m", "agir", *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_of_the_configured_backend_delivers_the_queued_email():
    if settings.TASKS_BACKEND == "rq":
        import django_rq

        django_rq.get_queue("default").empty()
    household = build_household(build_estate().dwellings[0])
    with SmtpServer() as smtp:
        request = submitted_request(household)  # its commit enqueues the sending task

        result = run_worker_until_idle(smtp.port)

        assert result.returncode == 0, result.stdout + result.stderr
        assert [m["To"] for m in smtp.received] == [household.holder.email]
    notification = Notification.objects.get(request=request)
    assert notification.state == NotificationState.SENT
