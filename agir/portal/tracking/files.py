"""Photos of a request, served only to a tenant who may see the request (never a media URL)."""

from __future__ import annotations

from io import BytesIO

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from PIL import Image

from agir.portal.access import get_request_for_tenant
from agir.repairs.models import RequestPhoto

from .guards import tenant_required

THUMBNAIL_SIDE = 320


@tenant_required
@require_GET
def photo(request: HttpRequest, code: str, photo: str) -> HttpResponse:
    stored = _photo_for_tenant(request, code, photo)
    try:
        handle = stored.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    return _private(response, f"photo-{stored.request.reference}-{stored.pk}.jpg")


@tenant_required
@require_GET
def thumbnail(request: HttpRequest, code: str, photo: str) -> HttpResponse:
    """A small copy for the request page, so that five photos do not weigh down a slow line."""
    stored = _photo_for_tenant(request, code, photo)
    try:
        with stored.image.open("rb") as handle:
            data = make_thumbnail(handle.read())
    except FileNotFoundError:
        raise Http404 from None
    response = HttpResponse(data, content_type="image/jpeg")
    return _private(response, f"vignette-{stored.request.reference}-{stored.pk}.jpg")


def make_thumbnail(jpeg: bytes, side: int = THUMBNAIL_SIDE) -> bytes:
    with Image.open(BytesIO(jpeg)) as image:
        image.draft("RGB", (side, side))  # JPEG decodes at a reduced scale: fast
        image = image.convert("RGB")
        image.thumbnail((side, side))
        out = BytesIO()
        image.save(out, "JPEG", quality=75, optimize=True)
    return out.getvalue()


def _photo_for_tenant(request: HttpRequest, code: str, photo: str) -> RequestPhoto:
    repair = get_request_for_tenant(request.user, code)
    try:
        stored = repair.photos.get(code=photo)
    except (RequestPhoto.DoesNotExist, ValueError):
        raise Http404 from None
    stored.request = repair
    return stored


def _private(response: HttpResponse, filename: str) -> HttpResponse:
    # Only this person's browser may keep it; no shared cache, no sniffing as something else.
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
