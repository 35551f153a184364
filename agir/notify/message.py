"""What a channel sends: the rendered form of one notification (render.py makes it, the
transports in channels/ carry it). Below both, so that neither imports the other for it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RenderedMessage:
    subject: str = ""
    text: str = ""
    html: str = ""
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)
