"""One packet in, the contract's Result out: read -> split/classify -> extract -> rules.

Every stage is a plain function over plain data, so the CLI, the API workers and the tests
call this same code. No stage raises for a bad input file: it becomes a Problem, the
Problem becomes a finding, and the rest of the packet is processed.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from credintake import __version__
from credintake.contract import Application, Document, Result
from credintake.extractor.fields import Extraction, extract
from credintake.extractor.fields.context import applicant
from credintake.extractor.layout import Page
from credintake.extractor.page_frame import restore_boxes
from credintake.extractor.read import read_file
from credintake.extractor.split import Segment, split_files
from credintake.models.field_confidence import calibrate_document
from credintake.api.lists.source import open_screening
from credintake.packet import InputFile, PacketInput, open_packet
from credintake.pool import PagePool
from credintake.problems import Problem
from credintake.rules import evaluate
from credintake.settings import Settings

log = logging.getLogger(__name__)

class _Timer:
    def __init__(self) -> None:
        self.ms: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.ms[name] = self.ms.get(name, 0.0) + (time.perf_counter() - start) * 1000


Progress = Callable[[int, int], None]


def process_packet(path: Path, *, as_of: date, settings: Settings,
                   packet_id: str | None = None, pool: PagePool | None = None,
                   progress: Progress | None = None) -> Result:
    """Process a packet directory or zip (see ``credintake.packet.open_packet``).
    With a ``pool``, pages that need OCR are spread across its worker processes;
    ``progress(files read, files)`` is called as reading (the OCR) goes."""
    timer = _Timer()
    with timer.stage("open"):
        packet = open_packet(path, settings.limits)
    if packet_id:
        packet.packet_id = packet_id
    return process_input(packet, as_of=as_of, settings=settings, timer=timer, pool=pool,
                         progress=progress)


def process_input(packet: PacketInput, *, as_of: date, settings: Settings,
                  timer: _Timer | None = None, pool: PagePool | None = None,
                  progress: Progress | None = None) -> Result:
    """Process files already in memory (the API and the workers enter here)."""
    timer = timer or _Timer()
    start = time.perf_counter()
    documents: list[Document] = []
    problems = _refused_as_documents(packet, documents)
    read = []
    for f in packet.files:
        read.append(_read(f, settings, timer, documents, problems, pool))
        if progress is not None:
            progress(len(read), len(packet.files))
    with timer.stage("classify"):
        segmented = split_files([pages for _, _, pages in read], settings.classifier)
    todo = [(f.name, sha, seg) for (f, sha, _), segs in zip(read, segmented) for seg in segs]
    documents += _extract_all(todo, packet.application, settings, timer, problems,
                              first_index=len(documents))
    with timer.stage("rules"), open_screening(settings) as screening:
        outcome = evaluate(documents, packet.application, problems, as_of=as_of,
                           settings=settings.rules, screening=screening)
    timer.ms["total"] = (time.perf_counter() - start) * 1000 + timer.ms.get("open", 0.0)
    # ids, counts and timings only: never names, numbers or text from the documents
    log.info("packet processed: files=%d documents=%d findings=%d problems=%d total_ms=%.0f",
             len(packet.files), len(documents), len(outcome.findings), len(problems),
             timer.ms["total"])
    return Result(packet_id=packet.packet_id, as_of=as_of.isoformat(),
                  service_version=__version__, documents=documents, profile=outcome.profile,
                  reconciliation=outcome.reconciliation, findings=outcome.findings,
                  timings_ms={k: round(v, 1) for k, v in timer.ms.items()})


def _read(f: InputFile, settings: Settings, timer: _Timer, documents: list[Document],
          problems: list[Problem], pool: PagePool | None) -> tuple[InputFile, str, list[Page]]:
    """Read one file: its readable pages; each unreadable file or page becomes a placeholder
    document with its problem."""
    sha = hashlib.sha256(f.data).hexdigest()
    with timer.stage("read"):
        outcome = read_file(f.name, f.data, settings, pool)
    for problem in outcome.problems:
        index = len(documents)
        documents.append(_placeholder(f.name, sha, [problem.page] if problem.page else []))
        problems.append(Problem(problem.kind, problem.file, problem.reason, problem.page, index))
    return f, sha, [p for p in outcome.pages if not p.error]


def _document(name: str, sha: str, seg: Segment, settings: Settings, timer: _Timer,
              problems: list[Problem], index: int) -> Document:
    doc_type, confidence = seg.doc_type, seg.confidence
    if confidence < settings.classifier.min_confidence:
        problems.append(Problem("unclassified", name,
                                f"the document's type could not be determined (best guess "
                                f"{doc_type}, probability {confidence:.2f})",
                                seg.pages[0].number, index))
        doc_type = "other"
    with timer.stage("extract"):
        extraction = _safe_extract(doc_type, seg, name, problems, index, settings)
    problems.extend(Problem(n.kind, name, n.reason, n.page, index)  # type: ignore[arg-type]
                    for n in extraction.notices)
    restore_boxes(extraction.values(),
                  {(p.file, p.number): p.frame for p in seg.pages if p.frame is not None})
    quality = _text_confidence(seg.pages)
    calibrate_document(doc_type, extraction.fields, extraction.entries, text_confidence=quality,
                       ocr=any(p.ocr for p in seg.pages), settings=settings.confidence)
    if quality is not None and quality < settings.ocr.unreadable_text_confidence:
        problems.append(Problem("unreadable", name,
                                f"the OCR confidence is too low ({quality:.2f}) for the values "
                                "to be trusted; ask the provider for a clearer copy",
                                seg.pages[0].number, index))
    return Document(file=name, sha256=sha, pages=[p.number for p in seg.pages],
                    doc_type=doc_type, doc_type_confidence=round(confidence, 4),
                    ocr=any(p.ocr for p in seg.pages),
                    text_confidence=quality,
                    fields=extraction.fields, entries=extraction.entries)


def _safe_extract(doc_type: str, seg: Segment, name: str, problems: list[Problem],
                  index: int, settings: Settings) -> Extraction:
    """Fields of one document; an extractor failure costs that document's fields only."""
    try:
        return extract(doc_type, seg.pages, scorer=settings.field_scorer)
    except Exception as exc:  # noqa: BLE001 - one odd document must not lose the packet
        log.error("extractor failed: doc_type=%s error=%s", doc_type, type(exc).__name__)
        problems.append(Problem("unreadable", name,
                                f"the {doc_type.replace('_', ' ')}'s fields could not be "
                                f"extracted ({type(exc).__name__}); enter them by hand",
                                seg.pages[0].number, index))
        return Extraction()


