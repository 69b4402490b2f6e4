"""The embedded worker pool: N processes started by ``credintake serve`` (or ``watch``)
that claim jobs from the database, so nothing but the database is shared.

Processes are started with ``spawn`` (no inherited engines, sockets or threads) and are not
daemonic (the pipeline may start its own process pool). They ignore SIGINT (the parent
decides when to stop), stop when their parent is gone, limit Tesseract to one OpenMP thread
and poll the job table. The parent's supervisor thread restarts a worker that died; the job it held is
claimed again when its lease expires.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import signal
import socket
import threading
import uuid
from multiprocessing.connection import Connection
from typing import Any

from credintake.settings import Settings

log = logging.getLogger(__name__)


def worker_main(settings_data: dict[str, Any], name: str, stop: Connection) -> None:
    """Body of one worker process: claim, run, repeat until the parent writes to (or
    closes) the ``stop`` pipe. A pipe, not an Event: a worker killed while waiting on a
    shared Event's condition would make the parent's ``set()`` block forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    from credintake.api.jobs import queue
    from credintake.api.jobs.runner import execute
    from credintake.api.store.db import Database

    settings = Settings(**settings_data)
    # Below the API process (and Tesseract below it too, inheriting this): on a small
    # machine a status poll otherwise queues for the CPU behind OCR (RESULTS_service.md 1c)
    os.nice(settings.jobs.worker_nice)
    try:
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = settings.limits.max_image_pixels
    except ImportError:  # pragma: no cover
        pass
    db = Database(settings)
    worker = f"{socket.gethostname()}:{os.getpid()}:{name}"
    log.info("worker %s started", worker)
    idle = 0
    while not stop.poll(0):          # readable: a stop message, or EOF (the parent is gone)
        try:
            if idle % 20 == 0:
                queue.fail_abandoned(db)
            claim = queue.claim_next(db, worker)
        except Exception as exc:  # noqa: BLE001 - database blip: wait and try again
            log.warning("worker %s: claim failed (%s)", worker, type(exc).__name__)
            claim = None
        if claim is None:
            idle += 1
            stop.poll(settings.jobs.poll_seconds)
            continue
        idle = 0
        assert claim.packet_id is not None
        execute(db, claim.job_id, claim.packet_id, worker)
    db.dispose()
    log.info("worker %s stopped", worker)


class WorkerPool:
    """Start, supervise and stop the embedded worker processes."""

    def __init__(self, settings: Settings, size: int | None = None) -> None:
        self.settings = settings
        self.size = max(1, size or settings.jobs.embedded_workers or settings.workers)
        self.ctx = mp.get_context("spawn")
        self.procs: list[Any] = []
        self.pipes: list[Connection] = []
        self._supervisor: threading.Thread | None = None
        self._stopping = threading.Event()
        self._data = settings.model_dump(mode="json")

    def _spawn(self) -> tuple[Any, Connection]:
        reader, writer = self.ctx.Pipe(duplex=False)
        p = self.ctx.Process(target=worker_main, name="credintake-worker", daemon=False,
                             args=(self._data, uuid.uuid4().hex[:6], reader))
        p.start()
        reader.close()
        return p, writer

    def start(self) -> WorkerPool:
        for _ in range(self.size):
            p, w = self._spawn()
            self.procs.append(p)
            self.pipes.append(w)
        self._supervisor = threading.Thread(target=self._supervise, daemon=True,
                                            name="credintake-pool-supervisor")
        self._supervisor.start()
        log.info("embedded worker pool started with %d process(es)", self.size)
        return self

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs if p.pid is not None]

    def _supervise(self) -> None:
        while not self._stopping.wait(1.0):
            for i, p in enumerate(self.procs):
                if not p.is_alive() and not self._stopping.is_set():
                    log.warning("worker process %s exited with %s; starting a new one",
                                p.pid, p.exitcode)
                    p.join(timeout=0)
                    self.pipes[i].close()
                    self.procs[i], self.pipes[i] = self._spawn()

    def stop(self, timeout: float = 30.0) -> None:
        """Ask workers to finish their current job, then wait (terminate after ``timeout``)."""
        self._stopping.set()
        if self._supervisor:
            self._supervisor.join(timeout=5)
        for w in self.pipes:
            try:
                w.send("stop")
            except OSError:
                pass                    # that worker is already gone
            w.close()
        for p in self.procs:
            p.join(timeout=timeout)
            if p.is_alive():
                p.terminate()
                p.join(timeout=5)
        log.info("embedded worker pool stopped")
