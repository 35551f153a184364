"""Letters: a PDF on the landlord's letterhead, filed in the day's print batch for the mail
room (see batch.py). "Sent" means handed to the mail room."""

from __future__ import annotations

from django.utils import timezone

from agir.notify.channels.letter.pdf import html_to_pdf
from agir.notify.files import key_slug, notify_path, write_atomic
from agir.notify.message import RenderedMessage
from agir.notify.models import Notification, PrintBatch


def store_pdf(notification: Notification, message: RenderedMessage, folder: str) -> str:
    """Render and keep the PDF under a name derived from the idempotency key (a resend after
    a crash rewrites the same file, it does not add a letter); returns its relative path."""
    relative = (
        f"{folder}/{notification.created_at:%Y/%m}/{key_slug(notification.idempotency_key)}.pdf"
    )
    write_atomic(notify_path(relative), html_to_pdf(message.html))
    Notification.objects.filter(pk=notification.pk).update(artifact=relative)
    notification.artifact = relative
    return relative


class LetterTransport:
    def send(self, notification: Notification, message: RenderedMessage) -> str:
        relative = store_pdf(notification, message, "letters")
        batch, _ = PrintBatch.objects.get_or_create(day=timezone.localdate())
        # One letter belongs to one batch: the first one it was filed in.
        Notification.objects.filter(pk=notification.pk, print_batch__isnull=True).update(
            print_batch=batch
        )
        return f"batch-{batch.day:%Y-%m-%d}/{relative.rsplit('/', 1)[-1]}"
