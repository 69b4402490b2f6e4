"""The job table as a queue: one winner per claim, leases that expire, attempts that run
out, completion only by the lease owner. On SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from credintake.api.intake import Intake, MemberInput, PacketInput
from credintake.api.jobs import queue
from credintake.api.jobs.runner import execute
from credintake.api.store.db import Database
from credintake.api.store.models import DocumentRow, FindingRow, Job, Packet
from service_helpers import make_settings
from tiny_packets import pdf_bytes


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    database = Database(make_settings(tmp_path, database_url=url, lease_seconds=1.0,
                                      max_attempts=2))
    database.migrate()
    yield database
    database.dispose()


def _packets(db: Database, n: int) -> list[str]:
    intake = Intake(db, db.settings)
    import io

    inputs = [PacketInput(f"p{i}", [MemberInput("a.pdf", (lambda i=i: io.BytesIO(
        pdf_bytes([f"queue {i} {time.time_ns()}"]))))]) for i in range(n)]
    _, accepted = intake.submit(inputs, source="test")
    return [a.job_id for a in accepted]


def test_concurrent_claims_never_share_a_job(db: Database) -> None:
    jobs = _packets(db, 12)
    claimed: list[str] = []
    lock = threading.Lock()

    def worker(name: str) -> None:
        while True:
            c = queue.claim_next(db, name)
            if c is None:
                return
            with lock:
                claimed.append(c.job_id)

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(claimed) == sorted(jobs)
    assert Counter(claimed).most_common(1)[0][1] == 1


def test_expired_lease_is_claimed_again_then_fails_when_attempts_run_out(db: Database) -> None:
    [job_id] = _packets(db, 1)
    first = queue.claim_next(db, "dead-worker")
    assert first is not None and first.job_id == job_id
    assert queue.claim_next(db, "other") is None            # leased
    time.sleep(1.2)                                           # the dead worker never beats
    second = queue.claim_next(db, "other")
    assert second is not None and second.job_id == job_id
    assert queue.heartbeat(db, job_id, "dead-worker") is False
    with db.session() as s:
        assert s.get(Job, job_id).attempts == 2               # type: ignore[union-attr]
    time.sleep(1.2)                                           # the second worker dies too
    assert queue.claim_next(db, "third") is None              # attempts spent
    assert queue.fail_abandoned(db) == 1
    with db.session() as s:
        job = s.get(Job, job_id)
        assert job is not None and job.status == "failed"
        assert "stopped on every attempt" in (job.error or "")
        assert s.get(Packet, job.packet_id).status == "failed"  # type: ignore[union-attr]


def test_only_the_lease_owner_completes_and_rows_are_not_duplicated(db: Database) -> None:
    [job_id] = _packets(db, 1)
    c = queue.claim_next(db, "w1")
    assert c is not None and c.packet_id
    # w1 loses its lease; w2 takes the job over and finishes it
    with db.session() as s:
        s.execute(update(Job).where(Job.id == job_id).values(lease_owner="w2"))
    assert execute(db, job_id, c.packet_id, "w2") == "done"
    assert execute(db, job_id, c.packet_id, "w1") == ""      # refused: not the owner
    with db.session() as s:
        job = s.get(Job, job_id)
        assert job is not None and (job.status, job.completions) == ("done", 1)
        docs = s.scalars(select(DocumentRow).where(DocumentRow.packet_id == c.packet_id)).all()
        assert [d.file for d in docs] == ["a.pdf"]
        assert len(s.scalars(select(FindingRow).where(
            FindingRow.packet_id == c.packet_id)).all()) == 2
    assert queue.claim(db, job_id, "w3").outcome == "finished"


def test_processing_error_retries_then_fails_with_the_reason(db: Database) -> None:
    intake = Intake(db, db.settings)
    import io

    _, [a] = intake.submit([PacketInput("boom", [MemberInput("boom.pdf", lambda: io.BytesIO(
        pdf_bytes([f"boom {time.time_ns()}"])))])], source="test")
    c = queue.claim(db, a.job_id, "w1")
    assert c.outcome == "claimed"
    assert execute(db, a.job_id, a.packet_id, "w1") == "queued"   # attempt 1 of 2
    time.sleep(0.4)
    c = queue.claim_next(db, "w1")
    assert c is not None and c.job_id == a.job_id
    assert execute(db, a.job_id, a.packet_id, "w1") == "failed"
    with db.session() as s:
        job = s.get(Job, a.job_id)
        assert job is not None
        assert (job.status, job.attempts) == ("failed", 2)
        assert job.error == "RuntimeError: simulated processing failure"


def test_redelivered_message_for_a_leased_job_waits_for_the_lease(db: Database) -> None:
    [job_id] = _packets(db, 1)
    assert queue.claim(db, job_id, "w1").outcome == "claimed"
    busy = queue.claim(db, job_id, "w2")               # a duplicate Celery delivery
    assert busy.outcome == "busy" and 1.0 <= busy.retry_in <= 3.0
    assert queue.claim(db, "no-such-job", "w2").outcome == "missing"


def test_leases_are_judged_on_the_database_clock(tmp_path: Path, pg_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker machine whose clock runs an hour fast must not take a job whose lease
    (set and renewed on the database's clock) is still running. The skew is simulated by
    moving this process's UTC clock: the database's own cannot be moved from a test."""
    import datetime as dt

    from credintake.api.store import models

    db = Database(make_settings(tmp_path, database_url=pg_url, lease_seconds=30.0,
                                max_attempts=3))
    db.migrate()
    try:
        (job,) = _packets(db, 1)
        assert queue.claim_next(db, "honest").outcome == "claimed"
        real = models.utcnow

        def fast() -> dt.datetime:
            return real() + dt.timedelta(hours=1)

        for module in (models, queue):            # wherever the queue might read the time
            monkeypatch.setattr(module, "utcnow", fast, raising=False)
        assert queue.claim_next(db, "fast-clock") is None
        assert queue.claim(db, job, "fast-clock").outcome == "busy"
        assert queue.heartbeat(db, job, "honest")
        with db.session() as s:
            lease = s.scalar(select(Job.lease_expires_at).where(Job.id == job))
        assert lease < real() + dt.timedelta(seconds=60)       # not an hour ahead
    finally:
        db.dispose()


