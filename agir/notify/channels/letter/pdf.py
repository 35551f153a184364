"""HTML to PDF for letters and faxes: agir.core.pdf, which fetches nothing but the project's
static files."""

from agir.core.pdf import html_to_pdf

__all__ = ["html_to_pdf"]
