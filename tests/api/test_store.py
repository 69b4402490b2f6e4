"""Migrations on fresh SQLite and PostgreSQL, model/migration drift, and the blob store."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect

from credintake.api.store.blobs import BlobStore, TooLargeError
from credintake.api.store.db import Database, alembic_config
from service_helpers import make_settings

TABLES = {"alembic_version", "audit_log", "batches", "decisions", "documents", "fields", "files",
          "findings", "jobs", "organizations", "packet_files", "packets", "providers",
          "stored_blob_chunks", "stored_blobs", "ui_sessions", "users", "verifications"}
#: issue 16's imported lists (migration 0004): created empty, no rows to carry from 0001
LIST_TABLES = {"list_versions", "list_exclusions", "list_npi"}


def _check_migrations(db: Database) -> None:
    db.migrate()
    assert set(inspect(db.engine).get_table_names()) == TABLES | LIST_TABLES
    cfg = alembic_config(db.url)
    command.check(cfg)                       # raises when models and migrations drift
    command.downgrade(cfg, "base")
    assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
    command.upgrade(cfg, "head")
    command.check(cfg)


def test_migrations_sqlite_upgrade_check_roundtrip(tmp_path: Path) -> None:
    db = Database(make_settings(tmp_path))
    try:
        _check_migrations(db)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        db.dispose()


def test_migrations_postgresql_upgrade_check_roundtrip(tmp_path: Path, pg_url: str) -> None:
    db = Database(make_settings(tmp_path, database_url=pg_url))
    try:
        assert db.engine.dialect.name == "postgresql"
        _check_migrations(db)
    finally:
        db.dispose()


def test_blob_store_is_content_addressed_and_atomic(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "blobs")
    a = store.stage(io.BytesIO(b"hello"), max_bytes=10)
    assert a.sha256 == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
    assert store.commit(a) is True
    b = store.stage(io.BytesIO(b"hello"), max_bytes=10)
    assert store.commit(b) is False           # same bytes, stored once
    assert store.read(a.sha256) == b"hello"
    assert store.path(a.sha256).parent.name == "2c"
    assert list((tmp_path / "blobs" / ".tmp").iterdir()) == []
    with pytest.raises(TooLargeError):
        store.stage(io.BytesIO(b"x" * 11), max_bytes=10)
    assert list((tmp_path / "blobs" / ".tmp").iterdir()) == []
    with pytest.raises(ValueError):
        store.path("../etc/passwd")


def _fill_at_0001(db: Database) -> None:
    """One of everything, written with the 0001 schema (no organisations yet)."""
    from sqlalchemy import text

    now = "2026-11-01 10:00:00"
    rows = [
        ("users", dict(id=1, name="ann", role="coordinator", token_hash="h1", token_prefix="ci_a",
                       created_at=now)),
        ("users", dict(id=2, name="bo", role="specialist", token_hash="h2", token_prefix="ci_b",
                       created_at=now)),
        ("batches", dict(id="b1", name="b.zip", created_by=1, created_at=now)),
        ("files", dict(sha256="s" * 64, size=3, created_at=now)),
        ("packets", dict(id="p1", name="pkt", digest="d" * 64, source="upload", status="done",
                         as_of="2026-11-01", batch_id="b1", assignee_id=2, error_count=2,
                         warning_count=0, created_by=1, created_at=now, updated_at=now)),
        ("packet_files", dict(id=1, packet_id="p1", name="a.pdf", sha256="s" * 64, size=3)),
        ("jobs", dict(id="j1", packet_id="p1", status="done", attempts=1, max_attempts=3,
                      progress=1.0, available_at=now, created_at=now, completions=1)),
        ("documents", dict(id=1, packet_id="p1", idx=0, file="a.pdf", sha256="s" * 64,
                           doc_type="cv", doc_type_confidence=0.9, ocr=False)),
        ("fields", dict(id=1, packet_id="p1", document_id=1, name="npi", value='"1"',
                        confidence=0.9, corrected=False)),
        ("findings", dict(id=1, packet_id="p1", idx=0, rule="r", severity="error",
                          message="m", status="open")),
        ("findings", dict(id=2, packet_id="p1", idx=1, rule="r2", severity="error",
                          message="m", status="resolved")),
        ("decisions", dict(id=1, packet_id="p1", user_id=2, kind="finding_accept", finding_id=1,
                           created_at=now)),
        ("audit_log", dict(id=1, at=now, actor="bo", user_id=2, action="packet.read",
                           packet_id="p1", detail="{}")),
    ]
    with db.engine.begin() as conn:
        for table, values in rows:
            cols = ", ".join(values)
            conn.execute(text(f"INSERT INTO {table} ({cols}) VALUES "
                              f"({', '.join(':' + c for c in values)})"), values)


def _upgrade_from_0001_keeps_every_row(db: Database) -> None:
    from sqlalchemy import select, text
    from sqlalchemy.exc import IntegrityError

    from credintake.api.store.models import Batch, Organization, Packet, User

    cfg = alembic_config(db.url)
    command.upgrade(cfg, "0001")
    _fill_at_0001(db)
    with db.engine.connect() as conn:
        before = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in TABLES - {"alembic_version", "organizations", "ui_sessions",
                                     "verifications", "stored_blobs", "stored_blob_chunks",
                                     "providers"}}
    db.migrate()
    command.check(cfg)
    with db.engine.connect() as conn:
        after = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in before}
    assert after == before                    # nothing cascaded away by table rebuilds
    with db.session() as s:
        default = s.scalar(select(Organization).where(Organization.name == "default"))
        assert default is not None and default.created_at.tzinfo is not None
        assert {u.organization_id for u in s.scalars(select(User))} == {default.id}
        assert s.get(Batch, "b1").organization_id == default.id
        p1 = s.get(Packet, "p1")
        assert (p1.organization_id, p1.assignee_id, p1.digest) == (default.id, 2, "d" * 64)
        # 0006: a file's stage and kind, and its counts of OPEN findings (one of two errors)
        assert (p1.stage, p1.kind, p1.error_count, p1.has_errors) == ("received", "initial",
                                                                      1, True)
        other = Organization(name="other")
        s.add(other)
        s.flush()
        # the same files in another organisation are another packet ...
        s.add(Packet(id="p2", name="pkt", organization_id=other.id, digest="d" * 64,
                     source="upload", as_of=p1.as_of))
    # ... but twice in one organisation they are not
    with pytest.raises(IntegrityError):
        with db.session() as s:
            s.add(Packet(id="p3", name="pkt", organization_id=default.id, digest="d" * 64,
                         source="upload", as_of=p1.as_of))


def test_upgrade_from_0001_with_rows_sqlite(tmp_path: Path) -> None:
    db = Database(make_settings(tmp_path))
    try:
        _upgrade_from_0001_keeps_every_row(db)
    finally:
        db.dispose()


def test_upgrade_from_0001_with_rows_postgresql(tmp_path: Path, pg_url: str) -> None:
    db = Database(make_settings(tmp_path, database_url=pg_url))
    try:
        _upgrade_from_0001_keeps_every_row(db)
    finally:
        db.dispose()


def test_a_stored_blob_and_its_directory_entry_reach_the_disk(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    """The 202 promises the upload survives a power cut: the bytes are fsynced before the
    rename, and the directory holding the new name after it. (The disk cannot be unplugged
    from a test; which file descriptors were flushed is observed instead.)"""
    import io
    import os

    from credintake.api.store.blobs import BlobStore

    synced: list[tuple[str, bool]] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        path = os.readlink(f"/proc/self/fd/{fd}")
        synced.append((path, os.path.isdir(path)))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    store = BlobStore(tmp_path / "blobs")
    staged = store.stage(io.BytesIO(b"%PDF-1.4 durable"), max_bytes=1 << 20)
    assert synced == [(str(staged.path), False)]
    assert store.commit(staged)
    target = store.path(staged.sha256)
    assert synced[-1] == (str(target.parent), True)
    assert target.read_bytes() == b"%PDF-1.4 durable"
