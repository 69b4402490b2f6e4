"""Scale-out mode for real: the API (PostgreSQL state, Redis broker) and two Celery worker
processes, sharing a blob directory (a mount) or, the way the README sets up machines, each
on a data directory of its own with the blobs in PostgreSQL (``blob_backend = database``);
one worker is killed -9 mid-batch and every packet is still done exactly once. Skips (with
the reason) only when PostgreSQL or Redis is down."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from credintake.api.store.models import DocumentRow, Job
from service_helpers import HERE, REDIS_URL, ServerThread, add_users, make_settings, service_missing, wait_for
from tiny_packets import pdf_bytes

N_PACKETS = 6


AMQP_URL = os.environ.get("CI_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")


def _reachable_or_skip(url: str) -> None:
    netloc = url.split("//")[1].split("/")[0].rsplit("@", 1)[-1]
    host, port = netloc.split(":")
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
    except OSError as exc:
        service_missing(f"broker unreachable at {host}:{port} ({exc})")


def _redis_or_skip() -> None:
    _reachable_or_skip(REDIS_URL)


def _worker(tmp: Path, pg_url: str, name: str, broker: str = REDIS_URL, *,
            data_dir: Path | None = None, blob_backend: str = "filesystem"
            ) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CREDINTAKE_DATA_DIR": str(data_dir or tmp / "data"),
           "CREDINTAKE_BLOB_BACKEND": blob_backend,
           "CREDINTAKE_DATABASE_URL": pg_url, "CREDINTAKE_BROKER_URL": broker,
           "CREDINTAKE_JOBS__PROCESSOR": "fake_processor:slow", "CI_FAKE_DELAY": "0.7",
           "CREDINTAKE_JOBS__LEASE_SECONDS": "4", "CREDINTAKE_JOBS__HEARTBEAT_SECONDS": "0.5",
           "CREDINTAKE_JOBS__SWEEP_SECONDS": "1", "CREDINTAKE_JOBS__REQUEUE_AFTER_SECONDS": "3",
           "PYTHONPATH": str(HERE)}
    with (tmp / f"{name}.log").open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "credintake.api.service_cli", "worker",
                                 "--loglevel", "INFO", "-P", "solo", "-n", f"{name}@%h"],
                                env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def _db_upgrade(tmp: Path, pg_url: str) -> None:
    """The deploy step the README gives operators: the schema first, then the services."""
    env = {**os.environ, "CREDINTAKE_DATA_DIR": str(tmp / "data"),
           "CREDINTAKE_DATABASE_URL": pg_url}
    done = subprocess.run([sys.executable, "-m", "credintake.api.service_cli", "db",
                           "upgrade"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def _stop(p: subprocess.Popen[bytes]) -> None:
    if p.poll() is None:
        os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait(5)


@pytest.mark.parametrize("blob_backend", ["filesystem", "database"])
def test_api_and_two_celery_workers_survive_a_killed_worker(tmp_path: Path, pg_url: str,
                                                           blob_backend: str) -> None:
    """``filesystem``: the workers mount the API's blob directory; ``database``: each worker
    has a data directory of its own and shares nothing with the API but PostgreSQL and the
    broker."""
    _redis_or_skip()
    settings = make_settings(tmp_path, database_url=pg_url, broker_url=REDIS_URL,
                             blob_backend=blob_backend, lease_seconds=4, sweep_seconds=1,
                             requeue_after_seconds=3)
    _db_upgrade(tmp_path, pg_url)
    own = blob_backend == "database"
    workers = [_worker(tmp_path, pg_url, f"w{i}", data_dir=tmp_path / f"machine-{i}"
                       if own else None, blob_backend=blob_backend) for i in range(2)]
    stack = contextlib.ExitStack()
    try:
        with ServerThread(settings) as server:
            token = add_users(server.db)["coordinator"]
            import httpx

            c = httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"},
                             timeout=60)
            stack.callback(c.close)
            assert c.get("/health").json()["jobs"] == "celery"
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as zf:
                for i in range(N_PACKETS):
                    zf.writestr(f"p{i}/doc.pdf", pdf_bytes([f"scale {i} {tmp_path.name}"]))
            r = c.post("/batches", files=[("file", ("b.zip", buf.getvalue(), "application/zip"))])
            assert r.status_code == 202, r.text

            def running_owner() -> str | None:
                with server.db.session() as s:
                    return s.scalar(select(Job.lease_owner).where(Job.status == "running"))

            owner = wait_for(running_owner, 90, 0.05)
            pid = int(owner.split(":")[2])
            victim = next(w for w in workers if w.pid == pid)
            os.killpg(victim.pid, signal.SIGKILL)              # kill -9 mid-packet
            victim.wait(10)

            def all_done() -> bool:
                with server.db.session() as s:
                    return s.scalar(select(func.count()).where(Job.status == "done")) == N_PACKETS

            wait_for(all_done, 120, 0.3)
            with server.db.session() as s:
                rows = s.execute(select(Job.completions, Job.attempts, Job.finished_by,
                                        Job.packet_id)).all()
                for _, _, _, pid_ in rows:
                    assert s.scalar(select(func.count()).where(
                        DocumentRow.packet_id == pid_)) == 1
            assert [c_ for c_, *_ in rows] == [1] * N_PACKETS     # each done exactly once
            assert max(a for _, a, _, _ in rows) == 2             # the killed one was retried
            finishers = {f.split(":")[2] for _, _, f, _ in rows}
            assert finishers, rows
            one = c.get(f"/packets/{rows[0][3]}/result").json()
            assert one["packet_id"] == rows[0][3] and one["documents"][0]["file"] == "doc.pdf"
            if own:                                   # nothing went through a shared disk
                for i in range(2):
                    kept = [p for p in (tmp_path / f"machine-{i}" / "blobs").rglob("*")
                            if p.is_file()]
                    assert kept == [], kept
                assert [p for p in server.db.blobs.rglob("*") if p.is_file()] == []
    finally:
        stack.close()
        for w in workers:
            _stop(w)


def test_rabbitmq_broker_processes_a_batch(tmp_path: Path, pg_url: str) -> None:
    """The same code on RabbitMQ: one worker, a batch of three, each done once."""
    _reachable_or_skip(AMQP_URL)
    settings = make_settings(tmp_path, database_url=pg_url, broker_url=AMQP_URL,
                             sweep_seconds=1, requeue_after_seconds=3)
    _db_upgrade(tmp_path, pg_url)
    worker = _worker(tmp_path, pg_url, "rabbit", AMQP_URL)
    try:
        with ServerThread(settings) as server:
            import httpx

            token = add_users(server.db)["coordinator"]
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as zf:
                for i in range(3):
                    zf.writestr(f"r{i}/doc.pdf", pdf_bytes([f"rabbit {i} {tmp_path.name}"]))
            with httpx.Client(base_url=server.url, timeout=60,
                              headers={"Authorization": f"Bearer {token}"}) as c:
                r = c.post("/batches", files=[("file", ("b.zip", buf.getvalue(),
                                                        "application/zip"))])
                assert r.status_code == 202, r.text
                batch = r.json()["batch_id"]

                def done() -> bool:
                    body = c.get(f"/batches/{batch}").json()
                    return [p["status"] for p in body["data"]] == ["done"] * 3

                wait_for(done, 120, 0.3)
            with server.db.session() as s:
                rows = s.execute(select(Job.completions, Job.finished_by)).all()
            assert [c_ for c_, _ in rows] == [1, 1, 1]
            assert all(f.startswith("celery:") for _, f in rows)
    finally:
        _stop(worker)


def test_a_worker_that_cannot_see_the_shared_blob_store_refuses_to_start(tmp_path: Path,
                                                                         pg_url: str) -> None:
    """Workers on other machines must mount the API's blob store (CREDINTAKE_BLOB_DIR, the
    compose volume): one started on a directory of its own says so and exits, instead of
    failing every packet it takes; started on the shared one, it processes the backlog."""
    _redis_or_skip()
    settings = make_settings(tmp_path, database_url=pg_url, broker_url=REDIS_URL,
                             sweep_seconds=1, requeue_after_seconds=3)
    _db_upgrade(tmp_path, pg_url)
    with ServerThread(settings) as server:
        import httpx

        token = add_users(server.db)["specialist"]
        with httpx.Client(base_url=server.url, timeout=60,
                          headers={"Authorization": f"Bearer {token}"}) as c:
            r = c.post("/packets", files=[("files", ("doc.pdf", pdf_bytes(
                [f"shared store {tmp_path.name}"]), "application/pdf"))])
            assert r.status_code == 202, r.text
        elsewhere = tmp_path / "other-machine"
        elsewhere.mkdir()
        lost = _worker(elsewhere, pg_url, "lost")
        try:
            assert lost.wait(60) == 2
        finally:
            _stop(lost)
        log = (elsewhere / "lost.log").read_text()
        assert "does not hold the files the database references" in log
        good = _worker(tmp_path, pg_url, "good")
        try:
            def done() -> bool:
                with server.db.session() as s:
                    return s.scalar(select(Job.status)) == "done"

            wait_for(done, 90, 0.3)
        finally:
            _stop(good)


def test_a_backlog_gets_one_message_per_job(tmp_path: Path, pg_url: str) -> None:
    """Jobs waiting in the broker behind a long backlog are not published again (messages
    used to multiply every sweep); a job whose publish failed, or whose worker died holding
    its message, is."""
    import datetime as dt

    import redis
    from sqlalchemy import update

    from credintake.api.jobs.dispatch import sweep
    from credintake.api.store.db import Database

    _redis_or_skip()
    url = REDIS_URL.rsplit("/", 1)[0] + "/7"          # a database of its own: nothing consumes
    broker = redis.Redis.from_url(url)
    broker.flushdb()
    settings = make_settings(tmp_path, database_url=pg_url, broker_url=url,
                             requeue_after_seconds=0.0, lease_seconds=1.0)
    db = Database(settings)
    db.migrate()
    try:
        from credintake.api.intake import Intake, MemberInput, PacketInput

        inputs = [PacketInput(f"b{i}", [MemberInput("a.pdf", (lambda i=i: io.BytesIO(
            pdf_bytes([f"backlog {i} {tmp_path.name}"]))))]) for i in range(4)]
        _, accepted = Intake(db, settings).submit(inputs, source="test")
        ids = [a.job_id for a in accepted]
        assert broker.llen("credintake") == 4          # intake published each job once
        with db.session() as s:                        # an hour in the backlog ...
            s.execute(update(Job).where(Job.id.in_(ids[:3])).values(
                dispatched_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1),
                created_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)))
            # ... and the fourth's publish failed (what dispatch records when it does)
            s.execute(update(Job).where(Job.id == ids[3]).values(dispatched_at=None))
        assert sweep(db, settings) == 1                # only the never-published one
        assert broker.llen("credintake") == 5
        assert sweep(db, settings) == 0                # and only once
        from credintake.api.jobs import queue

        assert queue.claim(db, ids[0], "doomed").outcome == "claimed"
        import time

        time.sleep(1.2)                                # its worker died: lease expired
        assert sweep(db, settings) == 1
        assert broker.llen("credintake") == 6
    finally:
        db.dispose()
        broker.flushdb()
        broker.close()
