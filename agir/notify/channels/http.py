"""A small HTTP client for the gateways (standard library), mapping failures to temporary or
permanent ones the way providers mean them."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from agir.notify.channels.base import PermanentFailure, TemporaryFailure

# Worth trying again: timeouts, rate limits, server trouble.
TEMPORARY_STATUSES = frozenset({408, 409, 425, 429})


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"{}")
        except ValueError:
            return {}


def post(url: str, body: bytes, headers: dict[str, str]) -> Response:
    if not url.startswith(("http://", "https://")):
        raise PermanentFailure(f"gateway URL is not http(s): {url!r}")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.NOTIFY_HTTP_TIMEOUT) as answer:  # noqa: S310
            return Response(answer.status, answer.read())
    except urllib.error.HTTPError as error:
        detail = error.read()[:500].decode("utf-8", "replace")
        text = f"HTTP {error.code}: {detail}"
        if error.code >= 500 or error.code in TEMPORARY_STATUSES:
            raise TemporaryFailure(text) from error
        raise PermanentFailure(text) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise TemporaryFailure(f"gateway unreachable: {error}") from error
