"""A hard time limit on one send, so that a send cannot outlive its claim.

Socket timeouts bound each read, not a whole conversation: a peer that answers one byte every
few seconds keeps a send going for ever. `time_budget(seconds)` raises `OutOfTime` in the
middle of whatever the send is doing once the budget is spent (an interval timer and SIGALRM,
in the main thread, where workers run their tasks). A timer already running (RQ's job timeout
uses SIGALRM too) is put back afterwards with what was left of it; when it would fire first,
the send does not start at all.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class OutOfTime(BaseException):
    """The send took longer than its budget; whether the peer got the message is unknown."""


def _raise(signum, frame) -> None:
    raise OutOfTime


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        # Signals reach the main thread only: elsewhere, the transports' socket timeouts and
        # the claim check when recording are what is left.
        yield
        return
    left_before, _ = signal.getitimer(signal.ITIMER_REAL)
    if left_before and left_before <= seconds:
        raise OutOfTime("the job's own time limit comes before this send's budget")
    previous = signal.signal(signal.SIGALRM, _raise)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if left_before:
            elapsed = time.monotonic() - started
            signal.setitimer(signal.ITIMER_REAL, max(left_before - elapsed, 0.001))
