"""The one NinjaAPI of AGIR, served under /api/ (a minimal start: routers are added below).

An app adds operations with an `api.py` holding `router = Router(...)`, and one line in
`ROUTERS`: (URL prefix under /api/, module path).
"""

from __future__ import annotations

from importlib import import_module

from ninja import NinjaAPI

ROUTERS: list[tuple[str, str]] = [
    ("rounds/", "agir.rounds.api"),
]

api = NinjaAPI(
    title="AGIR API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
for prefix, module in ROUTERS:
    api.add_router(prefix, import_module(module).router)