def _extract_all(todo: list[tuple[str, str, Segment]], application: Application,
                 settings: Settings, timer: _Timer, problems: list[Problem],
                 first_index: int) -> list[Document]:
    """Documents in packet order, CVs extracted first: without a typed name, the CV's name
    tells extractors which row of a board's search-results printout (several licensees
    with one surname) is the applicant's."""
    order = sorted(range(len(todo)), key=lambda i: todo[i][2].doc_type != "cv")
    done: dict[int, Document] = {}
    name = _applicant_name(application)
    for i in order:
        file, sha, seg = todo[i]
        with applicant(name):
            doc = _document(file, sha, seg, settings, timer, problems, first_index + i)
        if name is None and doc.doc_type == "cv" and "name" in doc.fields:
            name = str(doc.fields["name"].value)
        done[i] = doc
    return [done[i] for i in range(len(todo))]


def _applicant_name(application: Application) -> str | None:
    person = application.provider
    if person is None:
        return None
    name = " ".join(p for p in (person.first_name, person.middle_name, person.last_name) if p)
    return name or None


def _text_confidence(pages: list[Page]) -> float | None:
    values = [p.text_confidence for p in pages if p.text_confidence is not None]
    return round(sum(values) / len(values), 4) if values else None


def _refused_as_documents(packet: PacketInput, documents: list[Document]) -> list[Problem]:
    """The packet's problems, each refused file's tied to a placeholder document of its own."""
    problems = []
    for problem in packet.problems:
        sha = packet.refused.get(problem.file)
        if sha is not None and problem.document_index is None:
            problem = Problem(problem.kind, problem.file, problem.reason, problem.page,
                              len(documents))
            documents.append(_placeholder(problem.file, sha, []))
        problems.append(problem)
    return problems


def _placeholder(name: str, sha: str, pages: list[int]) -> Document:
    """An unreadable file or page still appears as a document, typed ``other``."""
    return Document(file=name, sha256=sha, pages=pages, doc_type="other",
                    doc_type_confidence=0.0, ocr=False, fields={})
