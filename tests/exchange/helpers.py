"""Files as the ERP drops them in the inbox, and what AGIR makes of them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from django.conf import settings


def drop(name: str, content: str | bytes) -> Path:
    """Put a file in the inbox as a careful ERP does: whole, under its final name."""
    inbox: Path = settings.EXCHANGE_INBOX_DIR
    inbox.mkdir(parents=True, exist_ok=True)
    path = inbox / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def csv_text(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue()


def jsonl_text(rows: list[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def rejects_of(name: str) -> list[dict]:
    path = settings.EXCHANGE_DIR / "rejects" / f"{name}.rejects.csv"
    return list(csv.DictReader(io.StringIO(path.read_text()))) if path.exists() else []


def inbox_names() -> list[str]:
    inbox: Path = settings.EXCHANGE_INBOX_DIR
    return sorted(p.name for p in inbox.iterdir() if p.is_file()) if inbox.exists() else []
