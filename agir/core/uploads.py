"""Uploads stop at the limit: the first of FILE_UPLOAD_HANDLERS counts each file's bytes and
the request's, and past PHOTO_MAX_UPLOAD_BYTES for a file (or UPLOAD_MAX_REQUEST_BYTES for all
of them) stops reading the request at once. Nothing past the limit is read, nor written to a
temporary file; the view then tells the person which file was too heavy (`refusal`).

Before the request reaches AGIR, nginx's `client_max_body_size` refuses what is larger still
(README, «Running it in production»).

The fields of the form that come after the cut-off file are not in request.POST: a view must
keep what it had saved for them (see agir/portal/wizard/views.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class CutUpload:
    field_name: str
    file_name: str
    limit: int


def request_limit() -> int:
    return int(settings.UPLOAD_MAX_REQUEST_BYTES)


class LimitedUploadHandler(FileUploadHandler):
    """Passes chunks on to the next handlers until a limit is passed, then stops the upload."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.request_bytes = 0
        self.file_bytes = 0

    def new_file(self, field_name, file_name, *args, **kwargs) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        self.file_bytes = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.file_bytes += len(raw_data)
        self.request_bytes += len(raw_data)
        file_limit = int(settings.PHOTO_MAX_UPLOAD_BYTES)
        if self.file_bytes > file_limit or self.request_bytes > request_limit():
            limit = file_limit if self.file_bytes > file_limit else request_limit()
            if self.request is not None:
                self.request.cut_upload = CutUpload(self.field_name, self.file_name or "", limit)
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) makes the file


def cut_upload(request: HttpRequest) -> CutUpload | None:
    """The file at which the upload of `request` was stopped, if it was."""
    # Reading FILES is what parses the body (and may stop it).
    request.FILES  # noqa: B018
    return getattr(request, "cut_upload", None)


def refusal(request: HttpRequest) -> str:
    """In French, why the upload was stopped; "" when it was not."""
    cut = cut_upload(request)
    if cut is None:
        return ""
    megabytes = max(1, cut.limit // (1024 * 1024))
    if cut.limit == int(settings.PHOTO_MAX_UPLOAD_BYTES):
        return _(
            "« %(name)s » est trop lourde : %(max)d Mo au plus par photo. Elle n'a pas été "
            "envoyée, ni ce qui la suivait dans le formulaire."
        ) % {"name": cut.file_name or _("la photo"), "max": megabytes}
    return _(
        "Ces photos sont trop lourdes ensemble : %(max)d Mo au plus en une fois. Envoyez-les "
        "en plusieurs fois."
    ) % {"max": megabytes}
