"""Every PDF AGIR makes (letters, faxes, activation letters) comes from HTML through here.

WeasyPrint fetches what a document refers to: stylesheets, images, fonts. Here it may fetch
the project's own static files and nothing else: no http(s) address (a request to anyone, the
server's own network included), no file:// path (a file of the server), nothing outside the
static folders. `data:` URIs are read from the document itself (the landlord's logo). A refused
URL is logged and left out of the PDF.

Documents are rendered against STATIC_ORIGIN, so that `{% static %}` paths resolve under it.
"""

from __future__ import annotations

import logging
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import PrefixNode
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)

# WeasyPrint reports every unsupported CSS property at WARNING; a letter needs none of it.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("weasyprint.progress").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)

# No such host exists (.invalid, RFC 2606): nothing under it can reach the network.
STATIC_ORIGIN = "https://static.agir.invalid/"


class RefusedURL(ValueError):
    pass


class StaticFilesOnly(URLFetcher):
    """A URL fetcher that serves the project's static files and refuses every other URL."""

    def __init__(self) -> None:
        super().__init__(timeout=1, allowed_protocols={"data"}, allow_redirects=False)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        found = static_file(static_path(url))
        if not found:
            log.warning("PDF: refused to fetch %s (only the project's static files)", url[:200])
            raise RefusedURL(f"only the project's static files: {url[:200]}")
        with open(found, "rb") as handle:
            body = handle.read()
        kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": kind})


def static_file(path: str) -> str | None:
    """Where the static file `path` is: collected (production, with its hashed name), or in
    its app's folder (development)."""
    if not path:
        return None
    try:
        collected = staticfiles_storage.path(path)
    except NotImplementedError:
        collected = ""
    if collected and Path(collected).is_file():
        return collected
    return finders.find(path)


def static_path(url: str) -> str:
    """The static file `url` names under STATIC_ORIGIN, or "" when it names none."""
    prefix = urljoin(STATIC_ORIGIN, PrefixNode.handle_simple("STATIC_URL"))
    if not url.startswith(prefix):
        return ""
    relative = unquote(urlsplit(url).path[len(urlsplit(prefix).path) :])
    clean = posixpath.normpath(relative)
    if not relative or clean.startswith(("../", "/")) or clean in (".", "..") or "\\" in clean:
        return ""
    return clean


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=STATIC_ORIGIN, url_fetcher=StaticFilesOnly()).write_pdf()
