"""A packet that never finishes is ended by the job deadline: the worker process exits,
the job fails with the reason, and the pool carries on with a fresh process."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from credintake.api.store.models import Job
from service_helpers import ServerThread, add_users, make_settings, wait_done
from tiny_packets import pdf_bytes


def test_stuck_processing_hits_the_deadline_and_the_pool_recovers(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, processor="fake_processor:hang", timeout_seconds=2.0,
                             max_attempts=1, heartbeat_seconds=0.5)
    with ServerThread(settings) as server:
        token = add_users(server.db)["specialist"]
        import httpx

        with httpx.Client(base_url=server.url, timeout=60,
                          headers={"Authorization": f"Bearer {token}"}) as c:
            first_pids = list(server.app.state.pool.pids)
            r = c.post("/packets", files=[("files", ("stuck.pdf", pdf_bytes(["stuck"]),
                                                     "application/pdf"))])
            status = wait_done(c, r.json()["packet_id"], timeout=60)
        assert status["status"] == "failed"
        assert status["job"]["error"] == "TimeoutError: processing took longer than 2s"
        assert status["job"]["attempts"] == 1
        with server.db.session() as s:
            assert s.scalar(select(Job.completions)) == 0
        import time

        deadline = time.monotonic() + 30
        while server.app.state.pool.pids == first_pids and time.monotonic() < deadline:
            time.sleep(0.2)
        assert server.app.state.pool.pids != first_pids     # a fresh worker took over


def test_the_brokers_redelivery_waits_longer_than_any_attempt() -> None:
    """Redis redelivers an unacknowledged message after its visibility timeout: shorter than
    the job deadline, a long packet would be redelivered while it still runs."""
    from credintake.api.jobs.celery_app import make_app
    from credintake.settings import Settings

    for deadline, lease in ((1800.0, 60.0), (7200.0, 30.0), (60.0, 5.0)):
        settings = Settings(jobs={"broker_url": "redis://127.0.0.1:6379/0",  # type: ignore[arg-type]
                                  "timeout_seconds": deadline, "lease_seconds": lease})
        options = make_app(settings).conf.broker_transport_options
        assert options["visibility_timeout"] > deadline + lease
