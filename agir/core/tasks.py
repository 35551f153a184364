from django.tasks import task
from django.utils import timezone

from agir.core.models import WorkerHeartbeat


@task
def heartbeat() -> str:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(name="worker", defaults={"beat_at": now})
    return now.isoformat()
