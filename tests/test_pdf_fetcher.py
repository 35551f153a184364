"""WeasyPrint fetches nothing but the project's own static files, for every PDF (letters, faxes,
activation letters): agir/core/pdf.py."""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader

from agir.accounts.letters import render_letters
from agir.core.pdf import html_to_pdf
from tests.builders import build_household

ROOT = Path(__file__).resolve().parents[1]


class Listener:
    """An HTTP server on 127.0.0.1 that counts who asks it for anything."""

    def __init__(self) -> None:
        asked: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                asked.append(self.path)
                body = b"body::after { content: 'FETCHED FROM THE NETWORK' }"
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.asked = asked
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def files(tmp_path, settings):
    """A static file of the project's, and files of the server that are not static."""
    static = tmp_path / "static"
    (static / "letters").mkdir(parents=True)
    (static / "letters" / "print.css").write_text("body::before { content: 'PROJECT STYLESHEET' }")
    (tmp_path / "secret.css").write_text("body::after { content: 'SERVER FILE READ' }")
    settings.STATICFILES_DIRS = [static]
    return tmp_path


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def document(listener, files) -> str:
    return f"""<html><head>
    <link rel="stylesheet" href="/static/letters/print.css">
    <link rel="stylesheet" href="{listener.url}/style.css">
    <link rel="stylesheet" href="file://{files}/secret.css">
    <link rel="stylesheet" href="/static/letters/%2e%2e/%2e%2e/secret.css">
    </head><body><p>Madame, Monsieur,</p><img src="{listener.url}/pixel.png"></body></html>"""


def test_a_letter_uses_the_projects_static_files_and_fetches_nothing_else(listener, files):
    pdf = html_to_pdf(document(listener, files))

    text = text_of(pdf)
    assert "PROJECT STYLESHEET" in text
    assert "Madame, Monsieur" in text
    assert "FETCHED FROM THE NETWORK" not in text and listener.asked == []
    assert "SERVER FILE READ" not in text


def test_activation_letters_fetch_nothing_but_static_files(listener, files, settings, estate):
    # Fails before the fix: activation letters used WeasyPrint's default fetcher, which reads
    # any http:// or file:// address a template names, against PUBLIC_BASE_URL.
    templates = files / "templates" / "accounts" / "letters"
    templates.mkdir(parents=True)
    (templates / "activation.html").write_text(
        document(listener, files).replace("Madame, Monsieur,", "{{ letters|length }} lettre(s)")
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [files / "templates", *settings.TEMPLATES[0]["DIRS"]]}
    ]
    settings.PUBLIC_BASE_URL = listener.url
    household = build_household(estate.dwellings[2], with_account=False)

    pdf, count = render_letters([household.holder])

    text = text_of(pdf)
    assert count == 1 and "1 lettre(s)" in text
    assert "PROJECT STYLESHEET" in text
    assert listener.asked == []
    assert "SERVER FILE READ" not in text


def test_weasyprint_is_used_nowhere_else():
    # Fails before the fix: accounts/letters.py called WeasyPrint with its default fetcher.
    users = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "agir").rglob("*.py")
        if "import weasyprint" in path.read_text() or "from weasyprint" in path.read_text()
    ]
    assert users == ["agir/core/pdf.py"]
