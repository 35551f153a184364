"""What /healthz reports: can we reach the database, and have workers run a task lately."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from agir.core.models import WorkerHeartbeat


def check() -> tuple[bool, dict[str, Any]]:
    report: dict[str, Any] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        report["database"] = {"ok": True}
    except DatabaseError as error:
        report["database"] = {"ok": False, "error": str(error)}
        report["worker"] = {"ok": False, "error": "database unreachable"}
        return False, report
    beat = WorkerHeartbeat.objects.filter(name="worker").first()
    if beat is None:
        report["worker"] = {"ok": False, "error": "no heartbeat yet"}
    else:
        age = (timezone.now() - beat.beat_at).total_seconds()
        report["worker"] = {
            "ok": age <= settings.WORKER_HEARTBEAT_MAX_AGE,
            "heartbeat_age_seconds": round(age, 1),
            "max_age_seconds": settings.WORKER_HEARTBEAT_MAX_AGE,
        }
    healthy = all(part["ok"] for part in report.values())
    return healthy, report
