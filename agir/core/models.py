from django.db import models


class WorkerHeartbeat(models.Model):
    """Written by a task that the worker runs; its age tells /healthz whether workers work."""

    name = models.CharField(max_length=64, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"


class DemoMarker(models.Model):
    """Present only in a database that `agir demo` filled: demo logins live nowhere else."""

    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"demo of {self.created_at:%Y-%m-%d}"
