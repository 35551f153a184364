"""Files that are either complete or absent: written aside, flushed to disk, then renamed.

A reader of the target folder (the ERP, a person) never sees a half-written file: the bytes
go to a hidden folder `.partial/` beside the target, are fsync'ed, and the file is renamed into
place (atomic within one file system); the folder is fsync'ed so that the rename survives a
power cut.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PARTIAL = ".partial"


@dataclass(frozen=True)
class Written:
    path: Path
    bytes: int
    sha256: str


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(target: Path, chunks: Iterable[bytes]) -> Written:
    """Write `chunks` to `target`, all or nothing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial_dir = target.parent / PARTIAL
    partial_dir.mkdir(exist_ok=True)
    partial = partial_dir / target.name
    digest = hashlib.sha256()
    size = 0
    with open(partial, "wb") as out:
        for chunk in chunks:
            out.write(chunk)
            digest.update(chunk)
            size += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, target)
    fsync_dir(target.parent)
    return Written(target, size, digest.hexdigest())


def move_durably(source: Path, folder: Path) -> Path:
    """Move a finished file into `folder` (same file system), durably."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    number = 1
    while target.exists() and sha256_of(target) != sha256_of(source):
        # Another file came under the same name before: keep both.
        number += 1
        target = folder / f"{source.stem}.{number}{source.suffix}"
    os.replace(source, target)
    fsync_dir(folder)
    fsync_dir(source.parent)
    return target


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_visible(path: Path) -> bool:
    """Files a reader should look at: not hidden, not being written by a careful writer."""
    name = path.name
    return path.is_file() and not name.startswith(".") and not name.endswith((".tmp", ".part"))
