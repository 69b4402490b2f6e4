"""Run one claimed job: the same code in the embedded pool and in Celery workers.

The packet's files are copied from the blob store into a scratch directory under their
member names, the processing function (``settings.jobs.processor``, by default
``credintake.pipeline.process_packet``) runs on it with the packet's ``as_of`` and id, and
the result is written in one transaction guarded by the job lease: documents, fields and
findings are replaced (so a retried job never duplicates rows) and the contract JSON is kept
verbatim on the packet. A heartbeat thread renews the lease while the packet is processed.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update

from credintake.api.desk.providers import link_provider
from credintake.api.jobs import queue
from credintake.api.store.db import Database
from credintake.api.store.models import (DocumentRow, FieldRow, FindingRow, Packet, PacketFile,
                                         utcnow)
from credintake.contract import Result

log = logging.getLogger(__name__)

Processor = Callable[..., Result]


def load_processor(spec: str) -> Processor:
    """``"package.module:function"`` -> the function (a declared seam for tests)."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def materialize(db: Database, packet_id: str, dest: Path) -> tuple[date, str]:
    """Copy the packet's files to ``dest``; returns (as_of, packet name)."""
    blobs = db.blob_store
    with db.session() as session:
        packet = session.get(Packet, packet_id)
        if packet is None:
            raise LookupError(f"packet {packet_id} does not exist")
        members = session.execute(select(PacketFile.name, PacketFile.sha256).where(
            PacketFile.packet_id == packet_id)).all()
        as_of, name = packet.as_of, packet.name
    root = dest.resolve()
    for member, sha in members:
        target = (root / member).resolve()
        if root not in target.parents:
            raise ValueError("member path escapes the packet directory")
        blobs.export(sha, target)
    return as_of, name


class _Heartbeat(threading.Thread):
    def __init__(self, db: Database, job_id: str, worker: str) -> None:
        super().__init__(daemon=True, name=f"heartbeat-{job_id[:8]}")
        self.db, self.job_id, self.worker = db, job_id, worker
        self.stop = threading.Event()
        self.lost = False
        self.progress: float | None = None      # written with the next beat

    def report(self, done: int, total: int) -> None:
        """The processor's progress (files read of files): reading, OCR above all, is most
        of a job, so it moves the bar from 0.1 to 0.9; the heartbeat stores it."""
        self.progress = round(0.1 + 0.8 * done / max(total, 1), 3)

    def run(self) -> None:
        every = self.db.settings.jobs.heartbeat_seconds
        deadline = time.monotonic() + self.db.settings.jobs.timeout_seconds
        while not self.stop.wait(min(every, max(0.05, deadline - time.monotonic()))):
            if time.monotonic() >= deadline:
                self._give_up()
            try:
                if not queue.heartbeat(self.db, self.job_id, self.worker,
                                       progress=self.progress):
                    self.lost = True
                    log.warning("job %s: lease lost by %s", self.job_id, self.worker)
                    return
            except Exception as exc:  # noqa: BLE001 - keep beating through a blip
                log.warning("job %s: heartbeat failed (%s)", self.job_id, type(exc).__name__)


    def _give_up(self) -> None:
        """The hard deadline: record the timeout, then end this worker process (a stuck
        OCR call cannot be interrupted from Python). The pool supervisor or Celery starts a
        fresh process; the job is retried while attempts remain."""
        limit = self.db.settings.jobs.timeout_seconds
        try:
            status = queue.fail(self.db, self.job_id, self.worker,
                                f"TimeoutError: processing took longer than {limit:g}s")
            log.error("job %s timed out after %gs (now %s); worker exits", self.job_id, limit,
                      status or "owned by another worker")
        finally:
            os._exit(70)


def execute(db: Database, job_id: str, packet_id: str, worker: str) -> str:
    """Process a job this worker has claimed; returns the job's new status."""
    settings = db.settings
    beat = _Heartbeat(db, job_id, worker)
    beat.start()
    scratch = Path(tempfile.mkdtemp(prefix="credintake-job-"))
    started = time.monotonic()
    try:
        packet_dir = scratch / "packet"
        packet_dir.mkdir()
        as_of, _name = materialize(db, packet_id, packet_dir)
        queue.heartbeat(db, job_id, worker, progress=0.1)
        processor = load_processor(settings.jobs.processor)
        extra = ({"progress": beat.report}
                 if "progress" in inspect.signature(processor).parameters else {})
        result = processor(packet_dir, as_of=as_of, settings=settings, packet_id=packet_id,
                           **extra)
        data = result.to_json_dict()
    except Exception as exc:  # noqa: BLE001 - a job error is recorded, never raised
        beat.stop.set()
        status = queue.fail(db, job_id, worker, f"{type(exc).__name__}: {exc}")
        log.warning("job %s (packet %s) failed with %s; now %s", job_id, packet_id,
                    type(exc).__name__, status or "owned by another worker")
        return status
    finally:
        beat.stop.set()
        shutil.rmtree(scratch, ignore_errors=True)
    with db.session() as session:
        if not queue.finish_owned(session, job_id, worker):
            log.warning("job %s finished by %s after losing its lease; result discarded",
                        job_id, worker)
            session.rollback()
            return ""
        store_result(session, packet_id, result, data)
        link_provider(session, packet_id)
    log.info("job %s (packet %s) done in %.1fs: %d documents, %d findings", job_id, packet_id,
             time.monotonic() - started, len(result.documents), len(result.findings))
    return "done"


def store_result(session: Any, packet_id: str, result: Result, data: dict[str, Any]) -> None:
    """Replace the packet's documents, fields and findings with ``result``."""
    session.execute(delete(FieldRow).where(FieldRow.packet_id == packet_id))
    session.execute(delete(FindingRow).where(FindingRow.packet_id == packet_id))
    session.execute(delete(DocumentRow).where(DocumentRow.packet_id == packet_id))
    for idx, doc in enumerate(result.documents):
        row = DocumentRow(packet_id=packet_id, idx=idx, file=doc.file, sha256=doc.sha256,
                          pages=list(doc.pages), doc_type=doc.doc_type,
                          doc_type_confidence=doc.doc_type_confidence, ocr=doc.ocr,
                          text_confidence=doc.text_confidence)
        session.add(row)
        session.flush()
        for name, fv in doc.fields.items():
            session.add(_field_row(packet_id, row.id, None, None, name, fv))
        for entry, items in (doc.entries or {}).items():
            for i, item in enumerate(items):
                for name, fv in item.items():
                    session.add(_field_row(packet_id, row.id, entry, i, name, fv))
    for idx, f in enumerate(result.findings):
        session.add(FindingRow(packet_id=packet_id, idx=idx, rule=f.rule, severity=f.severity,
                               field=f.field, message=f.message,
                               evidence=data["findings"][idx].get("evidence", {})))
    errors = sum(f.severity == "error" for f in result.findings)
    warnings = sum(f.severity == "warning" for f in result.findings)
    session.execute(update(Packet).where(Packet.id == packet_id).values(
        status="done", result=data, has_errors=errors > 0, error_count=errors,
        warning_count=warnings, updated_at=utcnow()))


def _field_row(packet_id: str, doc_id: int, entry: str | None, index: int | None, name: str,
               fv: Any) -> FieldRow:
    dumped = fv.model_dump(mode="json")
    return FieldRow(packet_id=packet_id, document_id=doc_id, entry=entry, entry_index=index,
                    name=name, value=dumped.get("value"), confidence=fv.confidence,
                    page=fv.page, bbox=list(fv.bbox) if fv.bbox else None)

