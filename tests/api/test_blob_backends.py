"""The blob store contract, run against every backend (``store.blob_backend``): the
filesystem directory, and the database on SQLite and on PostgreSQL. Same bytes stored once,
large files streamed in chunks, damaged bytes refused on read, an unreferenced blob removed,
and the start-up probe that keeps a worker from serving on a store it cannot see."""

from __future__ import annotations

import hashlib
import io
import os
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from credintake.api.store.blobs import BlobCorruptError, TooLargeError
from credintake.api.store.db import Database, check_shared_blobs
from credintake.api.store.models import StoredBlobChunk
from credintake.errors import UsageError
from service_helpers import make_settings

BACKENDS = ["filesystem", "database-sqlite", "database-postgresql"]


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    backend, _, engine = request.param.partition("-")
    url = request.getfixturevalue("pg_url") if engine == "postgresql" else None
    database = Database(make_settings(tmp_path, database_url=url, blob_backend=backend))
    database.migrate()
    try:
        yield database
    finally:
        database.dispose()


def _damage(db: Database, sha: str) -> None:
    """Flip the stored bytes behind the store's back (a bad disk, a bad restore)."""
    if db.settings.store.blob_backend == "filesystem":
        db.blob_store.path(sha).write_bytes(b"tampered")
    else:
        with db.session() as s:
            s.execute(update(StoredBlobChunk).where(StoredBlobChunk.sha256 == sha,
                                                    StoredBlobChunk.seq == 0)
                      .values(data=b"tampered"))


def test_same_bytes_are_stored_once_and_read_back(db: Database) -> None:
    store = db.blob_store
    a = store.stage(io.BytesIO(b"hello"), max_bytes=10)
    assert a.sha256 == hashlib.sha256(b"hello").hexdigest()
    assert not store.exists(a.sha256)
    assert store.commit(a) is True
    assert store.exists(a.sha256)
    b = store.stage(io.BytesIO(b"hello"), max_bytes=10)
    assert store.commit(b) is False
    assert store.read(a.sha256) == b"hello"
    assert list(store.tmp.iterdir()) == []          # nothing left staged
    with pytest.raises(TooLargeError):
        store.stage(io.BytesIO(b"x" * 11), max_bytes=10)
    assert list(store.tmp.iterdir()) == []


def test_a_large_file_is_streamed_in_chunks_and_exported(db: Database, tmp_path: Path
                                                         ) -> None:
    store = db.blob_store
    data = os.urandom(5 * 1024 * 1024 + 123)          # 5 MiB and a bit: six 1 MiB chunks
    tracemalloc.start()
    staged = store.stage(io.BytesIO(data), max_bytes=len(data))
    tracemalloc.reset_peak()
    assert store.commit(staged) is True
    _, peak = tracemalloc.get_traced_memory()
    dest = tmp_path / "scratch" / "big.pdf"
    tracemalloc.reset_peak()
    store.export(staged.sha256, dest)
    _, export_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 4 * 1024 * 1024 and export_peak < 4 * 1024 * 1024, (peak, export_peak)
    assert dest.read_bytes() == data
    if db.settings.store.blob_backend == "database":
        with db.session() as s:
            assert s.scalar(select(func.count()).where(
                StoredBlobChunk.sha256 == staged.sha256)) == 6


def test_damaged_bytes_are_refused_on_read_and_export(db: Database, tmp_path: Path) -> None:
    store = db.blob_store
    staged = store.stage_bytes(b"%PDF-1.4 original")
    store.commit(staged)
    _damage(db, staged.sha256)
    with pytest.raises(BlobCorruptError):
        store.read(staged.sha256)
    dest = tmp_path / "out" / "doc.pdf"
    with pytest.raises(BlobCorruptError):
        store.export(staged.sha256, dest)
    assert not dest.exists()                         # no half-trusted copy left behind


def test_an_unreferenced_new_blob_is_removed(db: Database) -> None:
    store = db.blob_store
    staged = store.stage_bytes(b"orphan")
    assert store.commit(staged)
    store.remove_new(staged.sha256)
    assert not store.exists(staged.sha256)
    with pytest.raises(FileNotFoundError):
        store.read(staged.sha256)


def test_the_start_up_probe_passes_on_a_working_store_and_leaves_nothing(db: Database
                                                                         ) -> None:
    check_shared_blobs(db)
    if db.settings.store.blob_backend == "database":
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(StoredBlobChunk)) == 0
    else:
        assert [p for p in db.blobs.rglob("*") if p.is_file()] == []


def test_a_worker_on_another_machine_sees_what_the_api_wrote_only_through_the_database(
        tmp_path: Path, pg_url: str) -> None:
    """Two data directories, one PostgreSQL: with the database backend the second process
    reads the first one's upload; with the filesystem backend it refuses to start."""
    from credintake.api.intake import Intake, MemberInput, PacketInput

    api = Database(make_settings(tmp_path / "api", database_url=pg_url,
                                 blob_backend="database"))
    api.migrate()
    try:
        _, accepted = Intake(api, api.settings).submit(
            [PacketInput("p", [MemberInput("a.pdf", lambda: io.BytesIO(b"%PDF-1.4 shared"))])],
            source="test")
        assert accepted
    finally:
        api.dispose()
    for backend, sees in (("database", True), ("filesystem", False)):
        worker = Database(make_settings(tmp_path / f"worker-{backend}", database_url=pg_url,
                                        blob_backend=backend))
        try:
            if sees:
                check_shared_blobs(worker)
                sha = hashlib.sha256(b"%PDF-1.4 shared").hexdigest()
                assert worker.blob_store.read(sha) == b"%PDF-1.4 shared"
            else:
                with pytest.raises(UsageError, match="does not hold the files"):
                    check_shared_blobs(worker)
        finally:
            worker.dispose()


def test_a_store_that_cannot_be_written_stops_the_process_at_start(tmp_path: Path) -> None:
    """A database backend whose database lacks the blob tables (a missed `db upgrade`)."""
    db = Database(make_settings(tmp_path, blob_backend="database"))
    try:
        with pytest.raises(UsageError, match="cannot be written, read back"):
            check_shared_blobs(db)
    finally:
        db.dispose()
