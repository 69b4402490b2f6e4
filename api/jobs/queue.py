"""The job table as a queue.

A job is claimed by setting ``status='running'`` with a lease (``lease_owner``,
``lease_expires_at``) that its worker renews by heartbeat. A job whose lease expired (its
worker was killed) can be claimed again, until ``max_attempts`` is spent. On PostgreSQL
candidates are picked with ``SELECT ... FOR UPDATE SKIP LOCKED``; on SQLite transactions
begin IMMEDIATE and the UPDATE is guarded by the same condition, so two workers can never
both win. Completion is guarded by the lease owner: a worker that lost its lease cannot
write a result, so every job completes exactly once. Every lease time is read off the
database's clock (``db_now``), never a worker machine's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from credintake.api.store.db import Database, db_now
from credintake.api.store.models import Job, Packet

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Claim:
    outcome: Literal["claimed", "finished", "busy", "missing", "later"]
    job_id: str
    packet_id: str | None = None
    retry_in: float = 0.0


def _claimable(now: datetime):  # type: ignore[no-untyped-def]
    return or_(and_(Job.status == "queued", Job.available_at <= now),
               and_(Job.status == "running", Job.lease_expires_at < now,
                    Job.attempts < Job.max_attempts))


def _take(session: Session, job_id: str, worker: str, lease: float, now: datetime) -> bool:
    res = session.execute(
        update(Job).where(Job.id == job_id, _claimable(now)).values(
            status="running", lease_owner=worker, lease_expires_at=now + timedelta(seconds=lease),
            attempts=Job.attempts + 1, started_at=now, progress=0.0)
        .execution_options(synchronize_session=False))
    if res.rowcount != 1:  # type: ignore[attr-defined]
        return False
    session.execute(update(Packet).where(Packet.id == select(Job.packet_id).where(
        Job.id == job_id).scalar_subquery()).values(status="running", updated_at=now))
    return True


def fail_abandoned(db: Database) -> int:
    """Jobs whose worker died on their last attempt become ``failed`` (never silently lost)."""
    with db.session() as session:
        now = db_now(session)
        rows = session.execute(select(Job.id, Job.packet_id).where(
            Job.status == "running", Job.lease_expires_at < now,
            Job.attempts >= Job.max_attempts)).all()
        for job_id, packet_id in rows:
            res = session.execute(update(Job).where(
                Job.id == job_id, Job.status == "running", Job.lease_expires_at < now).values(
                status="failed", finished_at=now, lease_owner=None,
                error="the worker processing this packet stopped on every attempt"))
            if res.rowcount == 1:  # type: ignore[attr-defined]
                session.execute(update(Packet).where(Packet.id == packet_id).values(
                    status="failed", updated_at=now))
                log.warning("job %s failed: worker lost on its last attempt", job_id)
    return len(rows)


def claim_next(db: Database, worker: str) -> Claim | None:
    """Claim the oldest claimable job, or None when there is nothing to do."""
    lease = db.settings.jobs.lease_seconds
    for _ in range(5):
        with db.session() as session:
            now = db_now(session)
            q = select(Job.id, Job.packet_id).where(_claimable(now)).order_by(
                Job.available_at, Job.created_at).limit(1)
            if not db.is_sqlite:
                q = q.with_for_update(skip_locked=True)
            row = session.execute(q).first()
            if row is None:
                return None
            if _take(session, row.id, worker, lease, now):
                log.info("worker %s claimed job %s", worker, row.id)
                return Claim("claimed", row.id, row.packet_id)
    return None


def claim(db: Database, job_id: str, worker: str) -> Claim:
    """Claim one given job (Celery delivers ids): claimed, already finished, or busy."""
    with db.session() as session:
        now = db_now(session)
        q = select(Job).where(Job.id == job_id)
        if not db.is_sqlite:
            q = q.with_for_update()
        job = session.scalar(q)
        if job is None:
            return Claim("missing", job_id)
        if job.status in ("done", "failed"):
            return Claim("finished", job_id, job.packet_id)
        if _take(session, job_id, worker, db.settings.jobs.lease_seconds, now):
            return Claim("claimed", job_id, job.packet_id)
        if job.status == "queued":
            return Claim("later", job_id, job.packet_id,
                         max(0.5, (job.available_at - now).total_seconds()))
        left = (job.lease_expires_at - now).total_seconds() if job.lease_expires_at else 1.0
        return Claim("busy", job_id, job.packet_id, max(1.0, left + 1.0))


def heartbeat(db: Database, job_id: str, worker: str, progress: float | None = None) -> bool:
    """Renew the lease; False when this worker no longer owns the job."""
    with db.session() as session:
        values: dict[str, object] = {"lease_expires_at": db_now(session) + timedelta(
            seconds=db.settings.jobs.lease_seconds)}
        if progress is not None:
            values["progress"] = progress
        res = session.execute(update(Job).where(
            Job.id == job_id, Job.lease_owner == worker, Job.status == "running").values(**values))
        return res.rowcount == 1  # type: ignore[attr-defined]


def finish_owned(session: Session, job_id: str, worker: str) -> bool:
    """Mark the job done inside the caller's transaction, only if ``worker`` still owns it."""
    now = db_now(session)
    res = session.execute(update(Job).where(
        Job.id == job_id, Job.lease_owner == worker, Job.status == "running").values(
        status="done", progress=1.0, finished_at=now, lease_owner=None, lease_expires_at=None,
        error=None, completions=Job.completions + 1, finished_by=worker))
    return res.rowcount == 1  # type: ignore[attr-defined]


def fail(db: Database, job_id: str, worker: str, error: str) -> str:
    """Record a processing error: back to ``queued`` with a delay, or ``failed`` when the
    attempts are spent. Returns the new status ('' when the lease was already lost)."""
    with db.session() as session:
        now = db_now(session)
        job = session.scalar(select(Job).where(Job.id == job_id))
        if job is None or job.lease_owner != worker or job.status != "running":
            return ""
        job.error = error[:2000]
        job.lease_owner = None
        job.lease_expires_at = None
        if job.attempts >= job.max_attempts:
            job.status = "failed"
            job.finished_at = now
            session.execute(update(Packet).where(Packet.id == job.packet_id).values(
                status="failed", updated_at=now))
        else:
            job.status = "queued"
            job.available_at = now + timedelta(
                seconds=db.settings.jobs.retry_delay_seconds * job.attempts)
            session.execute(update(Packet).where(Packet.id == job.packet_id).values(
                status="queued", updated_at=now))
        return job.status


def requeue(db: Database, job_id: str) -> bool:
    """Put a finished job back in the queue (an admin's explicit reprocess)."""
    with db.session() as session:
        now = db_now(session)
        job = session.scalar(select(Job).where(Job.id == job_id))
        if job is None or job.status not in ("done", "failed"):
            return False
        job.status, job.attempts, job.error, job.available_at = "queued", 0, None, now
        job.dispatched_at = None
        session.execute(update(Packet).where(Packet.id == job.packet_id).values(
            status="queued", updated_at=now))
        return True
