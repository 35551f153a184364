from datetime import timedelta

from django.utils import timezone

from agir.core.models import WorkerHeartbeat
from agir.core.tasks import heartbeat


def test_healthz_is_503_before_any_worker_heartbeat(client, db):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"]["ok"] is True
    assert body["worker"]["ok"] is False


def test_healthz_is_200_after_the_heartbeat_task_runs(client, db):
    heartbeat.call()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["worker"]["heartbeat_age_seconds"] < 60


def test_healthz_is_503_when_the_heartbeat_is_stale(client, db, settings):
    WorkerHeartbeat.objects.create(
        name="worker",
        beat_at=timezone.now() - timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE + 5),
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"]["heartbeat_age_seconds"] > settings.WORKER_HEARTBEAT_MAX_AGE
