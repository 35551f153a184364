"""Photos of a wizard not yet confirmed: cleaned JPEGs kept in the default storage.

They wait under WIZARD_UPLOAD_DIR/<wizard id>/ and become RequestPhotos when the tenant
confirms; `discard_stale` removes what abandoned wizards left behind.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone


def _folder(wizard_id: str) -> str:
    return f"{settings.WIZARD_UPLOAD_DIR}/{uuid.UUID(wizard_id)}"


def keep(wizard_id: str, jpeg: bytes, label: str) -> dict:
    photo_id = str(uuid.uuid4())
    name = default_storage.save(f"{_folder(wizard_id)}/{photo_id}.jpg", ContentFile(jpeg))
    return {"id": photo_id, "name": name, "label": label[:80]}


def read(photo: dict) -> bytes | None:
    try:
        with default_storage.open(photo["name"], "rb") as handle:
            return handle.read()
    except (FileNotFoundError, OSError):
        return None


def remove(photo: dict) -> None:
    default_storage.delete(photo["name"])


def discard_stale(older_than: timedelta = timedelta(days=2)) -> int:
    """Delete the drafts of wizards untouched for `older_than`; returns how many files."""
    root = settings.WIZARD_UPLOAD_DIR
    if not default_storage.exists(root):
        return 0
    limit = timezone.now() - older_than
    removed = 0
    folders, _files = default_storage.listdir(root)
    for folder in folders:
        _sub, names = default_storage.listdir(f"{root}/{folder}")
        for name in names:
            path = f"{root}/{folder}/{name}"
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
                removed += 1
    return removed
