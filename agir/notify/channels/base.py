"""What every transport shares: how a send fails, and the shape of a transport."""

from __future__ import annotations

from typing import Protocol

from agir.notify.message import RenderedMessage
from agir.notify.models import Notification


class DeliveryFailure(Exception):
    permanent = False


class TemporaryFailure(DeliveryFailure):
    permanent = False


class PermanentFailure(DeliveryFailure):
    permanent = True


class Transport(Protocol):
    def send(self, notification: Notification, message: RenderedMessage) -> str: ...
