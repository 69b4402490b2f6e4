"""Scale-out mode for real: the API (PostgreSQL state, Redis broker) and two Celery worker
processes sharing a blob directory; one worker is killed -9 mid-batch and every packet is
still done exactly once. Skips (with the reason) only when PostgreSQL or Redis is down."""

from __future__ import annotations

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
from conftest import HERE, REDIS_URL, ServerThread, add_users, make_settings, wait_for
from tiny_packets import pdf_bytes

N_PACKETS = 6


def _redis_or_skip() -> None:
    host, port = REDIS_URL.split("//")[1].split("/")[0].split(":")
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
    except OSError as exc:
        pytest.skip(f"Redis unreachable at {REDIS_URL} ({exc})")


def _worker(tmp: Path, pg_url: str, name: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CREDINTAKE_DATA_DIR": str(tmp / "data"),
           "CREDINTAKE_DATABASE_URL": pg_url, "CREDINTAKE_BROKER_URL": REDIS_URL,
           "CREDINTAKE_JOBS__PROCESSOR": "fake_processor:slow", "CI_FAKE_DELAY": "0.7",
           "CREDINTAKE_JOBS__LEASE_SECONDS": "4", "CREDINTAKE_JOBS__HEARTBEAT_SECONDS": "0.5",
           "CREDINTAKE_JOBS__SWEEP_SECONDS": "1", "CREDINTAKE_JOBS__REQUEUE_AFTER_SECONDS": "3",
           "PYTHONPATH": str(HERE)}
    with (tmp / f"{name}.log").open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "credintake.api.service_cli", "worker",
                                 "--loglevel", "INFO", "-P", "solo", "-n", f"{name}@%h"],
                                env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def _stop(p: subprocess.Popen[bytes]) -> None:
    if p.poll() is None:
        os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait(5)


def test_api_and_two_celery_workers_survive_a_killed_worker(tmp_path: Path, pg_url: str
                                                           ) -> None:
    _redis_or_skip()
    settings = make_settings(tmp_path, database_url=pg_url, broker_url=REDIS_URL,
                             lease_seconds=4, sweep_seconds=1, requeue_after_seconds=3)
    workers = [_worker(tmp_path, pg_url, f"w{i}") for i in range(2)]
    try:
        with ServerThread(settings) as server:
            token = add_users(server.db)["coordinator"]
            import httpx

            c = httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"},
                             timeout=60)
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
            c.close()
    finally:
        for w in workers:
            _stop(w)
