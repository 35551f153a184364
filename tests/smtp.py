"""A real SMTP server on 127.0.0.1 for tests, which can be told to refuse messages."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class RecordingHandler:
    received: list[EmailMessage] = field(default_factory=list)
    # Replies to give, in order, before accepting: e.g. ["451 4.3.0 Try later"] * 2
    refusals: list[str] = field(default_factory=list)
    refuse_always: str = ""

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.refuse_always:
            return self.refuse_always
        if self.refusals:
            return self.refusals.pop(0)
        self.received.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK"


class SmtpServer:
    def __init__(self) -> None:
        self.handler = RecordingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    @property
    def received(self) -> list[EmailMessage]:
        return self.handler.received


def use_smtp_port(settings, port: int) -> None:
    """Send real SMTP to 127.0.0.1:port (Django's test set-up swaps in an in-memory mailer)."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
