"""The inbox watcher for real: watchdog on a tmp dir, a real worker process, real SQLite.

Folders, zips and loose files become packets; refused and failed input lands in .failed/
with a reason; a restart with the same input already known processes nothing twice;
nothing is ever deleted."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from credintake.api.jobs.pool import WorkerPool
from credintake.api.store.db import Database
from credintake.api.store.models import Job, Packet
from credintake.api.watch import InboxWatcher
from service_helpers import make_settings, wait_for
from tiny_packets import make_packet, pdf_bytes, zip_dir


class Running:
    def __init__(self, inbox: Path, db: Database, polling: bool = False,
                 organization: str = "default") -> None:
        self.watcher = InboxWatcher(inbox, db.settings, db, polling=polling,
                                    organization=organization)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.watcher.run, args=(self.stop,), daemon=True)

    def __enter__(self) -> InboxWatcher:
        self.thread.start()
        return self.watcher

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.watcher.wake.set()
        self.thread.join(timeout=30)


@pytest.fixture(scope="module")
def backend(module_tmp: Path) -> Iterator[Database]:
    """One database and one real worker process for the module."""
    settings = make_settings(module_tmp, max_attempts=1)
    settings.api.watch_stable_seconds = 0.6
    settings.api.watch_poll_seconds = 0.2
    settings.api.watch_refused_grace_seconds = 1.5
    db = Database(settings)
    db.migrate()
    pool = WorkerPool(settings, size=1).start()
    try:
        yield db
    finally:
        pool.stop()
        db.dispose()


@pytest.fixture()
def env(backend: Database, tmp_path: Path) -> dict[str, Any]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    return {"db": backend, "inbox": inbox, "outside": outside}


def _packets(db: Database, *names: str) -> list[tuple[str, str, str]]:
    with db.session() as s:
        return sorted(s.execute(select(Packet.name, Packet.source, Packet.status).where(
            Packet.name.in_(names))).all())


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_folder_zip_and_loose_file_are_processed_and_moved(env: dict[str, Any]) -> None:
    inbox, outside, db = env["inbox"], env["outside"], env["db"]
    with Running(inbox, db):
        make_packet(inbox, "folder-pkt", variant=300)                 # written in place
        z = zip_dir(make_packet(outside, "zipped", variant=301), outside / "zipped.zip")
        os.rename(z, inbox / "zipped.zip")                            # moved in whole
        (inbox / "loose.pdf").write_bytes(pdf_bytes(["loose 302"]))
        wait_for(lambda: len(list((inbox / ".processed").iterdir())) == 3, 60)
    assert sorted(p.name for p in (inbox / ".processed").iterdir()) == [
        "folder-pkt", "loose.pdf", "zipped.zip"]
    assert [p.name for p in inbox.iterdir() if not p.name.startswith(".")] == []
    assert list((inbox / ".failed").iterdir()) == []
    assert _packets(db, "folder-pkt", "loose.pdf", "zipped") == [
        ("folder-pkt", "watch", "done"), ("loose.pdf", "watch", "done"),
        ("zipped", "watch", "done")]


def test_refused_and_failed_input_goes_to_failed_with_a_reason(env: dict[str, Any]) -> None:
    inbox, db = env["inbox"], env["db"]
    with Running(inbox, db, polling=True):
        (inbox / "tool.exe").write_bytes(b"MZ not a document")
        boom = inbox / "explodes"
        boom.mkdir()
        (boom / "boom.pdf").write_bytes(pdf_bytes(["boom"]))
        wait_for(lambda: len(list((inbox / ".failed").iterdir())) == 4, 60)
    failed = inbox / ".failed"
    assert sorted(p.name for p in failed.iterdir()) == [
        "explodes", "explodes.reason.txt", "tool.exe", "tool.exe.reason.txt"]
    assert "'.exe' are not accepted" in (failed / "tool.exe.reason.txt").read_text()
    assert (failed / "explodes.reason.txt").read_text() == (
        "processing failed: RuntimeError: simulated processing failure\n")
    assert (failed / "tool.exe").read_bytes() == b"MZ not a document"   # kept, not deleted
    # the .exe stored nothing; the failing folder is a failed packet
    assert _packets(db, "tool.exe", "explodes") == [("explodes", "watch", "failed")]


def test_a_zip_still_being_written_waits_instead_of_failing(env: dict[str, Any]) -> None:
    """A scanner or network share that pauses mid-file longer than the stable time: the
    half zip is refused but stays in place, and is read once the writer has finished."""
    inbox, outside, db = env["inbox"], env["outside"], env["db"]
    whole = zip_dir(make_packet(outside, "slow", variant=305), outside / "slow.zip").read_bytes()
    with Running(inbox, db, polling=True) as watcher:
        target = inbox / "slow.zip"
        with open(target, "wb") as fh:
            fh.write(whole[: len(whole) // 2])
            fh.flush()
            wait_for(lambda: "slow.zip" in watcher.refused, 30)
            assert target.exists() and list((inbox / ".failed").iterdir()) == []
            fh.write(whole[len(whole) // 2:])
        wait_for(lambda: (inbox / ".processed" / "slow.zip").exists(), 60)
    assert list((inbox / ".failed").iterdir()) == []
    assert (inbox / ".processed" / "slow.zip").read_bytes() == whole
    assert _packets(db, "slow") == [("slow", "watch", "done")]


def test_restart_and_redelivery_process_nothing_twice(env: dict[str, Any]) -> None:
    inbox, outside, db = env["inbox"], env["outside"], env["db"]
    src = make_packet(outside, "again", variant=303)
    shutil.copytree(src, inbox / "again")
    with Running(inbox, db):
        wait_for(lambda: (inbox / ".processed" / "again").exists(), 60)
    # the same packet dropped again, and a watcher restarted
    shutil.copytree(src, inbox / "again")
    with Running(inbox, db):
        wait_for(lambda: len(list((inbox / ".processed").iterdir())) == 2, 60)
    names = sorted(p.name for p in (inbox / ".processed").iterdir())
    assert names[0] == "again" and names[1].startswith("again.")   # kept both, no overwrite
    assert _files(inbox / ".processed" / names[1]) == _files(src)
    assert _packets(db, "again") == [("again", "watch", "done")]
    with db.session() as s:
        job = s.scalar(select(Job).join(Packet, Packet.id == Job.packet_id).where(
            Packet.name == "again"))
        assert job is not None and (job.status, job.completions, job.attempts) == ("done", 1, 1)


def test_drops_belong_to_the_watchers_organisation(env: dict[str, Any]) -> None:
    """`watch --org` puts every drop in that organisation; the same files dropped in the
    default organisation's inbox are that organisation's own packet."""
    from credintake.api import orgs
    from credintake.api.store.models import Organization

    inbox, outside, db = env["inbox"], env["outside"], env["db"]
    with db.session() as s:
        orgs.ensure(s, "clinic-w")
    src = make_packet(outside, "org-drop", variant=304)
    other_inbox = outside / "inbox-default"
    other_inbox.mkdir()
    shutil.copytree(src, inbox / "org-drop")
    shutil.copytree(src, other_inbox / "org-drop")
    with Running(inbox, db, organization="clinic-w"), Running(other_inbox, db):
        wait_for(lambda: (inbox / ".processed" / "org-drop").exists()
                 and (other_inbox / ".processed" / "org-drop").exists(), 60)
    with db.session() as s:
        owners = sorted(s.scalars(select(Organization.name).join(
            Packet, Packet.organization_id == Organization.id).where(Packet.name == "org-drop")))
    assert owners == ["clinic-w", "default"]


def test_watch_command_end_to_end(tmp_path: Path) -> None:
    """`credintake watch INBOX` as a user runs it: a process, a drop, SIGTERM, exit 0."""
    import signal
    import subprocess
    import sys

    from service_helpers import HERE

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    env = {**os.environ, "CREDINTAKE_DATA_DIR": str(tmp_path / "data"),
           "CREDINTAKE_JOBS__PROCESSOR": "fake_processor:process",
           "CREDINTAKE_JOBS__POLL_SECONDS": "0.2", "CREDINTAKE_API__WATCH_STABLE_SECONDS": "0.5",
           "CREDINTAKE_API__WATCH_POLL_SECONDS": "0.2", "PYTHONPATH": str(HERE)}
    for k in ("CREDINTAKE_DATABASE_URL", "CREDINTAKE_BROKER_URL"):
        env.pop(k, None)
    proc = subprocess.Popen([sys.executable, "-m", "credintake.api.service_cli", "watch",
                             str(inbox), "--workers", "1"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        (inbox / "drop.pdf").write_bytes(pdf_bytes(["cli watch drop"]))
        wait_for(lambda: (inbox / ".processed" / "drop.pdf").exists(), 90)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out.decode(errors="replace")
    assert b"watching" in out and b"cli watch drop" not in out
