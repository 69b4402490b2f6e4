"""Telling workers about jobs.

Embedded mode needs nothing (the pool polls the job table). With ``jobs.broker_url`` set,
each new job id is published to Celery once, after its rows are committed; the broker's
own redelivery (acks_late) does the rest, and ``sweep`` re-publishes only the jobs whose
message is known lost (never published, or held by a worker that died), so the database,
not the broker, decides what still has to be done. The broker must keep its messages
(compose runs Redis with an append-only file; RabbitMQ queues are durable).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import and_, or_, select, update

from credintake.api.store.db import Database, db_now
from credintake.api.store.models import Job
from credintake.settings import Settings

log = logging.getLogger(__name__)

TASK_NAME = "credintake.process_job"


def dispatch(db: Database, settings: Settings, job_ids: list[str],
             countdown: float | None = None) -> None:
    if not settings.jobs.broker_url or not job_ids:
        return
    from credintake.api.jobs.celery_app import get_app

    app = get_app(settings)
    published, lost = [], []
    for job_id in job_ids:
        try:
            app.send_task(TASK_NAME, args=[job_id], countdown=countdown)
            published.append(job_id)
        except Exception as exc:  # noqa: BLE001 - the sweeper will publish it again
            log.warning("could not publish job %s (%s); the sweeper will retry", job_id,
                        type(exc).__name__)
            lost.append(job_id)
    with db.session() as session:
        if published:
            session.execute(update(Job).where(Job.id.in_(published)).values(
                dispatched_at=db_now(session)))
        if lost:                       # known lost: the sweeper's to publish again
            session.execute(update(Job).where(Job.id.in_(lost)).values(dispatched_at=None))


def sweep(db: Database, settings: Settings) -> int:
    """Re-publish only the jobs whose message is known lost: a queued job never published
    (the publish failed, or the process died between commit and publish; after
    ``requeue_after_seconds`` of grace) and a running job whose lease expired (its worker
    died holding the unacknowledged message, which Redis would give back only after the
    visibility timeout). A published job waiting in a backlog is left to the broker: one
    message per job. Returns how many were published."""
    from credintake.api.jobs.queue import fail_abandoned

    fail_abandoned(db)
    with db.session() as session:
        now = db_now(session)
        grace = now - timedelta(seconds=settings.jobs.requeue_after_seconds)
        cond = or_(
            and_(Job.status == "queued", Job.available_at <= now,
                 Job.dispatched_at.is_(None), Job.created_at < grace),
            and_(Job.status == "running", Job.lease_expires_at < now,
                 or_(Job.dispatched_at.is_(None), Job.dispatched_at < now - timedelta(
                     seconds=settings.jobs.lease_seconds))))
        ids = list(session.scalars(select(Job.id).where(cond).limit(500)))
        mine = []
        for job_id in ids:
            res = session.execute(update(Job).where(Job.id == job_id, cond).values(
                dispatched_at=now))
            if res.rowcount == 1:  # type: ignore[attr-defined]
                mine.append(job_id)
    if mine:
        log.info("sweeper re-publishing %d job(s)", len(mine))
        dispatch(db, settings, mine)
    return len(mine)
