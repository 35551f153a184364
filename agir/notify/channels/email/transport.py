"""Email over SMTP, as text and HTML, with attachments (the letter PDF where the rule says)."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers

from agir.notify.channels.base import OutcomeUnknown, PermanentFailure, TemporaryFailure
from agir.notify.message import RenderedMessage
from agir.notify.models import Notification


def message_id_for(key: str) -> str:
    """The Message-ID derived from the idempotency key: a resend after a crash carries the same
    id. SMTP servers do not drop a copy for it (email is at least once), but a reader's mail
    program may thread the two copies as one, and the delivery log can tell them apart."""
    return f"<{key.replace(':', '.')}@agir>"


def send_email(
    *,
    to: str,
    key: str,
    code: str,
    message: RenderedMessage,
) -> str:
    """Send one email; the address and the subject become headers, so neither may carry a
    line break (Django refuses them: BadHeaderError, a permanent failure here)."""
    if any(c in to for c in "\r\n") or any(c in message.subject for c in "\r\n"):
        raise PermanentFailure("line break in an address or subject")
    message_id = message_id_for(key)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": message_id, "X-AGIR-Notification": code},
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for name, content, mimetype in message.attachments:
        email.attach(name, content, mimetype)
    try:
        with mailers.default as connection:
            connection.send_messages([email])
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _ in error.recipients.values()]
        detail = "; ".join(f"{code} {text!r}" for code, text in error.recipients.values())
        if all(code >= 500 for code in codes):
            raise PermanentFailure(f"recipient refused: {detail}") from error
        raise TemporaryFailure(f"recipient deferred: {detail}") from error
    except smtplib.SMTPResponseException as error:
        text = f"SMTP {error.smtp_code}: {error.smtp_error!r}"
        if error.smtp_code >= 500:
            raise PermanentFailure(text) from error
        raise TemporaryFailure(text) from error
    except TimeoutError as error:  # the message may have been taken before the answer
        raise OutcomeUnknown(f"SMTP gave no answer in time: {error}") from error
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryFailure(f"SMTP unreachable: {error}") from error
    return message_id


class EmailTransport:
    def send(self, notification: Notification, message: RenderedMessage) -> str:
        return send_email(
            to=notification.address,
            key=notification.idempotency_key,
            code=str(notification.code),
            message=message,
        )
