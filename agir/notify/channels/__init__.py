"""Channels: one subpackage each, behind the same small interface.

A transport's `send(notification, message)` returns the provider's id for the message, or raises
`TemporaryFailure` (try again later) or `PermanentFailure` (do not: fall back to the next
channel). Each transport passes the notification's idempotency key to its provider in the form
that provider deduplicates on, where it does, so that a message sent again after a crash is not
delivered twice there (see agir/notify/dispatch.py and docs/reliability.md).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

# The transports import these from .base; callers above the channels may take them from here.
from agir.notify.channels.base import (
    DeliveryFailure,
    OutcomeUnknown,
    PermanentFailure,
    TemporaryFailure,
    Transport,
)

__all__ = [
    "DeliveryFailure",
    "OutcomeUnknown",
    "PermanentFailure",
    "TemporaryFailure",
    "Transport",
    "available_channels",
    "get_transport",
]

TRANSPORTS = {
    "email": "agir.notify.channels.email.transport.EmailTransport",
    "sms": "agir.notify.channels.sms.transport.SmsTransport",
    "letter": "agir.notify.channels.letter.transport.LetterTransport",
    "fax": "agir.notify.channels.fax.transport.FaxTransport",
    "voice": "agir.notify.channels.voice.transport.VoiceTransport",
}


def get_transport(channel: str) -> Transport:
    if channel not in available_channels():
        raise PermanentFailure(f"channel {channel!r} is not available")
    return import_string(TRANSPORTS[channel])()


def available_channels() -> frozenset[str]:
    """The channels set up in settings: email and letters always; SMS, voice and fax when a
    gateway is configured."""
    channels = {"email", "letter"}
    if settings.NOTIFY_SMS_GATEWAY:
        channels.add("sms")
    if settings.NOTIFY_VOICE_GATEWAY:
        channels.add("voice")
    if settings.NOTIFY_FAX_ADDRESS:
        channels.add("fax")
    return frozenset(channels)
