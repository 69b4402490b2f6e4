"""The intake inbox: ``credintake watch INBOX``.

Each top-level entry of INBOX is a packet of one organisation (``--org``, default
``default``): a folder or a ``.zip`` is one packet, a loose
file a packet of one. An entry counts as arrived when it was moved in whole (a rename event)
or when its size, file count and modification times have stayed the same for
``api.watch_stable_seconds``. It is then stored through the same intake as an upload; once
its job is done the entry moves to ``INBOX/.processed/``; if its job fails it moves to
``INBOX/.failed/`` next to ``<name>.reason.txt``. A refused entry (not a readable zip, say)
may only be one that a slow scanner or a network share has not finished writing: it stays
where it is and is tried again as soon as it changes, and moves to ``.failed/`` only once it
has stayed the same for ``api.watch_refused_grace_seconds`` after the refusal (moving a
file that is still being written would leave the writer finishing it inside ``.failed/``). Nothing is ever deleted; a
name already taken in the target gets a timestamp suffix.

Restart-safe and idempotent: state is only the inbox itself and the database. After a
restart every entry still in INBOX is stored again, which finds the existing packet (same
names and sha256), so nothing is processed twice. watchdog's native observer wakes the loop
early; a polling observer (``--polling``, or when the native one cannot start) and the
periodic rescan are the fallback.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import select

from credintake.api import orgs
from credintake.api.intake import Intake
from credintake.api.store.db import Database
from credintake.api.store.models import Job
from credintake.errors import UsageError
from credintake.settings import Settings

log = logging.getLogger(__name__)

PROCESSED, FAILED = ".processed", ".failed"
PARTIAL_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".swp")


@dataclass
class _Seen:
    signature: tuple[int, int, int]
    since: float


@dataclass
class _Refusal:
    signature: tuple[int, int, int]
    since: float
    reason: str


def signature(path: Path) -> tuple[int, int, int]:
    """(total bytes, file count, newest mtime_ns) of a file or folder tree."""
    if path.is_file():
        st = path.stat()
        return st.st_size, 1, st.st_mtime_ns
    size = count = newest = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            try:
                st = os.stat(os.path.join(root, f))
            except FileNotFoundError:
                continue
            size, count, newest = size + st.st_size, count + 1, max(newest, st.st_mtime_ns)
    return size, count, newest


def move_aside(src: Path, target_dir: Path) -> Path:
    """Move ``src`` into ``target_dir`` without overwriting anything."""
    target_dir.mkdir(exist_ok=True)
    dest = target_dir / src.name
    if dest.exists() or dest.is_symlink():
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        dest = target_dir / f"{src.name}.{stamp}"
    os.replace(src, dest) if src.parent.stat().st_dev == target_dir.stat().st_dev else \
        shutil.move(str(src), str(dest))
    return dest


class InboxWatcher:
    def __init__(self, inbox: Path, settings: Settings, db: Database, *,
                 polling: bool = False, organization: str = orgs.DEFAULT) -> None:
        self.inbox = Path(inbox).resolve()
        if not self.inbox.is_dir():
            raise UsageError(f"inbox {self.inbox} is not a directory")
        if self.inbox == settings.data_dir.resolve() or settings.data_dir.resolve().is_relative_to(
                self.inbox):
            raise UsageError("the data directory must not be inside the inbox (watch loop)")
        self.settings, self.db = settings, db
        with db.session() as session:
            self.organization_id = orgs.existing(session, organization).id
        self.intake = Intake(db, settings)
        self.polling = polling
        self.seen: dict[str, _Seen] = {}
        self.pending: dict[str, str] = {}       # entry name -> job id
        self.moved_in: set[str] = set()          # renamed into the inbox: complete at once
        self.refused: dict[str, _Refusal] = {}   # refused, but perhaps still being written
        self.wake = threading.Event()
        self.observer: Any = None
        (self.inbox / PROCESSED).mkdir(exist_ok=True)
        (self.inbox / FAILED).mkdir(exist_ok=True)

    # --- observer ----------------------------------------------------------------------

    def _start_observer(self) -> None:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.event_type == "moved":
                    dest = Path(os.fsdecode(event.dest_path))
                    if dest.parent == watcher.inbox and not dest.name.startswith("."):
                        watcher.moved_in.add(dest.name)
                watcher.wake.set()

        for cls in ((PollingObserver,) if self.polling else (Observer, PollingObserver)):
            try:
                observer = cls(timeout=self.settings.api.watch_poll_seconds) \
                    if cls is PollingObserver else cls()
                observer.schedule(Handler(), str(self.inbox), recursive=True)
                observer.start()
                self.observer = observer
                log.info("watching %s with %s", self.inbox, cls.__name__)
                return
            except OSError as exc:
                log.warning("%s unavailable (%s); falling back to polling", cls.__name__,
                            type(exc).__name__)
        log.warning("no watchdog observer; rescanning every %.1fs",
                    self.settings.api.watch_poll_seconds)

    # --- loop --------------------------------------------------------------------------

    def run(self, stop: threading.Event) -> None:
        self._start_observer()
        try:
            while not stop.is_set():
                self.step()
                self.wake.wait(self.settings.api.watch_poll_seconds)
                self.wake.clear()
        finally:
            if self.observer is not None:
                self.observer.stop()
                self.observer.join(timeout=5)

    def step(self) -> None:
        """One pass: notice arrivals, store ready entries, move finished ones."""
        try:
            self._scan()
            self._check_pending()
        except Exception as exc:  # noqa: BLE001 - database or disk blip: next pass retries
            log.warning("inbox pass failed (%s); retrying", type(exc).__name__)

    def _entries(self) -> list[Path]:
        out = []
        for p in sorted(self.inbox.iterdir()):
            if p.name.startswith(".") or p.name.lower().endswith(PARTIAL_SUFFIXES):
                continue
            if p.is_symlink() or not (p.is_dir() or p.is_file()):
                continue          # never follow links or read FIFOs out of the inbox
            out.append(p)
        return out

    def _scan(self) -> None:
        now = time.monotonic()
        present = set()
        for path in self._entries():
            name = path.name
            present.add(name)
            if name in self.pending:
                continue
            sig = signature(path)
            if self._still_refused(path, sig, now):
                continue
            whole = name in self.moved_in
            seen = self.seen.get(name)
            if not whole and (seen is None or seen.signature != sig):
                self.seen[name] = _Seen(sig, now)
                continue
            if whole or now - seen.since >= self.settings.api.watch_stable_seconds:  # type: ignore[union-attr]
                self.moved_in.discard(name)
                if sig[1] == 0:
                    continue      # an empty folder: wait for files
                self._submit(path, complete=whole)
        for name in list(self.seen):
            if name not in present:
                del self.seen[name]
        for name in list(self.refused):
            if name not in present:
                del self.refused[name]
        for name in list(self.pending):
            if name not in present:
                del self.pending[name]

    def _submit(self, path: Path, *, complete: bool) -> None:
        """Store the entry; a refusal is final for an entry renamed in whole (``complete``),
        else the entry waits in case its writer is not done."""
        name = path.name
        try:
            packet = self.intake.packet_from_path(path)
            _, accepted = self.intake.submit([packet], source="watch",
                                             organization_id=self.organization_id)
        except UsageError as exc:
            if complete:
                self._fail(path, str(exc))
                return
            self.refused[name] = _Refusal(signature(path), time.monotonic(), str(exc))
            log.info("inbox entry refused; kept in place while it may still be written")
            return
        a = accepted[0]
        log.info("inbox entry stored as packet %s%s", a.packet_id,
                 " (duplicate)" if a.duplicate else "")
        self.seen.pop(name, None)
        self.pending[name] = a.job_id
        from credintake.api import audit

        with self.db.session() as session:
            audit.record(session, None, "packet.upload", a.packet_id, source="watch",
                         duplicate=a.duplicate)

    def _still_refused(self, path: Path, sig: tuple[int, int, int], now: float) -> bool:
        """True while a refused entry waits: unchanged and within its grace. A change makes
        it a new arrival (stable again, then tried again); the grace over, it is failed."""
        refusal = self.refused.get(path.name)
        if refusal is None:
            return False
        if refusal.signature != sig:
            del self.refused[path.name]
            self.seen[path.name] = _Seen(sig, now)
            return True
        if now - refusal.since >= self.settings.api.watch_refused_grace_seconds:
            del self.refused[path.name]
            self._fail(path, refusal.reason)
        return True

    def _check_pending(self) -> None:
        if not self.pending:
            return
        with self.db.session() as session:
            rows = dict(session.execute(select(Job.id, Job.status).where(
                Job.id.in_(list(self.pending.values())))).all())
            errors = dict(session.execute(select(Job.id, Job.error).where(
                Job.id.in_(list(self.pending.values())), Job.status == "failed")).all())
        for name, job_id in list(self.pending.items()):
            status = rows.get(job_id)
            path = self.inbox / name
            if status == "done":
                dest = move_aside(path, self.inbox / PROCESSED)
                log.info("inbox entry processed; moved to %s", dest.relative_to(self.inbox))
                del self.pending[name]
            elif status == "failed":
                self._fail(path, f"processing failed: {errors.get(job_id) or 'unknown error'}")
                del self.pending[name]

    def _fail(self, path: Path, reason: str) -> None:
        dest = move_aside(path, self.inbox / FAILED)
        (dest.parent / f"{dest.name}.reason.txt").write_text(reason.rstrip() + "\n")
        self.seen.pop(path.name, None)
        log.warning("inbox entry refused; moved to %s", dest.relative_to(self.inbox))
