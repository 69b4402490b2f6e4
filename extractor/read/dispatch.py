"""``read_file``: bytes in, pages out, every failure turned into a Problem (never raised)."""

from __future__ import annotations

from dataclasses import dataclass, field

from credintake.errors import InputFileError
from credintake.extractor.layout import Page
from credintake.extractor.read.registry import reader_for, sniff
from credintake.problems import Problem
from credintake.settings import Settings


@dataclass
class ReadOutcome:
    pages: list[Page] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_file(name: str, data: bytes, settings: Settings) -> ReadOutcome:
    """Read one file; a file or page that cannot be read becomes a Problem naming why."""
    if not data:
        return _unreadable(name, "the file is empty (0 bytes); ask the provider to send it again")
    if len(data) > settings.limits.max_file_bytes:
        return _unreadable(name, f"the file is larger than the {settings.limits.max_file_bytes}"
                                 "-byte limit; ask for a smaller scan or split it")
    kind = sniff(data)
    reader = reader_for(kind) if kind else None
    if reader is None:
        what = f"a {kind.upper()} file, which this installation cannot read" if kind else \
            "not a PDF, image (PNG, JPEG, TIFF) or Word (DOCX) file"
        return _unreadable(name, f"the file is {what}; ask for a PDF or image copy")
    try:
        pages = reader(name, data, settings)
    except InputFileError as exc:
        return _unreadable(name, str(exc), exc.page)
    problems = [Problem("unreadable", name, p.error, page=p.number) for p in pages if p.error]
    if not pages:
        problems.append(Problem("unreadable", name, "the file has no pages"))
    return ReadOutcome(pages=pages, problems=problems)


def _unreadable(name: str, reason: str, page: int | None = None) -> ReadOutcome:
    return ReadOutcome(problems=[Problem("unreadable", name, reason, page=page)])
