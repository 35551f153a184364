from django.tasks import task

from agir.backoffice.inbox.digest import send_overdue_digests


@task
def send_overdue_digest() -> dict:
    """Periodic (hourly): the day's email of overdue requests to officers and managers, once
    a day after OVERDUE_DIGEST_HOUR."""
    result = send_overdue_digests()
    return {"day": result.day, "sent": result.sent, "skipped": result.skipped}
