from django.tasks import task

from agir.notify.dispatch import send_due


@task
def send_notifications() -> int:
    """Send every notification that is due; retries are picked up by the periodic run."""
    return send_due()
