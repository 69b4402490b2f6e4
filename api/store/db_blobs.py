"""The ``database`` blob backend: file bytes in the service database, in chunk rows.

Several machines then share blobs through the database they already share, with no
mount to set up (fine for small deployments; large ones use ``s3``). Uploads are still
staged on the receiving machine's disk while hashed (``BlobStore.stage``), then copied
into the database chunk by chunk, so no file is ever held whole in memory; the commit of
that transaction is the durability the 202 promises. Reads re-hash the chunks and refuse
bytes that do not match their name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from credintake.api.store.blobs import BlobStore, Staged, verify, write_verified
from credintake.api.store.models import StoredBlob, StoredBlobChunk

if TYPE_CHECKING:
    from credintake.api.store.db import Database


class DatabaseBlobStore(BlobStore):
    """Blobs as ``stored_blobs`` + ``stored_blob_chunks`` rows (``store.blob_chunk_bytes``)."""

    def __init__(self, staging_root: Path, db: Database) -> None:
        super().__init__(staging_root)
        self.db = db
        self.chunk_bytes = db.settings.store.blob_chunk_bytes

    def exists(self, sha256: str) -> bool:
        self.path(sha256)                       # validates the name
        with self.db.sessions() as session:
            return session.get(StoredBlob, sha256) is not None

    def commit(self, staged: Staged) -> bool:
        """Copy a staged file into the database in one transaction; True when new."""
        if self.exists(staged.sha256):
            staged.path.unlink(missing_ok=True)
            return False
        try:
            with self.db.session() as session:
                session.add(StoredBlob(sha256=staged.sha256, size=staged.size))
                session.flush()                 # a concurrent twin fails here, cheaply
                with staged.path.open("rb") as src:
                    seq = 0
                    while chunk := src.read(self.chunk_bytes):
                        session.add(StoredBlobChunk(sha256=staged.sha256, seq=seq, data=chunk))
                        session.flush()
                        session.expunge_all()   # keep one chunk in memory, not the file
                        seq += 1
        except IntegrityError:
            staged.path.unlink(missing_ok=True)
            return False                        # another upload stored the same bytes
        staged.path.unlink(missing_ok=True)
        return True

    def _chunks(self, sha256: str) -> Iterator[bytes]:
        with self.db.sessions() as session:
            if session.get(StoredBlob, sha256) is None:
                raise FileNotFoundError(f"no blob {sha256[:12]}... in the database store")
            seqs = list(session.scalars(select(StoredBlobChunk.seq).where(
                StoredBlobChunk.sha256 == sha256).order_by(StoredBlobChunk.seq)))
            for seq in seqs:                    # one chunk fetched at a time
                yield session.scalar(select(StoredBlobChunk.data).where(
                    StoredBlobChunk.sha256 == sha256, StoredBlobChunk.seq == seq)) or b""

    def read(self, sha256: str) -> bytes:
        self.path(sha256)
        data = b"".join(self._chunks(sha256))
        verify(sha256, hashlib.sha256(data).hexdigest())
        return data

    def export(self, sha256: str, dest: Path) -> None:
        self.path(sha256)
        write_verified(sha256, self._chunks(sha256), dest)

    def remove_new(self, sha256: str) -> None:
        self.path(sha256)
        with self.db.session() as session:
            session.execute(delete(StoredBlobChunk).where(StoredBlobChunk.sha256 == sha256))
            session.execute(delete(StoredBlob).where(StoredBlob.sha256 == sha256))
