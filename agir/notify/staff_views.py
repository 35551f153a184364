"""Back-office pages of the notifications: the voice messages and letters of a request, the
mail room's print batches, and the demo's caught mailbox. Staff only; files are served by
these views, never from a public folder."""

from __future__ import annotations

from datetime import date, datetime
from email import message_from_bytes, policy
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from agir.backoffice.access import is_back_office, staff_required
from agir.notify.channels.letter import batch as batches
from agir.notify.files import notify_path
from agir.notify.models import Notification, PrintBatch


def _artifact(user, code, channels: set[str]) -> Path:
    if not is_back_office(user):
        raise Http404
    notification = Notification.objects.filter(code=code, channel__in=channels).first()
    if notification is None or not notification.artifact:
        raise Http404
    path = notify_path(notification.artifact)
    if not path.is_file():
        raise Http404
    return path


@staff_required
def voice_audio(request: HttpRequest, code) -> FileResponse:
    path = _artifact(request.user, code, {"voice"})
    return FileResponse(path.open("rb"), content_type="audio/wav")


@staff_required
def letter_pdf(request: HttpRequest, code) -> FileResponse:
    path = _artifact(request.user, code, {"letter", "fax"})
    return FileResponse(path.open("rb"), content_type="application/pdf", filename=path.name)


@staff_required
def print_batches(request: HttpRequest) -> HttpResponse:
    listed = [(b, batches.letters(b).count()) for b in PrintBatch.objects.all()[:90]]
    return render(request, "notify/staff/print_batches.html", {"batches": listed})


@staff_required
def print_batch_file(request: HttpRequest, day: str, kind: str) -> FileResponse:
    try:
        batch = PrintBatch.objects.filter(day=date.fromisoformat(day)).first()
    except ValueError:
        batch = None
    if batch is None or kind not in ("pdf", "csv"):
        raise Http404
    pdf_path, csv_path = batches.ensure_built(batch)
    path = pdf_path if kind == "pdf" else csv_path
    content_type = "application/pdf" if kind == "pdf" else "text/csv; charset=utf-8"
    return FileResponse(path.open("rb"), content_type=content_type, filename=path.name)


# --- the demo's caught mailbox (`agir mailsink`) ------------------------------------------

MAILBOX_PAGE = 200


def _mailbox() -> Path:
    return settings.NOTIFY_MAILBOX_DIR


def _parse(path: Path):
    return message_from_bytes(path.read_bytes(), policy=policy.default)


def _received_at(message) -> datetime | None:
    """The Date header as an aware datetime (shown in local time, like every other date)."""
    header = message.get("Date")
    try:
        return header.datetime if header is not None else None
    except (AttributeError, TypeError, ValueError):
        return None


@staff_required
def mailbox(request: HttpRequest) -> HttpResponse:
    folder = _mailbox()
    files = sorted(folder.glob("*.eml"), reverse=True)[:MAILBOX_PAGE] if folder.is_dir() else []
    # Not "messages": that name is Django's flash messages, which the layout shows.
    mails = []
    for path in files:
        message = _parse(path)
        mails.append(
            {
                "name": path.stem,
                "subject": str(message.get("Subject", "")),
                "to": str(message.get("To", "")),
                "received_at": _received_at(message),
                "attachments": sum(1 for _ in message.iter_attachments()),
            }
        )
    return render(request, "notify/staff/mailbox.html", {"mails": mails, "folder": str(folder)})


@staff_required
def mailbox_message(request: HttpRequest, name: str) -> HttpResponse:
    folder = _mailbox()
    path = folder / f"{name}.eml"
    # The name comes from the URL: it must be a file directly in the mailbox folder.
    if "/" in name or name.startswith(".") or not path.is_file():
        raise Http404
    message = _parse(path)
    text = message.get_body(("plain",))
    context = {
        "name": name,
        "sender": str(message.get("From", "")),
        "to": str(message.get("To", "")),
        "subject": str(message.get("Subject", "")),
        "received_at": _received_at(message),
        "text": text.get_content() if text else "",
        "attachments": [
            (
                part.get_filename() or "",
                part.get_content_type(),
                len(part.get_payload(decode=True) or b""),
            )
            for part in message.iter_attachments()
        ],
    }
    return render(request, "notify/staff/mailbox_message.html", context)
