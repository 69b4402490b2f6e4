"""Visual rows of a CV: the unit entries are built from.

``build_lines`` gives segments (``Line``) in reading order; a CV entry's parts often sit on
one visual row as separate segments (employer at the left, dates at the right; a table's
date cell and content cell). A ``Row`` regroups the segments that share a row, keeps each
as a ``Cell`` and can map any character span of its text back to word boxes, so every
extracted value carries its page and bbox.

Right-aligned dates (and locations) are sometimes read as a separate column by the
column cutter when no full-width text crosses the gutter; ``build_rows`` puts a
date-only or place-only segment back on the row of the segment it faces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from credintake.extractor.date_ranges import (
    DASHES,
    OPEN_PATTERN,
    SIDE_PATTERN,
    find_date_ranges,
)
from credintake.extractor.dates import find_dates
from credintake.extractor.cv.lexicon import TITLE_WORDS
from credintake.extractor.cv.phrases import TITLE_NOUNS
from credintake.extractor.layout import Line, Page, Word

CELL_SEP = "\t"
SOFT_HYPHEN = "\u00ad"


@dataclass
class Cell:
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)


@dataclass
class Row:
    """Segments on one visual row of one page, left to right."""

    page: Page
    cells: list[Cell]
    block: int
    index: int = 0  # position in the document's row sequence
    _offsets: list[tuple[int, int, Word]] = field(default_factory=list, repr=False)
    _text: str = ""

    def __post_init__(self) -> None:
        self.cells.sort(key=lambda c: c.x0)
        self._reindex()

    def _reindex(self) -> None:
        parts: list[str] = []
        pos = 0
        self._offsets = []
        for ci, cell in enumerate(self.cells):
            if ci:
                parts.append(CELL_SEP)
                pos += len(CELL_SEP)
            for wi, w in enumerate(cell.words):
                if wi:
                    parts.append(" ")
                    pos += 1
                self._offsets.append((pos, pos + len(w.text), w))
                parts.append(w.text)
                pos += len(w.text)
        self._text = "".join(parts)

    def add(self, cell: Cell) -> None:
        self.cells.append(cell)
        self.cells.sort(key=lambda c: c.x0)
        self._reindex()

    @property
    def text(self) -> str:
        return self._text

    @property
    def words(self) -> list[Word]:
        return [w for c in self.cells for w in c.words]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def height(self) -> float:
        """Typical glyph height of the row (median word height): a font-size proxy."""
        return median(w.height for w in self.words)

    def words_in(self, start: int, end: int) -> list[Word]:
        return [w for a, b, w in self._offsets if a < end and start < b]

    def bbox(self, start: int = 0, end: int | None = None) -> tuple[float, float, float, float]:
        words = self.words_in(start, len(self._text) if end is None else end) or self.words
        return (min(w.x0 for w in words), min(w.top for w in words),
                max(w.x1 for w in words), max(w.bottom for w in words))

    def conf(self, start: int = 0, end: int | None = None) -> float:
        words = self.words_in(start, len(self._text) if end is None else end) or self.words
        return min(w.conf for w in words)


_PLACE_ONLY = re.compile(r"^[A-Z][A-Za-z.'\- ]{1,30},\s*[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?$")
_PAGE_NO = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$", re.I)


def build_rows(pages: list[Page]) -> list[Row]:
    """All rows of the document in reading order, page by page."""
    rows: list[Row] = []
    running = _running_lines(pages)
    for page in pages:
        rows.extend(_page_rows(page, running))
    rows = _join_wrapped_ranges(rows)  # again across page ends
    for i, row in enumerate(rows):
        row.index = i
    return rows


def _running_lines(pages: list[Page]) -> set[tuple[int, str]]:
    """(page number, text) of running headers and footers: a line in the top or bottom
    7% of the page repeated (digits aside) on several pages. The first one is kept (on
    page 1 it is often the name)."""
    seen: dict[str, int] = {}
    out: set[tuple[int, str]] = set()
    for page in pages:
        if page.height <= 0:
            continue
        for ln in page.lines:
            top = ln.bbox[1]
            if 0.07 * page.height < top < 0.93 * page.height:
                continue
            key = re.sub(r"\d+", "#", ln.text.strip().lower())
            if key in seen and seen[key] != page.number:
                out.add((page.number, ln.text))
            seen.setdefault(key, page.number)
    return out


def _page_rows(page: Page, running: set[tuple[int, str]] | None = None) -> list[Row]:
    running = running or set()
    lines = [ln for ln in page.lines if ln.words and not _is_page_furniture(ln, page)
             and not _is_speck(ln) and (page.number, ln.text) not in running]
    rows: list[Row] = []
    for line in lines:
        words = _repaired(line.words)
        if not words:
            continue
        last = rows[-1] if rows else None
        if last is not None and last.block == line.block and _same_row(last, line):
            last.add(Cell(words))
        else:
            rows.append(Row(page, [Cell(words)], line.block))
    return _join_wrapped_ranges(_rejoin_table_columns(_rejoin_side_column(rows)))


_GLUED_OF = re.compile(r"^of(?=[A-Z][a-z])")
_CAMEL = re.compile(r"\b([A-Z][a-z]+)([A-Z][a-z]+)\b")
_JOB_WORDS = TITLE_WORDS | TITLE_NOUNS | {"team"}


def _unglue(m: re.Match[str]) -> str:
    """"StaffNurse" -> "Staff Nurse" when both halves are job-title words ("DeKalb",
    "McDonald" and "MacArthur" stay whole)."""
    a, b = m.group(1), m.group(2)
    return f"{a} {b}" if a.lower() in _JOB_WORDS and b.lower() in _JOB_WORDS else m.group()


def _repaired(words: list[Word]) -> list[Word]:
    """Words with their text repaired (mojibake is repaired by the PDF reader already):
    an "of" glued to the next word split off ("Bachelor ofScience", "College ofNursing":
    resume builders' PDFs that drop the space after a short word; so are two title
    words, "StaffNurse"), and the noncharacter U+FFFE that LaTeX-made PDFs leave for a
    line-end hyphen made a soft hyphen (a word cut there is joined again closed up). A
    word left empty is dropped."""
    out = []
    for w in words:
        text = w.text.replace("\ufffe", SOFT_HYPHEN)
        text = _CAMEL.sub(_unglue, _GLUED_OF.sub("of ", text)).strip()
        if text == w.text:
            out.append(w)
        elif text:
            out.append(Word(text, w.x0, w.top, w.x1, w.bottom, w.conf))
    return out


def _same_row(row: Row, line: Line) -> bool:
    top, bottom = line.bbox[1], line.bbox[3]
    overlap = min(bottom, row.bottom) - max(top, row.top)
    return overlap >= 0.5 * min(bottom - top, row.bottom - row.top)


def _is_side_only(row: Row) -> bool:
    """A row that is only a date range, a date, 'Present', or a 'City, ST' place."""
    if len(row.cells) != 1:
        return False
    text = row.text.strip()
    if _PLACE_ONLY.match(text) or re.fullmatch(OPEN_PATTERN, text, re.I):
        return True
    spans = [r.span for r in find_date_ranges(text)] or [(d.start, d.end) for d in find_dates(text)]
    return bool(spans) and sum(b - a for a, b in spans) >= 0.7 * len(text)


def _is_label(row: Row) -> bool:
    """A short lone row without digits: a heading in a dates-and-headings column."""
    text = row.text.strip()
    return (len(row.cells) == 1 and len(text.split()) <= 5 and not re.search(r"\d", text)
            and sum(c.isalpha() for c in text) >= 2)


def _rejoin_side_column(rows: list[Row]) -> list[Row]:
    """Fold a dates column back into the text it dates.

    The column cutter reads a narrow column of dates (and places, and the section headings
    printed in the same margin) as a block of its own. Such a block - only date-only,
    place-only and heading-like rows, at least two of them dated - is dissolved: a date or
    place joins the row it faces in the main block; a heading is put back in reading
    order at its height. A sidebar with real content (contact lines, skills, degrees)
    is not such a column and stays as it is.
    """
    side = {id(r) for r in rows if _is_side_only(r)}
    per_block: dict[int, list[Row]] = {}
    for r in rows:
        per_block.setdefault(r.block, []).append(r)
    columns = {b for b, rs in per_block.items()
               if sum(id(r) in side for r in rs) >= 2
               and all(id(r) in side or _is_label(r) for r in rs)}
    # a right margin that also holds the contact block: mostly dates, some other lines
    mixed = {b for b, rs in per_block.items() if b not in columns
             and sum(id(r) in side for r in rs) >= max(3, 0.5 * len(rs))}
    if not (columns | mixed) or len(columns | mixed) == len(per_block):
        return rows
    main = [r for r in rows if r.block not in columns | mixed]
    consumed: set[int] = set()
    loose: list[Row] = []
    for row in (r for r in rows if r.block in columns | mixed):
        partner = _facing(row, main) if id(row) in side else None
        if partner is not None:
            partner.add(row.cells[0])
            consumed.add(id(row))
        elif row.block in columns:
            loose.append(row)
    out = [r for r in rows if r.block not in columns and id(r) not in consumed]
    for row in loose:
        near = min(main, key=lambda m: (abs(m.top - row.top)))
        row.block = near.block
        at = next((k for k, m in enumerate(out) if m.block == near.block and m.top > row.top),
                  None)
        if at is None:
            at = max(k for k, m in enumerate(out) if m.block == near.block) + 1
        out.insert(at, row)
    return out


def _rejoin_table_columns(rows: list[Row]) -> list[Row]:
    """Put back together a table the column cutter split: a block to the right of
    another whose rows nearly all sit level with that block's rows (within 1.5 pt) is the
    right-hand columns of the same table rows ("2011 - 2014 | Residency" ... "Mayo Clinic
    | Rochester, MN"). Independent columns of a two-column CV rarely line up row for row."""
    blocks: dict[int, list[Row]] = {}
    for r in rows:
        blocks.setdefault(r.block, []).append(r)
    consumed: set[int] = set()
    relocate: list[Row] = []
    merged: set[int] = set()
    for b, right in blocks.items():
        if len(right) < 2:
            continue
        x0 = min(r.x0 for r in right)
        for a, left in blocks.items():
            if a == b or a in merged or b in merged or max(c.x1 for r in left for c in r.cells) > x0:
                continue
            pairs = [(r, _level(r, left)) for r in right]
            if sum(p is not None for _, p in pairs) < max(2, 0.8 * len(right)):
                continue
            top, bottom = min(r.top for r in right), max(r.bottom for r in right)
            span = [r for r in left if top - 2 <= r.top <= bottom + 2]
            if len({id(p) for _, p in pairs if p is not None}) < 0.7 * len(span):
                continue
            for r, partner in pairs:
                if partner is not None:
                    for cell in r.cells:
                        partner.add(cell)
                    consumed.add(id(r))
                else:
                    r.block = a
                    relocate.append(r)
            merged.add(b)
            break
    if not merged:
        return rows
    moved = {id(r) for r in relocate}
    out = [r for r in rows if id(r) not in consumed and id(r) not in moved]
    for r in relocate:
        at = next((k for k, m in enumerate(out) if m.block == r.block and m.top > r.top), None)
        if at is None:
            at = max((k for k, m in enumerate(out) if m.block == r.block), default=len(out) - 1) + 1
        out.insert(at, r)
    return out


def _level(row: Row, others: list[Row]) -> Row | None:
    best = min(others, key=lambda o: abs(o.top - row.top), default=None)
    return best if best is not None and abs(best.top - row.top) <= 1.5 else None


def _facing(row: Row, main: list[Row]) -> Row | None:
    """The main-block row level with ``row`` (centres within 1.2 line heights)."""
    mid = (row.top + row.bottom) / 2
    best, limit = None, 1.2 * (row.bottom - row.top)
    for other in main:
        distance = abs((other.top + other.bottom) / 2 - mid)
        if distance <= limit:
            best, limit = other, distance
    return best


_HANGING = re.compile(rf"{SIDE_PATTERN}\s*(?:[{DASHES}]+|\bto|\bthrough|\buntil)\s*$", re.I)
_LONE_SIDE = re.compile(SIDE_PATTERN, re.I)
_CONNECTOR_ONLY = re.compile(rf"[{DASHES}]+|to|through|until|thru", re.I)
_END_ONLY = re.compile(rf"^\s*(?:[{DASHES}]\s*)?(?:{SIDE_PATTERN}|\b{OPEN_PATTERN}\b)\s*$", re.I)


def _join_wrapped_ranges(rows: list[Row]) -> list[Row]:
    """'Jul 2015 –' over 'Present' in a narrow date column is one range: the end date's
    words join the cell above, and a row left empty disappears. 'April 2015' over a lone
    'to' over 'May 2015' (resume sites' date column) is read the same way."""
    drop: set[int] = set()
    for i, row in enumerate(rows):
        if id(row) in drop:
            continue
        for cell in row.cells:
            if _LONE_SIDE.fullmatch(cell.text.strip()) and i + 1 < len(rows):
                _take_connector(cell, row, rows[i + 1], drop)
            if not _HANGING.search(cell.text):
                continue
            for below in (r for r in rows[i + 1:i + 3] if id(r) not in drop):
                if not _follows(row, below):
                    break
                hit = next((c for c in below.cells if abs(c.x0 - cell.x0) <= 3 * row.height
                            and _END_ONLY.match(c.text)), None)
                if hit is not None:
                    _absorb(cell, row, below, hit, drop)
                    break
    return [r for r in rows if id(r) not in drop]


def _follows(row: Row, below: Row) -> bool:
    """``below`` is the next line of the same column: at the line spacing on the same
    page, or at the top of the next page when ``row`` ends its page (a date range broken
    by the page end, "February 1989" | "to" / "March 1993")."""
    if below.page is row.page:
        return below.top - row.bottom <= row.height
    page, next_page = row.page, below.page
    return (next_page.number == page.number + 1 and page.height > 0 and next_page.height > 0
            and row.bottom > 0.85 * page.height and below.top < 0.15 * next_page.height)


def _take_connector(cell: Cell, row: Row, below: Row, drop: set[int]) -> None:
    """Move a lone connector cell ('to', '–') right under a lone date into its cell."""
    if not _follows(row, below):
        return
    hit = next((c for c in below.cells if abs(c.x0 - cell.x0) <= 3 * row.height
                and _CONNECTOR_ONLY.fullmatch(c.text.strip())), None)
    if hit is not None:
        _absorb(cell, row, below, hit, drop)


def _absorb(cell: Cell, row: Row, below: Row, hit: Cell, drop: set[int]) -> None:
    """Move ``hit`` from the row below into ``cell``; an emptied row below is dropped."""
    cell.words.extend(hit.words)
    below.cells.remove(hit)
    row._reindex()
    if below.cells:
        below._reindex()
    else:
        drop.add(id(below))


def _is_speck(line: Line) -> bool:
    """A segment with fewer than two letters or digits ('|', '~', 'i'): what OCR makes of
    a fax streak or specks. Kept, it breaks a dates column into a column of mixed rows
    (so its dates are not put back beside their entries) and adds false cells to rows."""
    return sum(c.isalnum() for c in line.text) < 2


def _is_page_furniture(line: Line, page: Page) -> bool:
    """Page numbers at the very top or bottom of a page."""
    if not _PAGE_NO.match(line.text.strip()):
        return False
    top = line.bbox[1]
    return page.height <= 0 or top < 0.08 * page.height or top > 0.9 * page.height