def test_progress_moves_with_the_files_read(tmp_path: Path) -> None:
    """A client polling the job sees the bar move as files are read, not 10% then done."""
    import io

    database = Database(make_settings(tmp_path, processor="fake_processor:stepwise",
                                      heartbeat_seconds=0.1))
    database.migrate()
    try:
        intake = Intake(database, database.settings)
        members = [MemberInput(f"f{i}.pdf", (lambda i=i: io.BytesIO(
            pdf_bytes([f"progress {i} {time.time_ns()}"])))) for i in range(4)]
        _, [a] = intake.submit([PacketInput("four", members)], source="test")
        assert queue.claim(database, a.job_id, "w1").outcome == "claimed"
        seen: set[float] = set()
        runner = threading.Thread(target=execute, args=(database, a.job_id, a.packet_id, "w1"))
        runner.start()
        while runner.is_alive():
            with database.session() as s:
                seen.add(s.scalar(select(Job.progress).where(Job.id == a.job_id)))
            time.sleep(0.05)
        runner.join()
        between = sorted(p for p in seen if 0.1 < p < 1.0)
        assert len(between) >= 2, seen            # several steps between start and done
        with database.session() as s:
            assert s.scalar(select(Job.progress).where(Job.id == a.job_id)) == 1.0
    finally:
        database.dispose()


def test_a_job_whose_worker_was_lost_reads_retrying_then_failing(db: Database) -> None:
    from credintake.api.review import job_public

    [job_id] = _packets(db, 1)
    assert queue.claim(db, job_id, "w1").outcome == "claimed"
    with db.session() as s:
        assert job_public(s.get(Job, job_id)).status == "running"
    time.sleep(1.2)                                   # lease 1 s, no heartbeat: worker lost
    with db.session() as s:
        assert job_public(s.get(Job, job_id)).status == "retrying"
    assert queue.claim_next(db, "w2") is not None     # attempt 2 of 2
    time.sleep(1.2)
    with db.session() as s:
        assert job_public(s.get(Job, job_id)).status == "failing"
