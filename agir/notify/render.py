"""Turn a notification into what its channel sends, from the French templates."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from agir.notify.models import Notification


@dataclass(frozen=True)
class RenderedMessage:
    subject: str = ""
    text: str = ""
    html: str = ""
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)


def render(notification: Notification) -> RenderedMessage:
    context = {
        **notification.context,
        "recipient_name": notification.recipient_name,
        "landlord": settings.LANDLORD,
    }
    base = f"notify/{notification.channel}/{notification.template}"
    with translation.override("fr"):
        if notification.channel == "email":
            subject = render_to_string(f"{base}/subject.txt", context)
            return RenderedMessage(
                # A subject is one line, whatever a tenant typed into the fields it quotes.
                subject=" ".join(subject.split()),
                text=render_to_string(f"{base}/body.txt", context),
                html=render_to_string(f"{base}/body.html", context),
            )
        return RenderedMessage(text=render_to_string(f"{base}/body.txt", context))
