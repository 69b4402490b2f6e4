"""``read_file``: bytes in, pages out, every failure turned into a Problem (never raised)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from credintake.errors import InputFileError
from credintake.extractor.layout import Page
from credintake.extractor.read.registry import Planner, planner_for, reader_for, sniff
from credintake.problems import Problem
from credintake.settings import Settings

if TYPE_CHECKING:
    from credintake.pool import PagePool

log = logging.getLogger(__name__)


@dataclass
class ReadOutcome:
    pages: list[Page] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_file(name: str, data: bytes, settings: Settings,
              pool: PagePool | None = None) -> ReadOutcome:
    """Read one file; a file or page that cannot be read becomes a Problem naming why.
    With a ``pool``, the pages that need OCR are read in parallel across its workers."""
    if not data:
        return _unreadable(name, "the file is empty (0 bytes); ask the provider to send it again")
    if len(data) > settings.limits.max_file_bytes:
        return _unreadable(name, f"the file is larger than the {settings.limits.max_file_bytes}"
                                 "-byte limit; ask for a smaller scan or split it")
    kind = sniff(data)
    planner = planner_for(kind) if kind else None
    reader = reader_for(kind) if kind else None
    if planner is None and reader is None:
        what = f"a {kind.upper()} file, which this installation cannot read" if kind else \
            "not a PDF, image (PNG, JPEG, TIFF) or Word (DOCX) file"
        return _unreadable(name, f"the file is {what}; ask for a PDF or image copy")
    try:
        pages = _read_planned(planner, name, data, settings, pool) if planner else \
            reader(name, data, settings)
    except InputFileError as exc:
        return _unreadable(name, str(exc), exc.page)
    except Exception as exc:  # noqa: BLE001 - a reader bug must not lose the packet
        log.error("reader failed on a file: kind=%s error=%s", kind, type(exc).__name__)
        return _unreadable(name, f"the {kind.upper()} file could not be read ({type(exc).__name__}); "
                                 "ask the provider for another copy or review it by hand")
    problems = [Problem("unreadable", name, p.error, page=p.number) for p in pages if p.error]
    if not pages:
        problems.append(Problem("unreadable", name, "the file has no pages"))
    return ReadOutcome(pages=pages, problems=problems)


def _read_planned(planner: Planner, name: str, data: bytes, settings: Settings,
                  pool: PagePool | None) -> list[Page]:
    plan = planner(name, data, settings)
    todo = [i + 1 for i, page in enumerate(plan.pages) if page is None]
    calls = [(name, data, number, settings) for number in todo]
    if pool is None:
        done = [plan.read_page(*call) for call in calls]
    else:
        done = pool.map(plan.read_page, calls, on_lost=_lost_page)
    pages = list(plan.pages)
    for number, page in zip(todo, done):
        pages[number - 1] = page
    return [p for p in pages if p is not None]


def _lost_page(call: tuple[str, bytes, int, Settings]) -> Page:
    return Page(file=call[0], number=call[2], width=0, height=0, ocr=True,
                error="the worker reading this page died (out of memory or killed); "
                      "process the packet again or send a smaller scan")


def _unreadable(name: str, reason: str, page: int | None = None) -> ReadOutcome:
    return ReadOutcome(problems=[Problem("unreadable", name, reason, page=page)])
