"""Registry of file readers keyed by the content kind sniffed from the bytes.

A reader turns one file into pages; a planner does the same page by page, so that pages
needing OCR can be spread over a process pool (``dispatch.read_file``). A reader (``extractor.layout.Page``). It raises
``InputFileError`` when the whole file cannot be read, and marks a single bad page with
``Page.error`` so that the rest of the file still counts. File names carry no meaning:
the kind comes from magic bytes (``sniff``).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from credintake.extractor.layout import Page
from credintake.settings import Settings

Reader = Callable[[str, bytes, Settings], list[Page]]
_READERS: dict[str, Reader] = {}

#: Reads one page alone (1-based): what a pool worker runs for a page that needs OCR.
PageReader = Callable[[str, bytes, int, Settings], Page]


@dataclass
class PagePlan:
    """A file's pages as far as they can be read cheaply in-process; ``None`` marks a page
    that still needs ``read_page`` (OCR), which the dispatcher may spread over a pool."""

    pages: list[Page | None]
    read_page: PageReader


Planner = Callable[[str, bytes, Settings], PagePlan]
_PLANNERS: dict[str, Planner] = {}

KINDS = ("pdf", "png", "jpeg", "tiff", "docx")


def register(kind: str) -> Callable[[Reader], Reader]:
    if kind not in KINDS:
        raise KeyError(f"unknown file kind {kind!r}; known: {list(KINDS)}")

    def wrap(fn: Reader) -> Reader:
        if kind in _READERS:
            raise ValueError(f"a reader for {kind!r} is already registered")
        _READERS[kind] = fn
        return fn

    return wrap


def reader_for(kind: str) -> Reader | None:
    return _READERS.get(kind)


def register_planner(kind: str) -> Callable[[Planner], Planner]:
    """Register a page-by-page reader; it takes precedence over a whole-file reader."""
    if kind not in KINDS:
        raise KeyError(f"unknown file kind {kind!r}; known: {list(KINDS)}")

    def wrap(fn: Planner) -> Planner:
        if kind in _PLANNERS:
            raise ValueError(f"a planner for {kind!r} is already registered")
        _PLANNERS[kind] = fn
        return fn

    return wrap


def planner_for(kind: str) -> Planner | None:
    return _PLANNERS.get(kind)


def sniff(data: bytes) -> str | None:
    """The file's kind from its leading bytes, or None when it is none we read."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):  # a zip (a DOCX, or an archive that may hold a PDF)
        return "docx" if _is_docx(data) else None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if b"%PDF-" in data[:1024]:  # readers accept junk before the header, as PDF viewers do
        return "pdf"
    return None


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False
