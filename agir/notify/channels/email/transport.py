"""Email over SMTP, as text and HTML."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers

from agir.notify.channels import PermanentFailure, TemporaryFailure
from agir.notify.models import Notification
from agir.notify.render import RenderedMessage


class EmailTransport:
    def send(self, notification: Notification, message: RenderedMessage) -> str:
        # The Message-ID derives from the idempotency key, so a resend after a crash carries
        # the same id and a receiving system can drop the copy.
        message_id = f"<{notification.idempotency_key.replace(':', '.')}@agir>"
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.address],
            headers={"Message-ID": message_id, "X-AGIR-Notification": str(notification.code)},
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
        except (TimeoutError, smtplib.SMTPException, OSError) as error:
            raise TemporaryFailure(f"SMTP unreachable: {error}") from error
        return message_id
