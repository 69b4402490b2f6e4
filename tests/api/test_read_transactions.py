"""Reads run in read-only transactions (issue 6, status/list latency under an upload burst):
on SQLite a deferred BEGIN that never waits for the write lock, on PostgreSQL ``READ ONLY``.
The audit entry of a read is durable before the read is answered: committed right after
it, or, in the API process on SQLite, appended to the audit spool (api/audit_spool.py)."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import InternalError

from credintake.api import audit
from credintake.api.store.db import Database
from credintake.api.store.models import AuditEntry, Packet
from service_helpers import Service, make_settings, upload_dir, wait_done, wait_for
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


def test_a_get_is_answered_while_a_writer_holds_the_lock_and_its_entry_follows(
        service: Service) -> None:
    """The served API spools a read's audit entry (durable on disk) instead of waiting for
    the write lock; the entry reaches audit_log once the lock is free."""
    packet = make_packet(service.tmp / "in-read", "pkt-read", variant=410)
    with service.client("specialist") as c:
        packet_id = upload_dir(c, packet).json()["packet_id"]
        wait_done(c, packet_id)
    db_file = service.settings.data_dir / "credintake.db"
    spool = service.settings.data_dir / "audit-spool"
    wait_for(lambda: not list(spool.glob("*.jsonl")), timeout=30)   # the polls' entries in
    before = _audit_rows(db_file, "packet.read")
    writer = sqlite3.connect(db_file, isolation_level=None, timeout=30)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with service.client("specialist") as c:
            t = time.monotonic()
            r = c.get(f"/packets/{packet_id}")
            took = time.monotonic() - t
        assert r.status_code == 200 and took < 2.0, took
        spooled = [json.loads(line) for f in spool.glob("*.jsonl")
                   for line in f.read_text().splitlines()]
        assert {"action": "packet.read", "packet_id": packet_id}.items() <= spooled[-1].items()
        assert _audit_rows(db_file, "packet.read") == before
    finally:
        writer.execute("COMMIT")
        writer.close()
    wait_for(lambda: _audit_rows(db_file, "packet.read") == before + 1, timeout=30)
    wait_for(lambda: not list(spool.glob("*.jsonl")), timeout=30)


@contextmanager
def _ui_client(service: Service, role: str) -> Iterator[httpx.Client]:
    """A browser-like client signed in to the review screens with ``role``'s token."""
    with httpx.Client(base_url=service.url, timeout=60, follow_redirects=True) as c:
        form = c.get("/ui/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert csrf, "no CSRF token on the sign-in form"
        r = c.post("/ui/login", data={"token": service.tokens[role], "csrf": csrf.group(1)})
        assert r.status_code == 200 and r.url.path == "/ui/queue", r.status_code
        yield c


def test_the_screens_read_while_a_writer_holds_the_lock_and_their_entries_follow(
        service: Service) -> None:
    """The review screens' GETs (sign-in check, queue, packet page, status poll) read in
    read-only transactions and spool their audit entries, like the JSON API's reads."""
    packet = make_packet(service.tmp / "in-ui-read", "pkt-ui-read", variant=411)
    with service.client("specialist") as c:
        packet_id = upload_dir(c, packet).json()["packet_id"]
        wait_done(c, packet_id)
    db_file = service.settings.data_dir / "credintake.db"
    spool = service.settings.data_dir / "audit-spool"
    pages = {"packet.list": "/ui/queue", "packet.read": f"/ui/packets/{packet_id}",
             "packet.status.read": f"/ui/packets/{packet_id}/status.json"}
    with _ui_client(service, "specialist") as ui:
        wait_for(lambda: not list(spool.glob("*.jsonl")), timeout=30)
        before = {action: _audit_rows(db_file, action) for action in pages}
        writer = sqlite3.connect(db_file, isolation_level=None, timeout=30)
        writer.execute("BEGIN IMMEDIATE")
        try:
            for path in pages.values():
                t = time.monotonic()
                r = ui.get(path)
                took = time.monotonic() - t
                assert r.status_code == 200 and took < 2.0, (path, r.status_code, took)
            spooled = [json.loads(line) for f in spool.glob("*.jsonl")
                       for line in f.read_text().splitlines()]
            assert {e["action"] for e in spooled} >= set(pages)
            assert {(e["action"], e["detail"].get("via")) for e in spooled} >= {
                ("packet.list", "ui"), ("packet.status.read", "ui")}
            assert {action: _audit_rows(db_file, action) for action in pages} == before
        finally:
            writer.execute("COMMIT")
            writer.close()
    # the packet page also reads documents, fields, findings and decisions (audited too)
    wait_for(lambda: all(_audit_rows(db_file, action) > before[action] for action in pages),
             timeout=30)
    wait_for(lambda: not list(spool.glob("*.jsonl")), timeout=30)


CRASH = """
import os, sys
from credintake.api import audit
from credintake.api.audit_spool import AuditSpool
from credintake.api.store.db import Database
from credintake.settings import Settings

db = Database(Settings(data_dir=sys.argv[1]))
db.audit_spool = AuditSpool(db, db.settings.data_dir / "audit-spool")
db.audit_spool.dir.mkdir(exist_ok=True)       # no flusher thread: nothing reaches the table
for i in range(3):
    with db.read_session() as s:
        audit.record(s, None, "packet.read", f"p{i}")
os._exit(0)                                    # as if killed: no flush, no clean-up
"""


def test_entries_of_a_process_that_died_are_replayed_once(tmp_path: Path) -> None:
    from credintake.api.audit_spool import AuditSpool, replay

    db = _db(tmp_path)
    data = tmp_path / "data"
    subprocess.run([sys.executable, "-c", CRASH, str(data)], check=True, timeout=120)
    files = list((data / "audit-spool").glob("*.jsonl"))
    assert len(files) == 1 and len(files[0].read_text().splitlines()) == 3
    kept = files[0].read_bytes()
    assert _audit_rows(data / "credintake.db", "packet.read") == 0
    spool = AuditSpool(db, data / "audit-spool").start()     # start-up replays
    spool.stop()
    assert _audit_rows(data / "credintake.db", "packet.read") == 3
    assert not list((data / "audit-spool").glob("*.jsonl"))
    files[0].write_bytes(kept)            # a crash between the commit and the delete
    assert replay(db, data / "audit-spool") == 0
    assert _audit_rows(data / "credintake.db", "packet.read") == 3
    db.dispose()
