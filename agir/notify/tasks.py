from django.conf import settings
from django.tasks import task

from agir.notify import reports
from agir.notify.dispatch import send_due
from agir.notify.outbox import queue_reminders


@task
def send_notifications() -> int:
    """Send every notification that is due; retries are picked up by the periodic run."""
    return send_due()


@task
def notify_housekeeping() -> dict:
    """Periodic: queue tomorrow's visit reminders, read how Asterisk's calls ended."""
    reminders = queue_reminders()
    calls = reports.collect_asterisk_results() if settings.NOTIFY_VOICE_GATEWAY == "asterisk" else 0
    return {"reminders": reminders, "call_results": calls}


def wake_worker(**kwargs) -> None:
    """Receiver of `notifications_queued` (connected in apps.py): send them now."""
    send_notifications.enqueue()
