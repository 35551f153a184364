"""Make, check and revoke API tokens.

A token reads `agir_<prefix>_<secret>`: the prefix finds the client's row, the whole token is
compared by its SHA-256 in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from .models import ApiClient
from .scopes import SCOPES

PREFIX = "agir_"
# last_used_at is written at most this often, so that reads do not all become writes.
USE_STAMP_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    client: ApiClient
    token: str  # shown once; never stored


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    prefix = secrets.token_hex(6)
    return prefix, f"{PREFIX}{prefix}_{secrets.token_urlsafe(32)}"


def check_scopes(scopes: list[str]) -> None:
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise ValueError(f"unknown scopes: {', '.join(unknown)}")


def issue(
    name: str, scopes: list[str], *, contact: str = "", created_by: Any = None
) -> IssuedToken:
    """A new client with a new token."""
    check_scopes(scopes)
    prefix, token = _new_token()
    client = ApiClient.objects.create(
        name=name,
        contact=contact,
        scopes=sorted(set(scopes)),
        token_prefix=prefix,
        token_hash=_hash(token),
        created_by=created_by,
    )
    return IssuedToken(client, token)


def rotate(client: ApiClient) -> IssuedToken:
    """A new token for an existing client; the old one stops working at once."""
    prefix, token = _new_token()
    client.token_prefix, client.token_hash = prefix, _hash(token)
    client.revoked_at = None
    client.save(update_fields=["token_prefix", "token_hash", "revoked_at"])
    return IssuedToken(client, token)


def revoke(client: ApiClient) -> None:
    client.revoked_at = timezone.now()
    client.save(update_fields=["revoked_at"])


def authenticate(token: str | None) -> ApiClient | None:
    """The active client whose token this is, or None."""
    if not token or not token.startswith(PREFIX):
        return None
    prefix = token[len(PREFIX) :].split("_", 1)[0]
    client = ApiClient.objects.active().filter(token_prefix=prefix).first()
    if client is None or not hmac.compare_digest(client.token_hash, _hash(token)):
        return None
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at > USE_STAMP_EVERY:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now
    return client
