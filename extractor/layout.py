"""The reading model every reader produces and every later stage consumes.

Coordinates are page points (1/72 inch) with the origin at the top-left corner, whatever
the source (text layer, OCR of a rendered page, DOCX flow). ``build_lines`` turns loose
words into lines in reading order: rows of words are cut into segments at wide gaps, and
a page region is split into columns only where a gutter runs the region's full height and
the two sides do not line up row for row (two-column CVs are read column by column, while
a label/value table keeps each row together).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from credintake.extractor.page_frame import FileFrame


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = 1.0  # 0..1; 1.0 for text layers

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class Line:
    """A horizontal run of words with no wide gap inside it."""

    words: list[Word]
    block: int = 0  # column block on the page, in reading order
    _bbox: tuple[float, float, float, float] | None = field(default=None, repr=False,
                                                            compare=False)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """The words' box, computed once: a line's words do not change after building."""
        if self._bbox is None:
            self._bbox = (min(w.x0 for w in self.words), min(w.top for w in self.words),
                          max(w.x1 for w in self.words), max(w.bottom for w in self.words))
        return self._bbox

    @property
    def conf(self) -> float:
        return min(w.conf for w in self.words)


@dataclass(slots=True)
class Page:
    """One page of one file as read; ``number`` is 1-based within the file."""

    file: str
    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    ocr: bool = False
    text_confidence: float | None = None
    error: str | None = None  # why the page could not be read, no document text
    # OCR'd pages that were deskewed or turned upright: how to map boxes back to the page
    # as stored (words and lines stay upright for the extractors); None = same frame.
    frame: FileFrame | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def build_lines(words: list[Word]) -> list[Line]:
    """Group words into lines in reading order (see the module docstring)."""
    words = [w for w in words if w.text.strip()]
    if not words:
        return []
    segments = _segments(_rows(words))
    ordered: list[list[Line]] = []
    _xy_cut(segments, ordered)
    lines: list[Line] = []
    for block, group in enumerate(ordered):
        for seg in group:
            seg.block = block
            lines.append(seg)
    return lines


def _rows(words: list[Word]) -> list[list[Word]]:
    """Cluster words whose vertical centres fall inside the same text row."""
    words = sorted(words, key=lambda w: (w.top + w.bottom) / 2)
    rows: list[list[Word]] = []
    row_mid = row_half = 0.0
    for w in words:
        mid, half = (w.top + w.bottom) / 2, max(w.height, 1.0) / 2
        if rows and abs(mid - row_mid) <= 0.6 * max(half, row_half):
            rows[-1].append(w)
            n = len(rows[-1])
            row_mid += (mid - row_mid) / n
            row_half = max(row_half, half)
        else:
            rows.append([w])
            row_mid, row_half = mid, half
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def _segments(rows: list[list[Word]]) -> list[Line]:
    """Cut each row where the gap between words is much wider than a space."""
    out: list[Line] = []
    for row in rows:
        h = median(w.height for w in row) or 1.0
        current = [row[0]]
        for prev, w in zip(row, row[1:]):
            if w.x0 - prev.x1 > 1.6 * h:
                out.append(Line(current))
                current = [w]
            else:
                current.append(w)
        out.append(Line(current))
    return out


def _xy_cut(segs: list[Line], out: list[list[Line]]) -> None:
    """Recursive cut: columns where a gutter separates independent text, else a band
    boundary (a header above two columns) that lets a column cut happen below it."""
    cut = _column_gutter(segs)
    if cut is not None:
        _xy_cut([s for s in segs if s.bbox[2] <= cut], out)
        _xy_cut([s for s in segs if s.bbox[0] >= cut], out)
        return
    for y in _row_gaps(segs)[:4]:
        above = [s for s in segs if s.bbox[3] <= y]
        below = [s for s in segs if s.bbox[1] >= y]
        if _column_gutter(above) is not None or _column_gutter(below) is not None:
            _xy_cut(above, out)
            _xy_cut(below, out)
            return
    out.append(sorted(segs, key=lambda s: (round(s.bbox[1] / 3), s.bbox[0])))


def _row_gaps(segs: list[Line]) -> list[float]:
    """Y positions of horizontal whitespace bands, widest first."""
    spans = sorted((s.bbox[1], s.bbox[3]) for s in segs)
    gaps: list[tuple[float, float]] = []
    reach = spans[0][1] if spans else 0.0
    for top, bottom in spans[1:]:
        if top > reach:
            gaps.append((top - reach, (top + reach) / 2))
        reach = max(reach, bottom)
    return [y for _, y in sorted(gaps, reverse=True)]


def _column_gutter(segs: list[Line]) -> float | None:
    """An x position no segment crosses, with enough text on both sides not aligned by row."""
    if len(segs) < 6:
        return None
    spans = sorted((s.bbox[0], s.bbox[2]) for s in segs)
    best: tuple[float, float] | None = None
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= 12 and (best is None or x0 - reach > best[1] - best[0]):
            best = (reach, x0)
        reach = max(reach, x1)
    if best is None:
        return None
    cut = (best[0] + best[1]) / 2
    left = [s for s in segs if s.bbox[2] <= cut]
    right = [s for s in segs if s.bbox[0] >= cut]
    if len(left) < 3 or len(right) < 3 or _rows_aligned(left, right):
        return None
    return cut


def _rows_aligned(left: list[Line], right: list[Line]) -> bool:
    """True when most left segments share a row with a right one: a table, not columns."""
    right_tops = [s.bbox[1] for s in right]
    paired = sum(1 for s in left if any(abs(s.bbox[1] - t) <= 2.5 for t in right_tops))
    return paired >= 0.6 * len(left)
