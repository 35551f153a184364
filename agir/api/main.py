"""The one NinjaAPI of AGIR, served under /api/.

How an app adds operations (the convention):
1. the app has an `api.py` module holding `router = Router(tags=[...])` and its operations;
2. its line goes into `ROUTERS` below: (URL prefix under /api/, module path).
Operations that need a client's token say so with `auth=scoped("<scope>")` (agir/api/auth.py);
a new scope goes into agir/api/scopes.py. Errors are raised as `HttpError(status, "English
sentence.")` and come out as `{"error": …}` (agir/api/errors.py). docs/api.md says the rest.
"""

from __future__ import annotations

from importlib import import_module

from django.http import HttpRequest
from django.utils.csp import CSP, build_policy
from ninja import NinjaAPI, Router, Schema
from ninja.openapi.docs import Swagger

from . import errors
from .auth import any_client

# (prefix under /api/, module whose `router` serves it, or "module:name" for another router of
# the module): the one place routers are registered.
ROUTERS: list[tuple[str, str]] = [
    ("catalogue/", "agir.catalogue.api"),
    ("rounds/", "agir.rounds.api"),
    ("exchange/", "agir.exchange.api"),
    ("requests/", "agir.repairs.api"),
    ("events/", "agir.repairs.api:events_router"),
    ("estate/", "agir.estate.api"),
]

# The documentation page loads only our own files: Swagger UI is vendored by django-ninja and
# served from our static files, never from a CDN.
DOCS_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}


def strict_csp(view):
    """Sets the documentation's own policy (a site-wide middleware keeps a header already set)."""

    def wrapped(request: HttpRequest, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response[str(CSP.HEADER_ENFORCE)] = build_policy(DOCS_CSP)
        return response

    return wrapped


DESCRIPTION = """\
The JSON API of AGIR, for integrations: the landlord's ERP, partners' tools, the caretakers'
phones. Operations marked with a lock need a token: `Authorization: Bearer agir_…`. A manager
makes one per client (Django admin, «Clients de l'API», or `agir api_client create`) and gives
it only the scopes it needs. Every error is `{"error": "<English sentence>"}` with its HTTP
status: 400 bad input, 401 no valid token, 403 a scope is missing, 404 missing or not yours.
"""

api = NinjaAPI(
    title="AGIR API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=Swagger(settings={"validatorUrl": None, "defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    docs_decorator=strict_csp,
)
errors.install(api)


class ClientOut(Schema):
    name: str
    scopes: list[str]


clients = Router(tags=["clients"])


@clients.get(
    "me",
    response=errors.responses({200: ClientOut}, 401),
    auth=any_client(),
    summary="The client this token belongs to",
)
def me(request: HttpRequest) -> ClientOut:
    """Which client a token is, and its scopes: a way to check a token."""
    return ClientOut(name=request.auth.name, scopes=request.auth.scopes)


api.add_router("clients/", clients)
for prefix, where in ROUTERS:
    module, _colon, name = where.partition(":")
    api.add_router(prefix, getattr(import_module(module), name or "router"))
