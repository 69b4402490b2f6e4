"""kill -9 mid-batch: a worker process, then the whole ``serve`` process; after a restart
every packet is done exactly once (one completion, no duplicated rows)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import httpx
from sqlalchemy import func, select

from credintake.api.store.db import Database
from credintake.api.store.models import DocumentRow, FindingRow, Job
from service_helpers import HERE, add_users, free_port, make_settings, wait_for
from tiny_packets import pdf_bytes

N_PACKETS = 5


def _serve(tmp: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CREDINTAKE_DATA_DIR": str(tmp / "data"),
           "CREDINTAKE_JOBS__PROCESSOR": "fake_processor:slow", "CI_FAKE_DELAY": "1.0",
           "CREDINTAKE_JOBS__LEASE_SECONDS": "3", "CREDINTAKE_JOBS__HEARTBEAT_SECONDS": "0.5",
           "CREDINTAKE_JOBS__POLL_SECONDS": "0.2", "CREDINTAKE_JOBS__RETRY_DELAY_SECONDS": "0.2",
           "PYTHONPATH": str(HERE)}
    for k in ("CREDINTAKE_DATABASE_URL", "CREDINTAKE_BROKER_URL"):
        env.pop(k, None)
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "credintake.api.service_cli", "serve",
                                 "--port", str(port), "--workers", "2"], env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def _up(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _running_worker_pid(db: Database) -> int | None:
    with db.session() as s:
        owner = s.scalar(select(Job.lease_owner).where(Job.status == "running"))
    return int(owner.split(":")[1]) if owner else None


def test_kill_worker_then_server_mid_batch_every_packet_done_once(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    db = Database(settings)
    db.migrate()
    token = add_users(db)["coordinator"]
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    server = _serve(tmp_path, port, log)
    try:
        wait_for(lambda: _up(url), 60)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for i in range(N_PACKETS):
                zf.writestr(f"p{i}/doc.pdf", pdf_bytes([f"crash packet {i}"]))
        r = httpx.post(f"{url}/batches", headers={"Authorization": f"Bearer {token}"},
                       files=[("file", ("batch.zip", buf.getvalue(), "application/zip"))],
                       timeout=60)
        assert r.status_code == 202, r.text
        jobs = [p["job_id"] for p in r.json()["packets"]]

        victim = wait_for(lambda: _running_worker_pid(db), 60, 0.05)
        os.kill(victim, signal.SIGKILL)                       # one worker, mid-packet
        wait_for(lambda: _running_worker_pid(db) not in (None, victim), 60, 0.05)
        os.killpg(server.pid, signal.SIGKILL)                 # then the whole service
        server.wait(10)
        with db.session() as s:
            unfinished = s.scalar(select(func.count()).where(Job.status != "done"))
        assert unfinished and unfinished > 0, "the batch finished before the crash"

        server = _serve(tmp_path, port, log)                  # restart
        wait_for(lambda: _up(url), 60)

        def all_done() -> bool:
            with db.session() as s:
                return s.scalar(select(func.count()).where(Job.status == "done")) == N_PACKETS

        wait_for(all_done, 120, 0.3)
        with db.session() as s:
            rows = s.execute(select(Job.id, Job.completions, Job.attempts, Job.packet_id)).all()
            assert sorted(j for j, *_ in rows) == sorted(jobs)
            assert all(c == 1 for _, c, _, _ in rows), rows          # done exactly once
            assert max(a for _, _, a, _ in rows) >= 2                # some were retried
            for _, _, _, pid in rows:
                assert s.scalar(select(func.count()).where(DocumentRow.packet_id == pid)) == 1
                assert s.scalar(select(func.count()).where(FindingRow.packet_id == pid)) == 2
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(10)
        db.dispose()
    text = log.read_text(errors="replace")
    assert "crash packet" not in text          # no document text in the logs
