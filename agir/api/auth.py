"""Token authentication for the ninja API: `auth=scoped("requests:read")` on an operation."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from . import tokens
from .models import ApiClient
from .scopes import SCOPES


class ScopedToken(HttpBearer):
    """`Authorization: Bearer agir_…`; the client must hold `scope` (any client when None).

    No token or a wrong one answers 401; a good token without the scope answers 403.
    """

    def __init__(self, scope: str | None) -> None:
        if scope is not None and scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}: add it to agir/api/scopes.py")
        self.scope = scope
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        client = tokens.authenticate(token)
        if client is None:
            return None
        if self.scope is not None and not client.has_scope(self.scope):
            raise AuthorizationError(message=f"This token does not have the scope '{self.scope}'.")
        return client


def scoped(scope: str) -> ScopedToken:
    return ScopedToken(scope)


def any_client() -> ScopedToken:
    return ScopedToken(None)
