"""Reads run in read-only transactions (issue 6, status/list latency under an upload burst):
on SQLite a deferred BEGIN that never waits for the write lock, on PostgreSQL ``READ ONLY``.
The audit entry of a read is still committed before the read is answered."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import InternalError

from credintake.api import audit
from credintake.api.store.db import Database
from credintake.api.store.models import AuditEntry, Packet
from service_helpers import Service, make_settings, upload_dir, wait_done
from tiny_packets import make_packet


def _db(tmp: Path, url: str | None = None) -> Database:
    db = Database(make_settings(tmp, database_url=url))
    db.migrate()
    return db


def _audit_rows(db_file: Path, action: str) -> int:
    con = sqlite3.connect(db_file, timeout=30)
    try:
        return con.execute("select count(*) from audit_log where action = ?",
                           (action,)).fetchone()[0]
    finally:
        con.close()


def test_a_read_does_not_wait_for_a_writer_and_its_audit_entry_follows(tmp_path: Path
                                                                       ) -> None:
    db = _db(tmp_path)
    db_file = tmp_path / "data" / "credintake.db"
    writer = sqlite3.connect(db_file, isolation_level=None, timeout=30)
    writer.execute("BEGIN IMMEDIATE")                 # another process holds the write lock
    read_done, finished = threading.Event(), threading.Event()

    def read() -> None:
        with db.read_session() as s:
            s.scalar(select(func.count()).select_from(Packet))
            audit.record(s, None, "packet.list", None, count=0)
            read_done.set()
        finished.set()

    t = threading.Thread(target=read)
    t.start()
    try:
        assert read_done.wait(5), "the read waited for the write lock"
        time.sleep(0.3)
        assert not finished.is_set(), "read_session returned before its audit entry was written"
        assert _audit_rows(db_file, "packet.list") == 0
    finally:
        writer.execute("COMMIT")
        writer.close()
    t.join(30)
    assert finished.is_set()
    assert _audit_rows(db_file, "packet.list") == 1
    db.dispose()


def test_a_read_session_refuses_writes_sqlite(tmp_path: Path) -> None:
    db = _db(tmp_path)
    with pytest.raises(RuntimeError, match="read-only transaction"):
        with db.read_session() as s:
            s.add(AuditEntry(actor="x", action="sneaky", detail={}))
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 0
    db.dispose()


def test_a_read_session_is_read_only_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    db = _db(tmp_path, pg_url)
    with pytest.raises(InternalError, match="read-only transaction"):
        with db.read_session() as s:
            s.execute(insert(AuditEntry).values(actor="x", action="sneaky", detail={}))
    with db.read_session() as s:
        audit.record(s, None, "packet.list", None, count=0)
    with db.session() as s:                           # writes still work, audit included
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 1
    db.dispose()


def test_a_get_is_answered_only_once_its_audit_entry_is_committed(service: Service) -> None:
    packet = make_packet(service.tmp / "in-read", "pkt-read", variant=410)
    with service.client("specialist") as c:
        packet_id = upload_dir(c, packet).json()["packet_id"]
        wait_done(c, packet_id)
    db_file = service.settings.data_dir / "credintake.db"
    before = _audit_rows(db_file, "packet.read")
    writer = sqlite3.connect(db_file, isolation_level=None, timeout=30)
    writer.execute("BEGIN IMMEDIATE")
    answers: list[httpx.Response] = []

    def read() -> None:
        with service.client("specialist") as c:
            answers.append(c.get(f"/packets/{packet_id}"))

    t = threading.Thread(target=read)
    t.start()
    try:
        time.sleep(1.0)
        assert not answers, "the read was answered before its audit entry was written"
    finally:
        writer.execute("COMMIT")
        writer.close()
    t.join(30)
    assert answers and answers[0].status_code == 200
    assert _audit_rows(db_file, "packet.read") == before + 1
