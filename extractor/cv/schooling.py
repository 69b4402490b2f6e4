"""Education entries read line by line, for sections whose entries are not each anchored
by a date (one-column resumes from resume sites, anonymised resumes): which line names a
degree, a school or a date, and which lines belong together."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from credintake.extractor.cv.lines import BULLET, Anchor, Entry, is_sentence
from credintake.extractor.cv.phrases import (
    SCHOOL_NOUNS,
    find_degree,
    find_place,
    org_run,
    placeholders,
    score,
)
from credintake.extractor.cv.rows import Row
from credintake.extractor.date_ranges import find_date_ranges
from credintake.extractor.dates import ParsedDate, find_dates


@dataclass
class _Group:
    """Rows of one education entry being read line by line, with what they named."""

    rows: list[int]
    degree: bool = False
    school: bool = False
    period: Anchor | None = None


def education_lines(rows: list[Row], anchors: dict[int, Anchor]) -> list[Entry] | None:
    """Education entries read line by line, for sections whose entries are not each
    anchored by a date (one-column resumes from resume sites: "Bachelor of Science :
    Nursing Lakeside College, City, State" dateless; a degree line over a school line with
    the date on either or on none). A row naming a degree, a school or a date joins the
    entry above when it is the next line and names what that entry still lacks, else it
    opens an entry; a row naming none of them (honours, a wrapped table cell indented to
    its column) stays with the entry above. None when this finds no more entries than the
    dates do, or every degree has an anchoring date: the date-anchored reading is kept."""
    left, right = min(r.x0 for r in rows), max(r.bbox()[2] for r in rows)
    groups: list[_Group] = []
    for i, row in enumerate(rows):
        if is_sentence(row.text) or BULLET.match(row.text):
            continue
        degree, school = names_degree(row.text), _names_school(row.text)
        period = anchors.get(i) or _short_date(row) or (
            _row_period(row) if degree or school else None)
        last = groups[-1] if groups else None
        wrapped = (i > 0 and not period and (not degree or _is_list(row.text))
                   and _wraps(rows[i - 1], row, right))  # a long line's run-on
        indented = row.x0 > left + 2 * row.height  # a table cell's second line
        joins = last is not None and last.rows[-1] == i - 1 and not (
            (degree and last.degree) or (school and last.school)
            or (period and last.period)) or (last is not None and (indented or wrapped))
        if last is not None and (joins or not (degree or school or period)):
            last.rows.append(i)
            last.degree, last.school = last.degree or degree, last.school or school
            last.period = last.period or period
        elif degree or school or period:
            groups.append(_Group([i], degree, school, period))
    groups = [g for g in groups if g.degree or g.school]
    dated = {id(a) for a in anchors.values()}
    unanchored = [g for g in groups if g.degree and id(g.period) not in dated]
    if len(groups) <= len(anchors) or not unanchored:
        return None
    return [Entry(rows[g.rows[0]:g.rows[-1] + 1],
                  g.period or Anchor(rows[g.rows[0]], None, None, False, (0, 0)))
            for g in groups]


# "Certifcate : Phlebotomy", "HS : Diploma Track": resume sites print an
# education line as "<degree> : <field>"
COLON_DEGREE = re.compile(r"^\s*[A-Z][\w.'’/()-]*(?: [\w.'’/()-]+){0,5} : \S")


def names_degree(text: str) -> bool:
    """A degree or program is named outside the line's place ("Boston, MA" is no M.A.)."""
    place = find_place(text)
    if place is not None:
        text = text[:place.start] + text[place.end:]
    return bool(find_degree(text) or COLON_DEGREE.match(text))


def _names_school(text: str) -> bool:
    """A school or training site: an organisation phrase that is not the training
    program itself ("Nurse Residency Program" names a degree, not a school)."""
    span = org_run(text, find_degree(text), SCHOOL_NOUNS)
    if span is None or re.search(r"(?i)residency|fellowship|internship", text[span[0]:span[1]]):
        return False
    return score(text[span[0]:span[1]]).org >= 2.0


def _wraps(above: Row, row: Row, right: float) -> bool:
    """``row`` continues ``above``: the line above runs to the right margin and this one
    follows at the line spacing (resume sites wrap long education lines)."""
    return (above.page is row.page and above.bbox()[2] >= right - 2 * above.height
            and 0 <= row.top - above.bottom < 0.8 * above.height)


def _is_list(text: str) -> bool:
    """A comma list ("Infusion training, BLS, ACLS, Stroke Certification"),
    placeholder commas ("City , State") aside."""
    for start, end, _ in reversed(placeholders(text)):
        text = text[:start] + text[end:]
    return text.count(",") >= 2


_MM_YY = re.compile(r"\s*(?P<m>0?[1-9]|1[0-2])/(?P<y>\d\d)\s*")


def _short_date(row: Row) -> Anchor | None:
    """A line that is only a month and a two-digit year ("06/90"): a graduation date."""
    m = _MM_YY.fullmatch(row.text)
    if m is None:
        return None
    year = 2000 + int(m.group("y"))
    year -= 100 if year > date.today().year + 5 else 0
    value = ParsedDate(f"{year}-{int(m.group('m')):02d}", "month", m.start("m"), m.end("y"))
    return Anchor(row, None, value, False, (m.start("m"), m.end("y")))


def _row_period(row: Row) -> Anchor | None:
    """A date printed anywhere on a long education line ("May, 2001 Prairie Grove
    University ..."), where ``find_anchor`` looks only at headline-length rows."""
    ranges = find_date_ranges(row.text)
    if ranges:
        r = ranges[0]
        return Anchor(row, r.start, r.end, r.current, r.span)
    dates = [d for d in find_dates(row.text) if "1940" <= d.value[:4] <= "2100"]
    if dates:
        return Anchor(row, None, dates[0], False, (dates[0].start, dates[0].end))
    return None
