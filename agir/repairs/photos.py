"""A photo sent by a person, made safe to keep: checked, re-encoded to JPEG, metadata stripped.

Same names as the guided entry's module of the same path (`clean_photo`, `attach`,
`PhotoRejected`): whichever is kept when the branches meet, the callers do not change.

Re-encoding drops EXIF (GPS position, camera serial), ICC tricks and anything hidden after the
image data; the stored file is always a plain JPEG of bounded size, whatever was uploaded.
"""

from __future__ import annotations

import warnings
from io import BytesIO
from typing import IO

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .models import MAX_PHOTOS, RepairRequest, RequestPhoto

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 48 MP phone photo is refused by Pillow's bomb guard anyway
MAX_SIDE = 2000  # enough to see a leak; keeps a stored photo near 300 KB
JPEG_QUALITY = 82
ACCEPTED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP"})


class PhotoRejected(Exception):
    """`str()` says why in English, for logs; `user_message` says it in French, for people."""

    def __init__(self, message: str, user_message: str) -> None:
        super().__init__(message)
        self.user_message = user_message


def clean_photo(upload: IO[bytes], *, name: str = "", size: int | None = None) -> bytes:
    """The photo in `upload` as fresh JPEG bytes, or PhotoRejected.

    `size`, when the caller knows it (Django's UploadedFile.size), refuses an oversized file
    before reading it.
    """
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise _too_heavy(size)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _too_heavy(len(data))
    if not data:
        raise PhotoRejected("empty file", _("Le fichier est vide."))
    image = _open(data)
    image = ImageOps.exif_transpose(image)  # keep the photo upright once EXIF is gone
    image = _flatten(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def _open(data: bytes) -> Image.Image:
    not_a_photo = _(
        "Ce fichier n'est pas une photo que nous pouvons lire. "
        "Envoyez une photo au format JPEG, PNG ou WebP."
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise PhotoRejected(f"format {image.format} is not accepted", not_a_photo)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoRejected(f"{width}x{height} pixels is too large", _too_large_message())
            image.load()  # decode it all now: a truncated or corrupt file fails here
    except PhotoRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoRejected(f"decompression bomb: {error}", _too_large_message()) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise PhotoRejected(f"unreadable image: {error}", not_a_photo) from None
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB, with any transparency laid on white (JPEG has no alpha)."""
    if image.mode in {"RGBA", "LA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _too_heavy(size: int) -> PhotoRejected:
    return PhotoRejected(
        f"{size} bytes is over {MAX_UPLOAD_BYTES}",
        _("La photo est trop lourde : %(max)d Mo au plus.")
        % {"max": MAX_UPLOAD_BYTES // (1024 * 1024)},
    )


def _too_large_message() -> str:
    return _("La photo est trop grande. Envoyez une photo plus petite.")


def attach(request: RepairRequest, jpeg: bytes, *, uploaded_by=None) -> RequestPhoto:
    """Keep a cleaned photo (from `clean_photo`) with `request`.

    The caller that must be exact under concurrency holds a lock on the request's row.
    """
    if request.photos.count() >= MAX_PHOTOS:
        raise PhotoRejected(
            "too many photos",
            _("%(max)d photos au plus par demande.") % {"max": MAX_PHOTOS},
        )
    photo = RequestPhoto(request=request, uploaded_by=uploaded_by)
    photo.image.save("photo.jpg", ContentFile(jpeg), save=False)
    photo.save()
    return photo
