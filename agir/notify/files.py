"""Files the channels write: atomically, under names derived from idempotency keys."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings


def key_slug(key: str) -> str:
    """A file-name-safe name derived from an idempotency key: the same key, the same name."""
    return "agir-" + hashlib.sha256(key.encode()).hexdigest()[:32]


def notify_path(relative: str) -> Path:
    return settings.NOTIFY_DIR / relative


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over `path`: a reader sees the
    old file or the whole new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def create_atomic(path: Path, data: bytes, *, staging: Path | None = None) -> bool:
    """Create `path` with `data` unless it exists; False when it already did.

    The file is written whole in `staging` (same file system) then hard-linked into place:
    link() fails if the name is taken, so two writers of the same name never both succeed, and
    a reader of the folder never sees a half-written file.
    """
    staging = staging or path.parent
    staging.mkdir(parents=True, exist_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=staging, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        return True
    finally:
        Path(temporary).unlink(missing_ok=True)
