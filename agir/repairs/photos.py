"""Photos sent with a request: checked, re-encoded to JPEG, stripped of their metadata.

Whatever a phone sends (JPEG, PNG, HEIC from an iPhone, WebP), what is stored is a fresh JPEG
drawn from the pixels only: no EXIF, no GPS position, no embedded thumbnail, no colour profile,
nothing hidden after the image data. A file that is not a photo (an SVG, a PDF, a renamed
document, a truncated file) is refused with a French message that says what to send instead.

Used by the guided entry (before the request exists: `clean_photo`, then `attach` when the
tenant confirms) and by a request's page («Ajouter une photo»).
"""

from __future__ import annotations

import io
import warnings
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from .models import MAX_PHOTOS, RepairRequest, RequestPhoto

register_heif_opener()

# Formats as Pillow names them once the file is opened; the extension and the browser's
# content type are never trusted. MPO is the JPEG some cameras write with a second view.
ACCEPTED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "HEIF", "WEBP"})
# The default upload limit; settings.PHOTO_MAX_UPLOAD_BYTES overrides it.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A photo is made smaller than this on its longest side: enough to see a leak, light to send.
MAX_SIDE = 2000
# Beyond this many pixels the file is refused before it is decoded (decompression bombs, and
# memory: a 59-megapixel PNG of 233 KB takes 1 GB to decode); settings.PHOTO_MAX_PIXELS
# overrides it. Phones make up to about 24 megapixels.
MAX_PIXELS = 24_000_000
JPEG_QUALITY = 82


class PhotoRejected(Exception):
    """A file that will not be kept. `str()` says why in English, for logs; `user_message` says
    it in French, for the person who sent it."""

    def __init__(self, reason: str, user_message: str) -> None:
        super().__init__(reason)
        self.user_message = user_message


def max_upload_bytes() -> int:
    return int(getattr(settings, "PHOTO_MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES))


def max_pixels() -> int:
    return int(getattr(settings, "PHOTO_MAX_PIXELS", MAX_PIXELS))


def clean_photo(upload: IO[bytes], *, name: str = "", size: int | None = None) -> bytes:
    """The photo in `upload` as fresh JPEG bytes, or PhotoRejected.

    `size`, when the caller knows it, refuses an oversized file before reading it.
    """
    limit = max_upload_bytes()
    label = name or _("la photo")
    if size is not None and size > limit:
        raise _too_heavy(label, limit)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_heavy(label, limit)
    if not data:
        raise PhotoRejected("empty file", _("Le fichier est vide."))
    if _looks_like_svg(data, name):
        raise PhotoRejected(
            "svg refused",
            _(
                "« %(name)s » n'est pas une photo : c'est un dessin SVG. "
                "Envoyez une photo au format JPEG, PNG ou HEIC."
            )
            % {"name": label},
        )
    try:
        with warnings.catch_warnings():
            # Pillow warns, then raises, on huge images; make the warning a refusal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise _not_a_photo(label, f"format {image.format} is not accepted")
            width, height = image.size
            if width * height > max_pixels():
                raise _too_large(label, f"{width}x{height} pixels", width * height)
            if image.format in ("JPEG", "MPO"):
                # Decode at 1/2, 1/4 or 1/8 of the size when that still covers MAX_SIDE: the
                # JPEG decoder does it for free, and a 24-megapixel photo then takes a quarter
                # of the memory.
                image.draft(None, (MAX_SIDE, MAX_SIDE))
            image.load()  # decode it all now: a truncated or corrupt file fails here
            return _reencode(image)
    except PhotoRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_large(label, f"decompression bomb: {error}") from None
    except UnidentifiedImageError:
        raise _not_a_photo(label, "not an image") from None
    except (OSError, ValueError, SyntaxError) as error:
        # A truncated or corrupt file that Pillow recognised but cannot decode.
        raise PhotoRejected(
            f"cannot decode: {error}",
            _(
                "« %(name)s » n'est pas une photo que nous pouvons lire (le fichier est abîmé). "
                "Essayez une autre photo."
            )
            % {"name": label},
        ) from None


def _reencode(image: Image.Image) -> bytes:
    # Turn the pixels the way the phone meant them before the orientation tag is dropped.
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "L"):
        # JPEG has no transparency: lay it on white.
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    # A new image from the pixels alone: nothing of the original file's metadata travels.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def _looks_like_svg(data: bytes, name: str) -> bool:
    head = data[:2048].lstrip().lower()
    return (
        name.lower().endswith((".svg", ".svgz"))
        or head.startswith((b"<?xml", b"<svg", b"<!doctype svg"))
        or b"<svg" in head
    )


def _too_heavy(label: str, limit: int) -> PhotoRejected:
    return PhotoRejected(
        f"larger than {limit} bytes",
        _("« %(name)s » est trop lourde : %(max)d Mo au plus par photo.")
        % {"name": label, "max": max(1, limit // (1024 * 1024))},
    )


def _too_large(label: str, reason: str, pixels: int | None = None) -> PhotoRejected:
    if pixels is None:
        message = _("« %(name)s » est une image trop grande. Envoyez une photo plus petite.") % {
            "name": label
        }
    else:
        message = _(
            "« %(name)s » est une image trop grande (%(size)d mégapixels, %(max)d au plus). "
            "Envoyez une photo prise avec l'appareil photo d'un téléphone, ou réduisez-la."
        ) % {
            "name": label,
            "size": round(pixels / 1_000_000),
            "max": max_pixels() // 1_000_000,
        }
    return PhotoRejected(reason, message)


def _not_a_photo(label: str, reason: str) -> PhotoRejected:
    return PhotoRejected(
        reason,
        _("« %(name)s » n'est pas une photo. Envoyez une photo au format JPEG, PNG ou HEIC.")
        % {"name": label},
    )


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
