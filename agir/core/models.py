from django.db import models


class WorkerHeartbeat(models.Model):
    """One row per task-worker process (host:pid), stamped by its heartbeat thread
    (core/heartbeat.py); /healthz/worker reads how recent the newest stamp is."""

    name = models.CharField(max_length=64, unique=True)
    beat_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"


class DemoMarker(models.Model):
    """Present only in a database that `agir demo` filled: demo logins live nowhere else."""

    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"demo of {self.created_at:%Y-%m-%d}"
