"""Photos attached to a request after it was sent: at most MAX_PHOTOS in all, whoever adds them."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from .models import MAX_PHOTOS, RepairRequest, RequestPhoto
from .photos import PhotoRejected


def add_photo(request: RepairRequest, jpeg: bytes, *, uploaded_by=None) -> RequestPhoto:
    """Store `jpeg` (already through `photos.process_upload`) as a photo of `request`."""
    with transaction.atomic():
        # Lock the request so that two uploads at once cannot both take the last place.
        locked = RepairRequest.objects.select_for_update().get(pk=request.pk)
        if locked.photos.count() >= MAX_PHOTOS:
            raise PhotoRejected(
                f"request {locked.pk} already has {MAX_PHOTOS} photos",
                _("Cette demande a déjà %(max)d photos : c'est le maximum.") % {"max": MAX_PHOTOS},
            )
        photo = RequestPhoto(request=locked, uploaded_by=uploaded_by)
        photo.image.save("photo.jpg", ContentFile(jpeg), save=False)
        try:
            photo.save()
        except BaseException:
            photo.image.delete(save=False)
            raise
    return photo
