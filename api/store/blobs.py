"""Content-addressed file store: ``<root>/<sha[:2]>/<sha>``, written atomically.

Bytes are staged in ``<root>/.tmp`` (same filesystem), hashed while copied, then renamed
into place, so a reader never sees half a file and the same bytes are stored once however
often they arrive. The staged bytes and then the directory entry are flushed to the disk
(fsync) before ``commit`` returns: the 202 an upload gets means the files survive a power
cut. Nothing here deletes a blob that a committed row references.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024


class TooLargeError(Exception):
    """The stream exceeded the byte budget it was given."""


class BlobCorruptError(Exception):
    """A blob's bytes no longer hash to its name: served bytes would be wrong, so none are."""


@dataclass(frozen=True)
class Staged:
    """A file hashed into the staging area, not yet in the store."""

    path: Path
    sha256: str
    size: int


class BlobStore:
    """The ``filesystem`` backend (``store.blob_backend``): one directory, shared across
    machines by a mount. The other backends keep this staging and override the rest."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.tmp = self.root / ".tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            raise ValueError("not a sha256 hex digest")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def read(self, sha256: str) -> bytes:
        data = self.path(sha256).read_bytes()
        verify(sha256, hashlib.sha256(data).hexdigest())
        return data

    def stage(self, stream: BinaryIO, *, max_bytes: int) -> Staged:
        """Copy ``stream`` to a staging file, hashing it; ``TooLargeError`` past ``max_bytes``."""
        digest = hashlib.sha256()
        size = 0
        fd, name = tempfile.mkstemp(dir=self.tmp, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise TooLargeError(f"larger than {max_bytes} bytes")
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            os.unlink(name)
            raise
        return Staged(Path(name), digest.hexdigest(), size)

    def stage_bytes(self, data: bytes) -> Staged:
        import io

        return self.stage(io.BytesIO(data), max_bytes=len(data))

    def commit(self, staged: Staged) -> bool:
        """Move a staged file into place; True when the bytes were new to the store."""
        target = self.path(staged.sha256)
        if target.exists():
            staged.path.unlink(missing_ok=True)
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged.path, target)
        _fsync_dir(target.parent)
        return True

    def discard(self, staged: Staged) -> None:
        staged.path.unlink(missing_ok=True)

    def remove_new(self, sha256: str) -> None:
        """Undo a ``commit`` whose database rows failed to commit (the blob is unreferenced)."""
        self.path(sha256).unlink(missing_ok=True)

    def export(self, sha256: str, dest: Path) -> None:
        """Copy a blob to ``dest`` (a worker's scratch packet directory)."""
        with self.path(sha256).open("rb") as src:
            write_verified(sha256, iter(lambda: src.read(CHUNK), b""), dest)


def write_verified(sha256: str, chunks: Iterable[bytes], dest: Path) -> None:
    """Write a blob's ``chunks`` to ``dest``, hashing as they go; bytes that do not hash to
    the blob's name leave no file behind and raise ``BlobCorruptError`` (every backend)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with dest.open("wb") as out:
        for chunk in chunks:
            digest.update(chunk)
            out.write(chunk)
    try:
        verify(sha256, digest.hexdigest())
    except BlobCorruptError:
        dest.unlink(missing_ok=True)
        raise


def verify(expected: str, actual: str) -> None:
    """Raise ``BlobCorruptError`` when bytes read back do not hash to the blob's name."""
    if actual != expected:
        raise BlobCorruptError(f"blob {expected[:12]}... reads back as {actual[:12]}...: "
                               "its bytes are damaged; restore it from a backup")


def _fsync_dir(path: Path) -> None:
    """Make a rename into ``path`` durable (POSIX: the directory entry is data too)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
