"""Channels: one subpackage each, behind the same small interface.

A transport's `send(notification, message)` returns the provider's id for the message, or raises
`TemporaryFailure` (try again later) or `PermanentFailure` (do not).
"""

from __future__ import annotations

from typing import Protocol

from agir.notify.models import Notification
from agir.notify.render import RenderedMessage


class DeliveryFailure(Exception):
    permanent = False


class TemporaryFailure(DeliveryFailure):
    permanent = False


class PermanentFailure(DeliveryFailure):
    permanent = True


class Transport(Protocol):
    def send(self, notification: Notification, message: RenderedMessage) -> str: ...


def get_transport(channel: str) -> Transport:
    from agir.notify.channels.email.transport import EmailTransport

    transports: dict[str, type] = {"email": EmailTransport}
    try:
        return transports[channel]()
    except KeyError:
        raise PermanentFailure(f"channel {channel!r} is not available") from None


def available_channels() -> frozenset[str]:
    return frozenset({"email"})
