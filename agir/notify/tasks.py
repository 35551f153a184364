from django.tasks import task

from agir.notify.dispatch import send_due


@task
def send_notifications() -> int:
    """Send every notification that is due; retries are picked up by the periodic run."""
    return send_due()


@task
def notify_housekeeping() -> dict:
    """Periodic: queue tomorrow's visit reminders, read how Asterisk's calls ended."""
    from django.conf import settings

    from agir.notify.channels.voice.gateways import collect_asterisk_results
    from agir.notify.outbox import queue_reminders

    reminders = queue_reminders()
    calls = collect_asterisk_results() if settings.NOTIFY_VOICE_GATEWAY == "asterisk" else 0
    return {"reminders": reminders, "call_results": calls}
