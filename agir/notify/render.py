"""Turn a notification into what its channel sends, from the French wording (`wording.py`)."""

from __future__ import annotations

import base64
import mimetypes
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import formats, timezone, translation

from agir.notify import gsm, personal
from agir.notify.message import RenderedMessage
from agir.notify.models import Notification
from agir.notify.wording import render_layout, render_source, wording


def context_for(notification: Notification) -> dict[str, Any]:
    context = dict(notification.context)
    lines = context.get("postal_lines") or []
    if notification.channel == "letter":
        lines = notification.address.split("\n")
    return {
        **context,
        "recipient_name": notification.recipient_name,
        "landlord": settings.LANDLORD,
        "address_lines": lines or [notification.recipient_name],
        "sent_on": _sent_on(),
        "logo": _logo(),
        "request_url": _request_url(context),
    }


def _request_url(context: dict[str, Any]) -> str:
    """Where the tenant follows the request: its page; a neighbour who follows it, who may not
    see its page, their own home, where it is listed."""
    code = context.get("request_code")
    if not code:
        return ""
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    if context.get("follower"):
        return base + reverse("portal:home")
    return base + reverse("portal:request", args=[code])


def render(notification: Notification) -> RenderedMessage:
    if (renderer := personal.renderer_for(notification.template)) is not None:
        return renderer(notification)
    words = wording(notification.template)
    context = context_for(notification)
    with translation.override("fr"):
        match notification.channel:
            case "email":
                return _email(notification, words, context)
            case "sms":
                text = " ".join(render_source(words["sms_text"], context, text=True).split())
                return RenderedMessage(
                    text=gsm.fit(gsm.to_gsm7(text), settings.NOTIFY_SMS_MAX_SEGMENTS)
                )
            case "letter" | "fax":
                return RenderedMessage(
                    subject=_subject(words, context), html=letter_document(words, context)
                )
            case "voice":
                script = render_source(words["voice_script"], context, text=True)
                lines = (" ".join(line.split()) for line in script.splitlines())
                return RenderedMessage(text="\n".join(line for line in lines if line))
    raise ValueError(f"no rendering for channel {notification.channel!r}")


def _subject(words: dict[str, str], context: dict[str, Any]) -> str:
    # A subject is one line, whatever a tenant typed into the fields it quotes.
    return " ".join(render_source(words["email_subject"], context, text=True).split())


def letter_document(words: dict[str, str], context: dict[str, Any]) -> str:
    body = render_source(words["letter_html"], context, text=False)
    return render_layout(
        "letter", "_layout.html", {**context, "subject": _subject(words, context)}, body
    )


def _email(notification: Notification, words: dict[str, str], context: dict[str, Any]):
    from agir.notify.rules import rule_for

    subject = _subject(words, context)
    text_body = render_source(words["email_text"], context, text=True)
    html_body = render_source(words["email_html"], context, text=False)
    attachments = []
    if context.get("reference") and rule_for(notification.template).attach_letter:
        from agir.notify.channels.letter.pdf import html_to_pdf

        pdf = html_to_pdf(letter_document(words, context))
        attachments.append((f"courrier-{context['reference']}.pdf", pdf, "application/pdf"))
    return RenderedMessage(
        subject=subject,
        text=render_layout("email", "_layout.txt", context, text_body),
        html=render_layout("email", "_layout.html", {**context, "subject": subject}, html_body),
        attachments=attachments,
    )


def _sent_on() -> str:
    town = settings.LANDLORD["address"].strip().splitlines()[-1:] or [""]
    town = town[0].split(" ", 1)[-1] if town[0][:5].isdigit() else ""
    today = formats.date_format(timezone.localdate(), "j F Y")
    return f"{town}, le {today}" if town else f"Le {today}"


def _logo() -> str:
    """The landlord's logo as a data: URI (the PDF renderer fetches nothing else)."""
    logo = settings.LANDLORD.get("logo") or ""
    path = finders.find(logo) if logo else None
    if not path:
        return ""
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    with open(path, "rb") as handle:
        return f"data:{kind};base64,{base64.b64encode(handle.read()).decode()}"
