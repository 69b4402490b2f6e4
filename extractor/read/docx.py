"""Word (DOCX) reader: the text as written, laid out on pseudo-pages so extractors work unchanged.

A DOCX has no pages or coordinates, only a flow of paragraphs and tables. The reader walks
the body in order (paragraphs AND tables, as they appear) and writes each visual row as if
it were printed: one row per paragraph (a line break in the paragraph starts a new row),
one row per table row with each cell a separate segment at its column's position, and tab
stops ("Chief Resident<TAB>2016 - 2018") also cut a row into segments, which is how CVs
right-align their dates. Segments are ``Line``s sharing a ``top``; words get pseudo
coordinates (10 pt text, 5 pt per character, 14 pt line pitch) and rows are cut into
pseudo-pages of ``LINES_PER_PAGE`` rows. No OCR: ``conf`` is 1.0 and ``ocr`` is False.

The first section's header is read before the body (CVs put name and contact there).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from io import BytesIO

from docx import Document
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from credintake.errors import InputFileError
from credintake.extractor.layout import Line, Page, Word
from credintake.extractor.read.registry import register
from credintake.settings import Settings

LINES_PER_PAGE = 50
FONT_PT = 10.0
CHAR_PT = 5.0
PITCH_PT = 14.0
MARGIN_PT = 72.0
COLUMN_GAP_PT = 36.0  # far wider than the 1.6 x height that separates segments
PAGE_W, PAGE_H = 612.0, 792.0

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile("[\u00a0\u2007\u202f]")

Row = list[tuple[int, str]]  # (column index, segment text)


@register("docx")
def read_docx(name: str, data: bytes, settings: Settings) -> list[Page]:
    """Pseudo-pages of a Word file; raises ``InputFileError`` when it cannot be opened."""
    _check_zip(data, settings)
    try:
        rows = _document_rows(data)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx is not hardened against malformed
        # packages: it raises AttributeError, KeyError, lxml errors... all mean "damaged".
        raise InputFileError("the Word file is damaged or not a DOCX document "
                             f"({type(exc).__name__}); ask for a PDF copy") from None
    pages = _paginate(name, rows)
    if not pages:
        return [Page(file=name, number=1, width=PAGE_W, height=PAGE_H,
                     error="the Word file contains no text (perhaps only pictures); "
                           "ask for a PDF or a scan of the document")]
    if len(pages) > settings.limits.max_pages_per_file:
        raise InputFileError(f"the Word file runs to {len(pages)} pages, more than the limit of "
                             f"{settings.limits.max_pages_per_file}; ask for a shorter file")
    return pages


def _document_rows(data: bytes) -> list[tuple[Row, list[float]]]:
    try:
        document = Document(BytesIO(data))
    except KeyError:  # a relationship names a part that is not there: try the repair below
        document = Document(BytesIO(_with_forward_slashes(data)))
    rows: list[tuple[Row, list[float]]] = []
    if document.sections:
        header = document.sections[0].header
        if not header.is_linked_to_previous:
            rows.extend(_flow_rows(header.iter_inner_content()))
    rows.extend(_flow_rows(document.iter_inner_content()))
    return rows


def _with_forward_slashes(data: bytes) -> bytes:
    """The package with backslashes in relationship targets turned into slashes.

    Some Word exporters (resume builders, online converters) write targets such as
    ``media\\image1.jpg``; Word resolves them, python-docx looks for a part of that literal
    name and fails, which would lose the whole CV over a picture."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith(".rels"):
                content = re.sub(rb'Target="([^"]*)"',
                                 lambda m: b'Target="' + m.group(1).replace(b"\\", b"/") + b'"',
                                 content)
            target.writestr(info, content)
    return out.getvalue()


def _check_zip(data: bytes, settings: Settings) -> None:
    """A DOCX is a zip: refuse one that would expand past the configured limits."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise InputFileError("the Word file is damaged (not a valid zip container); "
                             "ask for a PDF copy") from None
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if (len(infos) > settings.limits.max_zip_members
            or total > settings.limits.max_zip_uncompressed_bytes
            or (total > 10 * 1024 * 1024 and total / packed > settings.limits.max_zip_ratio)):
        raise InputFileError("the Word file expands far beyond its size (possibly a zip bomb); "
                             "ask for a PDF copy")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", text))


def _paragraph_rows(paragraph: Paragraph) -> Iterator[Row]:
    """One row per visual line; tabs cut it into segments (columns 0, 1, 2...)."""
    for line in _clean(paragraph.text).split("\n"):
        parts = [p.strip() for p in line.split("\t")]
        row = [(i, p) for i, p in enumerate(x for x in parts if x)]
        if row:
            yield row


def _cell_lines(cell: _Cell) -> list[str]:
    lines: list[str] = []
    for block in cell.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.extend(" ".join(seg for _, seg in row) for row in _paragraph_rows(block))
        else:
            for sub_row, _ in _table_rows(block):
                lines.append(" ".join(seg for _, seg in sub_row))
    return lines


def _table_rows(table: Table) -> Iterator[tuple[Row, list[float]]]:
    """Each table row as rows of cell segments; a cell's k-th line goes to the k-th row."""
    grid: list[list[list[str]]] = []
    for tr in table.rows:
        seen: set[int] = set()
        cells: list[list[str]] = []
        for cell in tr.cells:  # a merged cell repeats: read it once
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_lines(cell))
        grid.append(cells)
    ncols = max((len(r) for r in grid), default=0)
    widths = [0.0] * ncols
    for cells in grid:
        for j, lines in enumerate(cells):
            widths[j] = max([widths[j], *(len(t) * CHAR_PT for t in lines)])
    starts, x = [], MARGIN_PT
    for w in widths:
        starts.append(x)
        x += w + COLUMN_GAP_PT
    for cells in grid:
        depth = max((len(c) for c in cells), default=0)
        for k in range(depth):
            row = [(j, c[k]) for j, c in enumerate(cells) if k < len(c) and c[k].strip()]
            if row:
                yield row, starts


def _flow_rows(blocks: Iterator[Paragraph | Table]) -> Iterator[tuple[Row, list[float]]]:
    for block in blocks:
        if isinstance(block, Paragraph):
            for row in _paragraph_rows(block):
                yield row, []
        else:
            yield from _table_rows(block)


def _segment_words(text: str, x: float, top: float) -> list[Word]:
    words: list[Word] = []
    for token in text.split():
        x1 = x + len(token) * CHAR_PT
        words.append(Word(text=token, x0=x, top=top, x1=x1, bottom=top + FONT_PT, conf=1.0))
        x = x1 + CHAR_PT
    return words


def _paginate(name: str, rows: list[tuple[Row, list[float]]]) -> list[Page]:
    pages: list[Page] = []
    for start in range(0, len(rows), LINES_PER_PAGE):
        lines: list[Line] = []
        width = PAGE_W
        for i, (row, starts) in enumerate(rows[start:start + LINES_PER_PAGE]):
            top = MARGIN_PT + i * PITCH_PT
            x = MARGIN_PT
            for column, text in row:
                if starts:
                    x = max(x, starts[column])
                words = _segment_words(text, x, top)
                if not words:
                    continue
                lines.append(Line(words))
                x = words[-1].x1 + COLUMN_GAP_PT
                width = max(width, x + MARGIN_PT)
        words = [w for line in lines for w in line.words]
        pages.append(Page(file=name, number=len(pages) + 1, width=width, height=PAGE_H,
                          words=words, lines=lines, ocr=False, text_confidence=1.0))
    return pages
