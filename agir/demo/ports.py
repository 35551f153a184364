"""The demo's ports: the preferred one when it is free, another free one when it is not, and
a clear refusal when a port asked for on the command line is taken.

Nothing is queued or sent before the ports are settled, and the worker starts only once the
demo's own mailbox answers on its port (its SMTP greeting carries a token only this run knows),
so no message of the demo can reach another program that holds the port.
"""

from __future__ import annotations

import smtplib
import socket
import time
from collections.abc import Callable

from django.core.management.base import CommandError


def is_free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def any_free(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def choose(
    host: str,
    *,
    asked: int | None,
    preferred: int,
    option: str,
    what: str,
    say: Callable[[str], None],
) -> int:
    """`asked` if free (else refuse, naming `option`); otherwise `preferred`, or any free port."""
    if asked is not None:
        if not is_free(host, asked):
            raise CommandError(
                f"Port {asked} ({what}) is taken by another program. Choose another one with "
                f"{option} N, or leave {option} out and the demo picks a free port."
            )
        return asked
    if is_free(host, preferred):
        return preferred
    port = any_free(host)
    say(f"Port {preferred} is taken: the {what} uses port {port} instead ({option} N to choose).")
    return port


def wait_for_mailbox(
    host: str, port: int, token: str, alive: Callable[[], bool], timeout: float = 300.0
) -> None:
    """Return once the SMTP server on `port` greets with `token`: the demo's own mailbox.

    The wait is long (a busy machine starts Python slowly) but ends at once if the mailbox's
    process stops."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            break
        try:
            with smtplib.SMTP(timeout=2) as client:
                _code, banner = client.connect(host, port)
                client.quit()
        except (OSError, smtplib.SMTPException):
            time.sleep(0.2)
            continue
        if token.encode() in banner:
            return
        break  # another program answers on that port: send nothing there
    raise CommandError(
        f"The demo's mailbox could not take port {port} (another program holds it). Nothing was "
        f"sent. Choose a free port with --smtp-port N."
    )
