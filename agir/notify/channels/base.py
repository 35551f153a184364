"""What every transport shares: how a send fails, and the shape of a transport."""

from __future__ import annotations

from typing import Protocol

from agir.notify.message import RenderedMessage
from agir.notify.models import Notification


class DeliveryFailure(Exception):
    permanent = False
    # The message may have reached the peer all the same (no answer in time): retried, and
    # its attempt's outcome recorded as unknown rather than failed.
    outcome_unknown = False


class TemporaryFailure(DeliveryFailure):
    permanent = False


class OutcomeUnknown(TemporaryFailure):
    outcome_unknown = True


class PermanentFailure(DeliveryFailure):
    permanent = True


class Transport(Protocol):
    def send(self, notification: Notification, message: RenderedMessage) -> str: ...
