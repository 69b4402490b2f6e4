"""Processors injected through ``settings.jobs.processor`` (the declared seam) to test the
service layer without waiting for OCR, and to simulate slow or failing processing.

``process`` makes one ``other`` document per file with its real sha256 and page count 1 and
an ``document.unclassified`` finding, so stored rows and exports can be asserted exactly.
``slow`` sleeps ``CI_FAKE_DELAY`` seconds first (crash tests kill a worker mid-packet);
a file named ``boom.pdf`` raises (failure and retry tests); ``stepwise`` reports progress
file by file.
"""

from __future__ import annotations

import hashlib
import os
import time
from datetime import date
from pathlib import Path

from credintake.contract import Document, FieldValue, Finding, Result
from credintake.settings import Settings


def process(path: Path, *, as_of: date, settings: Settings, packet_id: str | None = None
            ) -> Result:
    docs, findings = [], []
    files = sorted(p for p in Path(path).rglob("*") if p.is_file())
    for f in files:
        rel = f.relative_to(path).as_posix()
        if rel == "application.json":
            continue
        if f.name == "boom.pdf":
            raise RuntimeError("simulated processing failure")
        docs.append(Document(file=rel, sha256=hashlib.sha256(f.read_bytes()).hexdigest(),
                             pages=[1], doc_type="other", doc_type_confidence=0.0,
                             fields={"size": FieldValue(value=f.stat().st_size, confidence=1.0,
                                                        file=rel, page=1,
                                                        bbox=(1.0, 2.0, 3.0, 4.0))}))
        findings.append(Finding(rule="document.unclassified", severity="warning", field=None,
                                message="document type could not be determined",
                                evidence={"file": rel}))
    findings.append(Finding(rule="completeness.missing_document", severity="error",
                            message="a state license is required",
                            evidence={"doc_type": "state_license"}))
    return Result(packet_id=packet_id or Path(path).name, as_of=as_of.isoformat(),
                  service_version="test", documents=docs, findings=findings,
                  timings_ms={"total": 1.0})


def slow(path: Path, *, as_of: date, settings: Settings, packet_id: str | None = None
         ) -> Result:
    time.sleep(float(os.environ.get("CI_FAKE_DELAY", "2")))
    return process(path, as_of=as_of, settings=settings, packet_id=packet_id)


def hang(path: Path, *, as_of: date, settings: Settings, packet_id: str | None = None
         ) -> Result:
    """Never returns (a stuck OCR call); only the job deadline ends it."""
    while True:
        time.sleep(1)


def stepwise(path: Path, *, as_of: date, settings: Settings, packet_id: str | None = None,
             progress=None) -> Result:  # type: ignore[no-untyped-def]
    """Reads its files one by one, ``CI_FAKE_STEP`` seconds each, reporting progress as the
    real pipeline does (files read of files)."""
    files = sorted(p for p in Path(path).rglob("*") if p.is_file())
    for i, _ in enumerate(files):
        time.sleep(float(os.environ.get("CI_FAKE_STEP", "0.4")))
        if progress is not None:
            progress(i + 1, len(files))
    return process(path, as_of=as_of, settings=settings, packet_id=packet_id)


def from_application(path: Path, *, as_of: date, settings: Settings,
                     packet_id: str | None = None) -> Result:
    """``process``, with the profile taken as is from the packet's ``application.json``
    (providers across packets are matched on it) and no error finding when it says
    ``"application_id": "clean"``."""
    import json

    from credintake.contract import Application

    result = process(path, as_of=as_of, settings=settings, packet_id=packet_id)
    app_file = Path(path) / "application.json"
    if app_file.exists():
        data = json.loads(app_file.read_text())
        result.profile = Application.model_validate(data)
        if data.get("application_id") == "clean":
            result.findings = [f for f in result.findings if f.severity != "error"]
    return result
