"""Celery scale-out: the broker carries job ids, PostgreSQL carries state.

Tasks take ids, never objects; JSON serializer only (pickle from a reachable broker is code
execution); ``acks_late`` + ``task_reject_on_worker_lost`` so a killed worker's message is
delivered again; one task per worker process at a time (prefetch 1). A redelivered or
duplicated message is harmless: the task claims the job row first and does nothing for a job
that is finished or leased by a live worker (it retries after the lease would expire).

Run with ``credintake worker`` (or ``celery -A credintake.api.jobs.celery_app worker``).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from functools import lru_cache
from typing import Any

from celery import Celery, signals

from credintake.api.jobs import queue
from credintake.api.jobs.dispatch import TASK_NAME, dispatch
from credintake.settings import Settings, get_settings

log = logging.getLogger(__name__)


def visibility_timeout(settings: Settings) -> int:
    """Seconds Redis waits for an unacknowledged message before delivering it again. It must
    outlast the longest attempt (the job deadline) plus a lease: shorter, a long packet is
    redelivered while it runs and every redelivery waits on its lease, an endless loop."""
    return int(max(300.0, settings.jobs.timeout_seconds + 2 * settings.jobs.lease_seconds))


def make_app(settings: Settings) -> Celery:
    app = Celery("credintake", broker=settings.jobs.broker_url, set_as_current=False)
    app.conf.update(
        task_serializer="json", accept_content=["json"], result_serializer="json",
        task_ignore_result=True, task_acks_late=True, task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1, task_default_queue="credintake",
        broker_connection_retry_on_startup=True, worker_hijack_root_logger=False,
        broker_transport_options={"visibility_timeout": visibility_timeout(settings)},
        enable_utc=True,
    )
    app.task(name=TASK_NAME, bind=True, max_retries=None, acks_late=True)(process_job)
    return app


@lru_cache(maxsize=4)
def _cached_app(broker_url: str) -> Celery:
    return make_app(get_settings() if get_settings().jobs.broker_url == broker_url
                    else Settings(jobs={"broker_url": broker_url}))  # type: ignore[arg-type]


def get_app(settings: Settings) -> Celery:
    """A (cached) Celery app for publishing to ``settings.jobs.broker_url``."""
    assert settings.jobs.broker_url
    app = _cached_app(settings.jobs.broker_url)
    if app not in _published:
        _published.append(app)
    return app


def close_publishers() -> None:
    """Close broker connections opened for publishing (at service shutdown)."""
    for app in _published:
        try:
            app.pool.force_close_all()
            app.close()
        except Exception:  # noqa: BLE001 - shutting down anyway
            pass
    _published.clear()
    _cached_app.cache_clear()


_published: list[Celery] = []
_worker_db: Any = None


def _db() -> Any:
    global _worker_db
    if _worker_db is None:
        from credintake.api.store.db import Database

        _worker_db = Database(get_settings())
    return _worker_db


@signals.worker_process_init.connect
def _init_worker_process(**_: Any) -> None:
    """Each worker process: one OCR thread, its own database connections."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    global _worker_db
    _worker_db = None


def process_job(task: Any, job_id: str) -> str:
    """The Celery task: claim the job row, run it, record the outcome."""
    from credintake.api.jobs.runner import execute

    db = _db()
    worker = f"celery:{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
    claim = queue.claim(db, job_id, worker)
    if claim.outcome in ("missing", "finished"):
        log.info("job %s: %s, nothing to do", job_id, claim.outcome)
        return claim.outcome
    if claim.outcome in ("busy", "later"):
        raise task.retry(countdown=claim.retry_in)
    assert claim.packet_id is not None
    status = execute(db, job_id, claim.packet_id, worker)
    if status == "queued":
        dispatch(db, db.settings, [job_id], countdown=db.settings.jobs.retry_delay_seconds)
    return status


app = make_app(get_settings()) if get_settings().jobs.broker_url else Celery("credintake")
