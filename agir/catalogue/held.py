"""What a process keeps of the catalogue between requests, and when it reads it again.

The catalogue changes a few times a year and is read on every step of the tenant's wizard and
by every search: each process reads it once and keeps what it built. A change to a catalogue
row (signals, `agir.catalogue.signals`) bumps a version kept in Django's cache and drops this
process's copies at once; another process sees the new version on its next read when the
processes share a cache (Redis), and in any case rebuilds after MAX_AGE seconds.

A request reads the version once, at its first use of the catalogue: a wizard step uses the
catalogue 9 or 10 times, and a Redis round trip each cost the steps up to a quarter of their
throughput under load (docs/performance.md). Outside a request (workers, commands) every read
asks the cache.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable

from django.core.cache import cache as django_cache

VERSION_KEY = "agir:catalogue:version"
# The backstop for processes that do not share a cache (the default local-memory cache).
MAX_AGE = 300.0

_all: weakref.WeakSet[Held] = weakref.WeakSet()

_UNREAD = object()
# The request this thread serves, if any, and the version it read (request_started/_finished).
_this_request = threading.local()


def version() -> object:
    if not getattr(_this_request, "open", False):
        return django_cache.get(VERSION_KEY, 0)
    if _this_request.version is _UNREAD:
        _this_request.version = django_cache.get(VERSION_KEY, 0)
    return _this_request.version


def request_started(**kwargs) -> None:
    _this_request.open, _this_request.version = True, _UNREAD


def request_finished(**kwargs) -> None:
    _this_request.open, _this_request.version = False, _UNREAD


def invalidate() -> None:
    """Make every process build its copies again on their next read."""
    try:
        django_cache.incr(VERSION_KEY)
    except ValueError:
        django_cache.set(VERSION_KEY, 1, timeout=None)
    _this_request.version = _UNREAD  # this request reads the new version
    for held in list(_all):
        held.drop()


class Held[T]:
    """A value built from the catalogue once a process, and again when the catalogue changed
    (or after MAX_AGE seconds). `build` must read committed rows only and return a value no
    caller changes: requests on other threads share it."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._held: tuple[object, float, T] | None = None
        _all.add(self)

    def get(self) -> T:
        current = version()
        held = self._held
        if held is not None and self._fresh(held, current):
            return held[2]
        with self._lock:
            held = self._held
            if held is None or not self._fresh(held, current):
                held = (current, time.monotonic(), self._build())
                self._held = held
        return held[2]

    def drop(self) -> None:
        with self._lock:
            self._held = None

    @staticmethod
    def _fresh(held: tuple[object, float, T], current: object) -> bool:
        return held[0] == current and time.monotonic() - held[1] < MAX_AGE
