"""SMS through an HTTP gateway, in the format NOTIFY_SMS_GATEWAY names:

- "generic": AGIR's documented JSON format (below), which a small adapter in front of any
  provider can speak;
- "twilio": Twilio's REST API (Messages resource);
- "local": a JSON file a message in NOTIFY_SMS_LOCAL_DIR (the demo: nothing leaves the machine).

Generic format
--------------
Request::

    POST {NOTIFY_SMS_URL}
    Authorization: Bearer {NOTIFY_SMS_TOKEN}
    Idempotency-Key: {the notification's idempotency key}
    Content-Type: application/json

    {"to": "+33612345678", "from": "AGIR", "text": "…", "reference": "<notification code>",
     "status_callback": "{PUBLIC_BASE_URL}/notifications/rapports/sms/"}

Answer 200, 201 or 202 with ``{"id": "<the gateway's message id>"}``. The gateway keeps the
Idempotency-Key for at least a day: the same key again answers the first message's id and sends
nothing. 4xx answers are permanent failures (bad number, refused), except 408, 409, 425 and
429; 5xx and network errors are temporary.

Delivery report (gateway → AGIR), see agir/notify/reports.py::

    POST {status_callback}
    X-AGIR-Signature: t=<unix time>,sha256=<hex HMAC-SHA256, keyed with NOTIFY_WEBHOOK_SECRET,
                      of "<unix time>." followed by the raw body>
    Content-Type: application/json

A report dated more than NOTIFY_WEBHOOK_MAX_AGE seconds (5 minutes) from AGIR's clock is
refused (403); the same report sent again is answered 200 and recorded once.

    {"id": "<message id>", "reference": "<notification code>",
     "status": "delivered" | "failed", "reason": "<why, when failed>"}

Twilio
------
``POST {NOTIFY_SMS_URL or https://api.twilio.com}/2010-04-01/Accounts/{NOTIFY_SMS_ACCOUNT}/
Messages.json``, form-encoded To, From, Body, StatusCallback, with HTTP Basic auth (Account SID,
auth token); answers 201 with the message ``sid``. Status callbacks are signed by Twilio
(X-Twilio-Signature) and checked with the auth token. Twilio does not document a
deduplication key for sending messages: AGIR still sends the Idempotency-Key header, but with
Twilio a worker dying between the send and the record can lead to a second SMS, where the
generic gateway guarantees one.
"""

from __future__ import annotations

import base64
import json
import urllib.parse

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from agir.notify import gsm, phones
from agir.notify.channels.base import PermanentFailure
from agir.notify.channels.http import post
from agir.notify.files import create_atomic, key_slug
from agir.notify.message import RenderedMessage
from agir.notify.models import Notification

TWILIO_API = "https://api.twilio.com"


def _callback(name: str, **query: str) -> str:
    url = settings.PUBLIC_BASE_URL.rstrip("/") + reverse(name)
    return f"{url}?{urllib.parse.urlencode(query)}" if query else url


class SmsTransport:
    def send(self, notification: Notification, message: RenderedMessage) -> str:
        to = phones.to_e164(notification.address)
        if not phones.is_french_mobile(to):
            raise PermanentFailure(f"not a mobile number: {notification.address!r}")
        match settings.NOTIFY_SMS_GATEWAY:
            case "generic":
                return self._generic(notification, to, message.text)
            case "twilio":
                return self._twilio(notification, to, message.text)
            case "local":
                return self._local(notification, to, message.text)
        raise PermanentFailure(f"unknown SMS gateway {settings.NOTIFY_SMS_GATEWAY!r}")

    def _generic(self, notification: Notification, to: str, text: str) -> str:
        body = json.dumps(
            {
                "to": to,
                "from": settings.NOTIFY_SMS_SENDER,
                "text": text,
                "reference": str(notification.code),
                "status_callback": _callback("notify:sms_report"),
            }
        ).encode()
        answer = post(
            settings.NOTIFY_SMS_URL,
            body,
            {
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.NOTIFY_SMS_TOKEN}",
                "Idempotency-Key": notification.idempotency_key,
            },
        )
        return str(answer.json().get("id") or "")

    def _twilio(self, notification: Notification, to: str, text: str) -> str:
        base = (settings.NOTIFY_SMS_URL or TWILIO_API).rstrip("/")
        account = settings.NOTIFY_SMS_ACCOUNT
        url = f"{base}/2010-04-01/Accounts/{urllib.parse.quote(account)}/Messages.json"
        form = urllib.parse.urlencode(
            {
                "To": to,
                "From": settings.NOTIFY_SMS_SENDER,
                "Body": text,
                "StatusCallback": _callback("notify:twilio_report", n=str(notification.code)),
            }
        ).encode()
        credentials = base64.b64encode(f"{account}:{settings.NOTIFY_SMS_TOKEN}".encode())
        answer = post(
            url,
            form,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Authorization": f"Basic {credentials.decode()}",
                "Idempotency-Key": notification.idempotency_key,
            },
        )
        return str(answer.json().get("sid") or "")

    def _local(self, notification: Notification, to: str, text: str) -> str:
        """The demo's gateway: one JSON file a message, named after the key (one file a
        message, however often it is sent)."""
        folder = settings.NOTIFY_SMS_LOCAL_DIR
        name = key_slug(notification.idempotency_key)
        length = gsm.measure(text)
        record = {
            "to": to,
            "recipient": notification.recipient_name,
            "text": text,
            "encoding": length.encoding,
            "segments": length.segments,
            "sent_at": timezone.now().isoformat(),
            "notification": str(notification.code),
        }
        data = json.dumps(record, ensure_ascii=False, indent=2).encode()
        create_atomic(folder / f"{name}.json", data, staging=folder / ".staging")
        return f"local-{name}"
