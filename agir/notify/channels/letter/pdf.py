"""HTML to PDF with WeasyPrint, fetching nothing from outside the document."""

from __future__ import annotations

import logging

import weasyprint
from weasyprint.urls import URLFetcher

# WeasyPrint reports every unsupported CSS property at WARNING; a letter needs none of it.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("weasyprint.progress").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def html_to_pdf(html: str) -> bytes:
    # Only data: URIs (the landlord's logo): a file:// or http:// address smuggled into a
    # letter is refused, so the renderer reads no file of the server and calls no one.
    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=2)
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
