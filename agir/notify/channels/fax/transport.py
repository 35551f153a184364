"""Fax: the letter's PDF emailed to an email-to-fax gateway (NOTIFY_FAX_ADDRESS, e.g.
"{number}@fax.example"), which dials the number and sends the attached PDF."""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings

from agir.notify import phones
from agir.notify.channels.base import PermanentFailure
from agir.notify.channels.email.transport import send_email
from agir.notify.channels.letter.transport import store_pdf
from agir.notify.files import notify_path
from agir.notify.message import RenderedMessage
from agir.notify.models import Notification


def gateway_address(number: str) -> str:
    # Digits only: what a person typed in the fax field cannot add a recipient or a header.
    digits = phones.national_digits(number)
    if len(digits) < 9:
        raise PermanentFailure(f"not a fax number: {number!r}")
    return settings.NOTIFY_FAX_ADDRESS.format(number=digits)


class FaxTransport:
    def send(self, notification: Notification, message: RenderedMessage) -> str:
        to = gateway_address(notification.address)
        relative = store_pdf(notification, message, "faxes")
        pdf = notify_path(relative).read_bytes()
        reference = notification.context.get("reference") or "agir"
        email = replace(
            message,
            text=f"{message.subject}\n",
            html="",
            attachments=[(f"fax-{reference}.pdf", pdf, "application/pdf")],
        )
        return send_email(
            to=to, key=notification.idempotency_key, code=str(notification.code), message=email
        )
