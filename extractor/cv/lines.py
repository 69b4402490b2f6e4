"""What a CV reader's entry is made of: the anchor (the period printed on a row), the
entry (its rows) and the look of a bullet or a sentence, shared by ``entries`` (date-
anchored entries, their fields) and ``schooling`` (education read line by line)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from credintake.extractor.cv.rows import Row
from credintake.extractor.dates import ParsedDate

# bullet glyphs, and what OCR makes of them ("¢", "«", "e ", "o ")
BULLET = re.compile(r"^\s*(?:[•·●○◦▪■□►▸‣⁃*➢✓»«¢°+\uf0b7\uf0a7\uf076\uf0d8-]|[eoa]\s(?=[A-Z]))\s*")
SMALL = frozenset({"of", "and", "in", "the", "at", "for", "to", "de", "la", "y", "on", "with"})


@dataclass
class Anchor:
    row: Row
    start: ParsedDate | None
    end: ParsedDate | None
    current: bool
    span: tuple[int, int]


@dataclass
class Entry:
    rows: list[Row]
    anchor: Anchor


def is_sentence(text: str) -> bool:
    """Prose (a bullet's description) rather than a headline: several lower-case words."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    lower = [w for w in words if w[0].islower() and w not in SMALL]
    return len(lower) >= 4


# "Grade A", "1st Division", "CGPA 3.4/4.0", "Marks: 812/1100", "78%", "First Class with
# Distinction": the result line under a degree (resumes from South Asia and the Gulf,
# designed resume templates); neither the school nor the degree
_GRADE = re.compile(
    r"(?i)\s*(?:(?:final\s+)?grade\s*:?\s*[A-F][+-]?\*?"
    r"|(?:1st|2nd|3rd|first|second|third)\s+(?:division|class)(?:\s+with\s+distinction)?"
    r"|c?gpa\s*:?\s*\d(?:\.\d+)?(?:\s*(?:/|out\s+of)\s*\d(?:\.\d+)?)?"
    r"|(?:marks|percentage|score|result)\s*:?\s*[\d.]+\s*(?:/\s*\d+|%)?"
    r"|\d{2,3}(?:\.\d+)?\s*%(?:\s+marks)?)\s*")


def is_grade(text: str) -> bool:
    """The whole line is a grade or result."""
    return _GRADE.fullmatch(text) is not None
