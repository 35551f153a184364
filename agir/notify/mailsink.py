"""A catch-all SMTP server that keeps each message as an .eml file (the demo's mailbox)."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


class MaildirHandler:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        name = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}.eml"
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode()
        (self.folder / name).write_bytes(content)
        return "250 Message accepted for delivery"


def start(folder: Path, host: str = "127.0.0.1", port: int = 8025, ident: str = "") -> Controller:
    """Listen on `port`; `ident` goes into the greeting, so that a client can tell it is this
    mailbox that answers (the demo waits for it before any message is sent)."""
    controller = Controller(
        MaildirHandler(folder), hostname=host, port=port, ident=ident or "AGIR mailbox"
    )
    controller.start()
    return controller
