"""Telling workers about jobs.

Embedded mode needs nothing (the pool polls the job table). With ``jobs.broker_url`` set,
each new job id is published to Celery after its rows are committed; ``sweep`` re-publishes
jobs that nobody took (a lost message, a broker restart, a worker killed without redelivery),
so the database, not the broker, decides what still has to be done.
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
    for job_id in job_ids:
        try:
            app.send_task(TASK_NAME, args=[job_id], countdown=countdown)
        except Exception as exc:  # noqa: BLE001 - the sweeper will publish it again
            log.warning("could not publish job %s (%s); the sweeper will retry", job_id,
                        type(exc).__name__)
            continue
    with db.session() as session:
        session.execute(update(Job).where(Job.id.in_(job_ids)).values(
            dispatched_at=db_now(session)))


def sweep(db: Database, settings: Settings) -> int:
    """Re-publish queued jobs not taken within ``requeue_after_seconds`` and running jobs
    whose lease expired. Returns how many were published."""
    from credintake.api.jobs.queue import fail_abandoned

    fail_abandoned(db)
    with db.session() as session:
        now = db_now(session)
        stale = now - timedelta(seconds=settings.jobs.requeue_after_seconds)
        cond = or_(
            and_(Job.status == "queued", Job.available_at <= now,
                 or_(Job.dispatched_at.is_(None), Job.dispatched_at < stale)),
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
