"""Cut a CV's rows into sections and name each one education, work_history or other.

Headings are found in two passes. Pass one takes rows whose whole text is a known
section name (``lexicon.SECTION_KINDS``, exact after normalisation or a near miss from
OCR). Their look — glyph height, capitals — is the CV's *heading style*. Pass two accepts
any other short, lone row drawn in that style ("HONORS AND AWARDS", "Clinical Research
Activities"), naming it by the section words it contains or ``other``. Without any known
heading, layout cues alone (larger type, capitals, a trailing colon) decide.

A known name in body style inside a section of the same kind ("Residency" as the first
line of an education entry) is content, not a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from rapidfuzz import fuzz, process

from credintake.extractor.cv.lexicon import (
    ORG_WORDS,
    OTHER_HEAD_WORDS,
    OUTLINE_WORDS,
    SECTION_KINDS,
    STRONG_ORG_WORDS,
    TITLE_HEADS,
)
from credintake.extractor.cv.phrases import TITLE_NOUNS, find_degree, find_place, score
from credintake.extractor.cv.rows import Row

_NAMES = sorted(SECTION_KINDS, key=len, reverse=True)
_LETTER_SPACED = re.compile(r"(?:\w +){3,}\w")
_SQUEEZED = {n.replace(" ", ""): n for n in SECTION_KINDS}
_OUTLINE = re.compile(r"^\s*(?:[A-Ha-h]|[IVX]{1,4}|\d{1,2})[.)]\s+"
                      r"(?P<rest>[A-Za-z][^\d,;:]*?)\s*:?\s*$")


@dataclass
class Section:
    kind: str  # "education" | "work_history" | "other" | "top" (before the first heading)
    heading: Row | None
    rows: list[Row] = field(default_factory=list)


def normalise(text: str) -> str:
    """'II. Professional Experience:' -> 'professional experience'."""
    t = text.replace("\t", " ").replace("&", " and ").replace("/", " and ").lower()
    if re.fullmatch(r"(?:[a-z] +){3,}[a-z]", t.strip()):  # letter-spaced "E X P E R I E N C E"
        squeezed = re.sub(r"\s+", "", t)
        t = _SQUEEZED.get(squeezed, squeezed)
    t = t.replace("\ufb01", "fi").replace("\ufb02", "fl")
    t = re.sub(r"^\W*(?:[ivx]{1,4}|\d{1,2}|[a-h])[.)]\s+", "", t)  # "II. ", "3) ", "A. "
    t = re.sub(r"[^a-z' ]+", " ", t)
    t = re.sub(r"\b(?:the|of|my)\b", " ", t) if len(t.split()) > 2 else t
    return " ".join(t.split())


def section_kind(text: str) -> tuple[str | None, bool]:
    """(kind, exact) for a heading text; kind None when it names no known section."""
    norm = normalise(text)
    if not norm:
        return None, False
    if norm in SECTION_KINDS:
        return SECTION_KINDS[norm], True
    if len(norm) >= 6:
        hit = process.extractOne(norm, _NAMES, scorer=fuzz.ratio, score_cutoff=90)
        if hit:
            return SECTION_KINDS[hit[0]], True
    words = norm.split()
    if len(words) <= 6:
        padded = f" {norm} "
        for name in _NAMES:
            if f" {name} " in padded:
                return SECTION_KINDS[name], False
        if any(w in OTHER_HEAD_WORDS for w in words):
            return "other", False
    return None, False


def _looks_like_heading_text(row: Row) -> bool:
    text = row.text.strip()
    if _LETTER_SPACED.fullmatch(text):
        text = re.sub(r"(?<=\w) (?=\w)", "", text)
    # two cells: OCR may split a heading at a garbled word ("PROWHSEZONAL | EXPERIENCE")
    if len(row.cells) > 2 or not text or len(text.split()) > 7 or len(text) > 60:
        return False
    if re.search(r"\d{3,}|@|\.\s*$", text) or text.count(",") > 1:
        return False
    return sum(c.isalpha() for c in text) >= 3


def _is_caps(row: Row) -> bool:
    letters = [c for c in row.text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def split_sections(rows: list[Row]) -> list[Section]:
    """Sections in reading order; rows before the first heading form a ``top`` section."""
    if not rows:
        return []
    rows = _split_side_headings(rows)
    body = median(r.height for r in rows)
    candidates = [r for r in rows if _looks_like_heading_text(r)]
    exact = [(r, *section_kind(r.text)) for r in candidates]
    exact = [(r, kind, is_exact) for r, kind, is_exact in exact
             if kind or len(r.cells) == 1]  # a split row must name a section
    known = [r for r, kind, is_exact in exact if kind and is_exact]
    styled = [r for r in known if _is_caps(r) or r.height >= 1.1 * body
              or r.text.rstrip().endswith(":")]
    style_rows = styled or known
    style_h = median(r.height for r in style_rows) if style_rows else None
    style_caps = bool(style_rows) and sum(_is_caps(r) for r in style_rows) >= 0.6 * len(style_rows)

    headings: dict[int, str] = {}
    current = "top"
    for row, kind, is_exact in exact:
        cue = _is_caps(row) or row.height >= 1.1 * body or row.text.rstrip().endswith(":")
        in_style = style_h is not None and abs(row.height - style_h) <= 0.06 * style_h and (
            _is_caps(row) == style_caps)
        if kind and is_exact:
            accept = in_style or cue or kind != current
        elif kind is not None and not _plain_name(row):
            accept = False
        elif style_h is not None:
            accept = in_style and (kind is not None or _style_distinct(row, body, style_h,
                                                                       style_caps))
            accept = accept or (kind is not None and kind != current
                                and _noisy_heading(row, style_h, style_caps))
            kind = kind or "other"
        else:
            accept = kind is not None and cue and (_is_caps(row) or row.height >= 1.1 * body)
        if accept and kind:
            headings[id(row)] = kind
            current = kind

    sections = [Section("top", None)]
    for row in rows:
        kind = headings.get(id(row))
        if kind:
            sections.append(Section(kind, row))
        elif not (sections[-1].kind in ("education", "work_history") and is_outline_heading(row)):
            sections[-1].rows.append(row)
    return [s for s in sections if s.heading is not None or s.rows]


def is_outline_heading(row: Row) -> bool:
    """A lettered or numbered sub-heading that names a part of its section ("A. Internship
    and Residencies", "II. Education", "3) Clinical Fellowships"): section structure, never
    an entry or a degree. A numbered entry ("1. Residency in Surgery, Mayo Clinic, 2015 -
    2018") has a date, a comma, an organisation or a place and stays content."""
    m = _OUTLINE.match(row.text.replace("\t", " "))
    if m is None:
        return False
    rest = m.group("rest")
    words = rest.lower().replace("/", " ").split()
    if not 1 <= len(words) <= 6 or find_place(rest) or score(rest).org >= 2.0:
        return False
    return section_kind(rest)[0] is not None or all(w in OUTLINE_WORDS for w in words)


def _split_side_headings(rows: list[Row]) -> list[Row]:
    """A heading printed in a left margin column, level with its section's first line
    ("Education | Master of Science in Nursing"): CVs with a headings column. A row whose
    leftmost cell is a known section name (OCR's near misses too), starting at the left
    text edge, becomes two rows, the heading and the content."""
    left = min(r.x0 for r in rows)
    out: list[Row] = []
    for row in rows:
        head = row.cells[0]
        if len(row.cells) >= 2 and head.x0 <= left + 2 and section_kind(head.text)[1] \
                and not find_degree(head.text):  # "Residency | Mayo Clinic" is a table row
            out.append(Row(row.page, [head], row.block, row.index))
            out.append(Row(row.page, row.cells[1:], row.block, row.index))
        else:
            out.append(row)
    return out


def _plain_name(row: Row) -> bool:
    """A row that merely contains a section word is a heading only if it reads like one:
    no comma list, a capitalised last word and no organisation or job noun ("Wound Nurse
    Consultant Services, Education" is a line of services, in resumes whose headings look
    like body text)."""
    words = set(normalise(row.text).split())
    letters = re.findall(r"[A-Za-z]+", row.text)
    return ("," not in row.text and bool(letters)
            and letters[-1][0].isupper()  # "Graduated with distinction" is a note
            and not words & (STRONG_ORG_WORDS | TITLE_NOUNS))


def _noisy_heading(row: Row, style_h: float, style_caps: bool) -> bool:
    """A row naming a section of another kind than the current one ("... Appointments"
    under EDUCATION, its first word garbled), at least as large as the known headings:
    a fax's glyph boxes vary too much (a quarter) for the exact style test."""
    return _is_caps(row) == style_caps and row.height >= 0.94 * style_h


def _style_distinct(row: Row, body: float, style_h: float, style_caps: bool) -> bool:
    """An unnamed heading needs a style that body text does not share (capitals, or a
    size clearly above the body's) and must not read like an employer or a job title."""
    words = set(normalise(row.text).split())
    if words & (ORG_WORDS | TITLE_HEADS) or find_degree(row.text) or find_place(row.text):
        return False
    if style_caps:
        return len(row.text.split()) <= 5
    return style_h >= 1.12 * body
