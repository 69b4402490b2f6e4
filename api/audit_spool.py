"""Audit entries of reads, made durable without waiting for SQLite's write lock.

Every read of a packet is audited, and its entry must be durable before the read is
answered. On SQLite, committing it means taking the one write lock, which upload commits
and worker result commits hold in turn: under a burst of 20 uploads a status read waited
up to ~2 s for it (bench/RESULTS_service.md). So the API process appends a read's entries
to a spool file (JSON lines, ``os.write`` on an ``O_APPEND`` file: as durable as SQLite's
own commits under ``synchronous=NORMAL`` - it survives the process, not a power cut) and
answers; a background thread moves the spooled entries into ``audit_log`` in one
transaction every ``FLUSH_SECONDS``. PostgreSQL needs none of this (its writers do not
exclude each other), so the spool runs only for SQLite.

Files: ``<data_dir>/audit-spool/<pid>-<n>.jsonl``, each under ``flock`` by the process
writing it (created under a ``.new`` name and renamed once locked). A flush starts a new
file and deletes the old ones after its commit. At start-up, files no live process holds
are replayed; entries committed before a crash between commit and delete are recognised by
(at, actor, action, packet_id) and not inserted twice.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from credintake.api.store.db import Database
from credintake.api.store.models import AuditEntry

log = logging.getLogger(__name__)

FLUSH_SECONDS = 0.2
COLUMNS = ("actor", "user_id", "action", "packet_id", "detail")


@dataclass
class _Segment:
    path: Path
    fd: int


def _row(entry: AuditEntry) -> dict[str, Any]:
    return {"at": entry.at.isoformat(), **{c: getattr(entry, c) for c in COLUMNS}}


def _entry(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry(at=datetime.fromisoformat(row["at"]), **{c: row[c] for c in COLUMNS})


class AuditSpool:
    """One per API process: ``append`` (a read's entries) never waits for the database."""

    def __init__(self, db: Database, directory: Path) -> None:
        self.db, self.dir = db, directory
        self._lock = threading.Lock()          # guards the fields below
        self._flushing = threading.Lock()      # one flush at a time
        self._current: _Segment | None = None
        self._sealed: list[_Segment] = []      # written, not yet committed
        self._pending: list[dict[str, Any]] = []
        self._names = itertools.count()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="audit-spool")

    def start(self) -> AuditSpool:
        self.dir.mkdir(parents=True, exist_ok=True)
        replay(self.db, self.dir)
        self._thread.start()
        return self

    def append(self, entries: list[AuditEntry]) -> None:
        rows = [_row(e) for e in entries]
        data = "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in rows).encode()
        with self._lock:
            if self._current is None:
                self._current = self._open()
            os.write(self._current.fd, data)
            self._pending.extend(rows)

    def flush(self) -> None:
        """Commit everything spooled so far (GET /audit calls this before it reads)."""
        with self._flushing:
            with self._lock:
                rows, self._pending = self._pending, []
                if self._current is not None:
                    self._sealed.append(self._current)
                    self._current = None
                sealed, self._sealed = self._sealed, []
            try:
                if rows:
                    with self.db.session() as session:
                        session.add_all(_entry(r) for r in rows)
            except Exception:
                with self._lock:               # keep them, and their files, for next time
                    self._pending[:0] = rows
                    self._sealed[:0] = sealed
                raise
            for seg in sealed:
                seg.path.unlink(missing_ok=True)
                os.close(seg.fd)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self.flush()

    def _run(self) -> None:
        while not self._stop.wait(FLUSH_SECONDS):
            try:
                self.flush()
            except Exception as exc:  # noqa: BLE001 - the entries stay spooled; next round
                log.warning("audit spool flush failed (%s)", type(exc).__name__)

    def _open(self) -> _Segment:
        name = f"{os.getpid()}-{next(self._names)}"
        tmp = self.dir / f"{name}.new"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_EXCL, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        path = tmp.rename(self.dir / f"{name}.jsonl")
        return _Segment(path, fd)


def replay(db: Database, directory: Path) -> int:
    """Commit the entries of spool files whose process is gone; returns how many."""
    added = 0
    for path in sorted(directory.glob("*.jsonl")):
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            continue
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue                       # a live process is writing it
            rows = []
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    rows.append(json.loads(line))
                except ValueError:
                    continue                   # a torn last line: that read was never answered
            with db.session() as session:
                for r in rows:
                    e = _entry(r)
                    if session.scalar(select(AuditEntry.id).where(
                            AuditEntry.at == e.at, AuditEntry.actor == e.actor,
                            AuditEntry.action == e.action,
                            AuditEntry.packet_id.is_(None) if e.packet_id is None
                            else AuditEntry.packet_id == e.packet_id).limit(1)) is None:
                        session.add(e)
                        added += 1
            path.unlink()
        finally:
            os.close(fd)
    if added:
        log.info("audit spool: %d entries recovered", added)
    return added
