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
          "findings", "jobs", "packet_files", "packets", "users"}


def _check_migrations(db: Database) -> None:
    db.migrate()
    assert set(inspect(db.engine).get_table_names()) == TABLES
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
