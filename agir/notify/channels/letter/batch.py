"""The day's print batch: every letter of the day in one PDF, and a CSV list of them, for the
mail room. Built again when letters were added since the last build."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from django.db.models import QuerySet
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from agir.notify.files import notify_path, write_atomic
from agir.notify.models import Notification, PrintBatch

CSV_COLUMNS = [
    "position",
    "first_page",
    "pages",
    "reference",
    "recipient",
    "address",
    "message",
    "notification",
    "filed_at",
]


def letters(batch: PrintBatch) -> QuerySet[Notification]:
    return batch.letters.exclude(artifact="").order_by("sent_at", "id")


def paths(batch: PrintBatch) -> tuple[Path, Path]:
    stem = f"batches/courrier-{batch.day:%Y-%m-%d}"
    return notify_path(f"{stem}.pdf"), notify_path(f"{stem}.csv")


def build(batch: PrintBatch) -> tuple[Path, Path]:
    """Write the batch's PDF (the letters one after another) and its CSV list."""
    pdf_path, csv_path = paths(batch)
    writer = PdfWriter()
    rows = io.StringIO()
    table = csv.writer(rows)
    table.writerow(CSV_COLUMNS)
    page = 1
    included = list(letters(batch))
    for position, letter in enumerate(included, start=1):
        reader = PdfReader(notify_path(letter.artifact))
        for pdf_page in reader.pages:
            writer.add_page(pdf_page)
        table.writerow(
            [
                position,
                page,
                len(reader.pages),
                letter.context.get("reference", ""),
                letter.recipient_name,
                " / ".join(letter.address.split("\n")),
                letter.kind_label,
                letter.code,
                timezone.localtime(letter.sent_at).isoformat() if letter.sent_at else "",
            ]
        )
        page += len(reader.pages)
    document = io.BytesIO()
    writer.write(document)
    write_atomic(pdf_path, document.getvalue())
    # UTF-8 with a BOM: the mail room opens it in a spreadsheet that then reads the accents.
    write_atomic(csv_path, rows.getvalue().encode("utf-8-sig"))
    batch.built_at = timezone.now()
    batch.built_count = len(included)
    batch.save(update_fields=["built_at", "built_count"])
    return pdf_path, csv_path


def ensure_built(batch: PrintBatch) -> tuple[Path, Path]:
    pdf_path, csv_path = paths(batch)
    fresh = pdf_path.exists() and csv_path.exists() and batch.built_count == letters(batch).count()
    return (pdf_path, csv_path) if fresh else build(batch)


def batch_of(day: date) -> PrintBatch | None:
    return PrintBatch.objects.filter(day=day).first()
