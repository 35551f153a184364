"""`agir notify test CHANNEL ADDRESS`: one test message through a channel as configured, and
where to find what it produced."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import mailers
from django.utils import timezone

from agir.notify import dispatch
from agir.notify.channels import available_channels
from agir.notify.files import key_slug, notify_path
from agir.notify.kinds import MessageKind
from agir.notify.models import Notification, NotificationState
from agir.notify.postal import address_block, parse_free_address

CHANNELS = ("email", "sms", "letter", "fax", "voice")


class TrialError(Exception):
    pass


@dataclass(frozen=True)
class TrialResult:
    notification: Notification
    ok: bool
    where: list[str]


def run(channel: str, address: str) -> TrialResult:
    if channel not in CHANNELS:
        raise TrialError(f"unknown channel {channel!r}: use one of {', '.join(CHANNELS)}")
    if channel not in available_channels():
        raise TrialError(f"channel {channel!r} is not set up (see the NOTIFY_* settings)")
    recipient = "Essai AGIR"
    if channel == "letter":
        lines = address_block(parse_free_address(address))
        if len(lines) < 2:
            raise TrialError("a letter needs a name and a postcode and town, comma-separated")
        address, recipient = "\n".join(lines), lines[0]
    key = f"test-{uuid.uuid4().hex}:{channel}"
    notification = Notification.objects.create(
        recipient_name=recipient,
        address=address,
        channel=channel,
        template=MessageKind.CHANNEL_TEST,
        context={
            "reference": "ESSAI-0001",
            "title": "Message d'essai",
            "place": settings.LANDLORD["name"],
            "postal_lines": [],
        },
        idempotency_key=key,
        # An administrator's trial goes now, quiet hours or not.
        next_attempt_at=timezone.now(),
    )
    claimed = dispatch.claim(notification.pk)
    ok = claimed is not None and dispatch.deliver(claimed)
    if not ok:
        # A trial is not retried later: the administrator is watching now.
        Notification.objects.filter(pk=notification.pk).update(state=NotificationState.FAILED)
    notification.refresh_from_db()
    return TrialResult(notification, ok, where(notification) if ok else [])


def where(notification: Notification) -> list[str]:
    """Where the result of a send can be seen, in words for an administrator."""
    out = []
    slug = key_slug(notification.idempotency_key)
    match notification.channel:
        case "email" | "fax":
            options = settings.MAILERS["default"].get("OPTIONS", {})
            out.append(
                f"handed to SMTP {options.get('host', '?')}:{options.get('port', '?')} "
                f"as Message-ID {notification.provider_id or '?'}"
            )
            if notification.channel == "fax":
                out.append(
                    "fax gateway address: " + settings.NOTIFY_FAX_ADDRESS.format(number="<number>")
                )
            if mailers.default.__class__.__module__.endswith("locmem"):
                out.append("(the mailer is in memory: nothing left this process)")
        case "sms":
            gateway = settings.NOTIFY_SMS_GATEWAY
            if gateway == "local":
                out.append(f"written to {settings.NOTIFY_SMS_LOCAL_DIR / (slug + '.json')}")
            else:
                out.append(f"sent to the {gateway} gateway {settings.NOTIFY_SMS_URL or ''}")
        case "voice":
            gateway = settings.NOTIFY_VOICE_GATEWAY
            if gateway == "local":
                out.append(f"call written to {settings.NOTIFY_VOICE_LOCAL_DIR / (slug + '.wav')}")
            elif gateway == "asterisk":
                out.append(
                    "call file " + str(settings.NOTIFY_ASTERISK_SPOOL / "outgoing" / f"{slug}.call")
                )
            else:
                out.append(f"sent to the call API {settings.NOTIFY_VOICE_URL}")
        case "letter":
            if notification.print_batch_id:
                out.append(
                    f"filed in the print batch of {notification.print_batch.day:%Y-%m-%d} "
                    "(back office: /bureau/messages/courrier/)"
                )
    if notification.artifact:
        out.append(f"file kept as proof: {notify_path(notification.artifact)}")
    return out


def describe(result: TrialResult) -> str:
    n = result.notification
    state = NotificationState(n.state).name.lower()
    lines = [f"{n.channel} test to {n.address.splitlines()[0]!r}: {state}"]
    if n.provider_id:
        lines.append(f"provider id: {n.provider_id}")
    if n.last_error:
        lines.append(f"error: {n.last_error}")
    lines.extend(result.where)
    if not result.ok:
        lines.append("nothing was delivered: the error above says why (not retried)")
    return "\n".join(lines)
