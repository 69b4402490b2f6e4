"""Cut a CV section into entries and read each entry's fields.

An entry is anchored by its period: a row holding a date range (``2015 – Present``), or
in education a single graduation date. Where the rest of the entry sits relative to that
row varies by CV (dates on the employer's row at the right, in a left date column, on
their own line under the title...), so it is measured per section, not assumed:

1. If vertical white space splits the section into blocks with exactly one anchor each,
   the blocks are the entries.
2. Otherwise the number of headline rows printed *before* the first anchor (``lead``) is
   taken as the section's pattern: each entry starts ``lead`` rows above its anchor
   (stopping early at bullets, long sentences or wide gaps) and runs to the next start.

An education section whose degrees are not each dated is read line by line instead
(``schooling``). Within an entry only headline rows are read (not bullets or
sentences); they are cut into fragments at separators and commas and the fragments
scored by ``phrases``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from credintake.contract import FieldValue
from credintake.extractor.cv.lexicon import COLUMN_HEADINGS
from credintake.extractor.cv.phrases import (
    SCHOOL_NOUNS,
    TITLE_NOUNS,
    Place,
    Scores,
    find_degree,
    find_place,
    is_title,
    org_run,
    placeholders,
    score,
)
from credintake.extractor.cv.lines import BULLET, Anchor, Entry, is_grade, is_sentence
from credintake.extractor.cv.rows import SOFT_HYPHEN, Row
from credintake.extractor.cv.schooling import COLON_DEGREE, education_lines, names_degree
from credintake.extractor.cv.sections import normalise
from credintake.extractor.date_ranges import DASHES, SIDE_PATTERN, find_date_ranges, parse_side
from credintake.extractor.dates import ParsedDate, find_dates

Fields = dict[str, FieldValue]

_OPEN_END = re.compile(rf"(?P<start>{SIDE_PATTERN})\s*[{DASHES}]+\s*(?=\t|$)", re.I)
_SEPARATORS = re.compile(r"\t|\s+[|•·]\s+|[|•·;]|\s+[–—-]\s+|\s{2,}|[()\[\]]|\s+@\s+")
_AT = re.compile(r"\s+at\s+(?=[A-Z])")  # "Hospitalist at Mercy" but not "University of Texas at Austin"
_PROGRAM_FIRST = re.compile(
    r"(?i)(?:residency|fellowship|internship)(?:\s+program)?\s*(?:in\b|,|:|-|–)\s*(?P<p>.+)")
_PROGRAM_LAST = re.compile(r"(?i)(?P<p>.+?)\s+(?:residency|fellowship|internship)(?:\s+program)?")
_MAX_HEADLINE_WORDS = 16
_TAIL_DATE = re.compile(rf"(?:^|(?<=\s)){SIDE_PATTERN}\s*$", re.I)
_DATE_PAIR = re.compile(rf"(?P<a>{SIDE_PATTERN})\s+(?P<b>{SIDE_PATTERN}|present|current|now)\s*$", re.I)
_PIPE_END = re.compile(r"\|\s*$")
_PIPED_DATE = re.compile(rf"\|\s*(?P<d>{SIDE_PATTERN})(?=\s+[A-Z]|\s*$)", re.I)
# "Bachelor of Science : Biology , 5 2006": a resume site's month and year
# whose slash its PDF lost, printed after a comma (or the field's colon) at the line end
_SPACED_MONTH = re.compile(r"(?<=[,:]\s)(?P<m>0?[1-9]|1[0-2])\s(?P<y>(?:19|20)\d\d)\s*$")
# "Full-time", "Per diem", "Night shift": the terms of a job, printed where its title may be
_TERMS = re.compile(r"(?i)(?:full|part)[\s-]*time|per[\s-]+diem|contract(?:ual)?|temporary"
                    r"|permanent|remote|hybrid|on[\s-]?site|(?:day|night|rotating)\s+shifts?")
# A company's legal form printed after its name and a comma; the dotted "P.A.", "S.C." only
# (a bare "PA", "SC" after a comma is a state)
_LEGAL_FORM = re.compile(r"(?:Inc|INC|Incorporated|LLC|L\.L\.C|PLLC|LLP|Ltd|LTD|Limited|Corp|"
                         r"P\.\s?C|PC|P\.\s?A|S\.\s?C|N\.\s?A|GmbH)\.?(?=$|[\s,;|)\]\t])")
# A postgraduate trainee's position printed where a program's degree would be (institutional
# CVs list "Intern, Internal Medicine" / "Fellow, Critical Care" under postgraduate training)
_TRAINEE_POSITION = re.compile(
    r"(?i)(?:(?:[A-Z][\w/&-]*\s+){0,4})?(?:chief\s+|senior\s+|junior\s+)?"
    r"(?:intern|sub-?intern|resident|fellow|registrar)(?:\s*\(?PGY-?\d\)?)?")
# "1. ", "iv) ", "b) ": a letter or a lone "I" only with ")", as "B. Braun", "A. I. duPont"
# are names that open with an initial
_LIST_MARKER = re.compile(r"\s*(?:\d{1,2}[.)]|(?:ii|iii|iv|vi{0,3}|ix|xi{0,3})\.|"
                          r"(?:II|III|IV|VI{0,3}|IX|XI{0,3})\.|[ivxIVX]{1,4}\)|[a-hA-H]\))\s+(?=[A-Z])")
_CONNECTOR_START = re.compile(r"(?:of|and|for|at|in|on|the|de|del|&)\s+\S")
_OPEN_WORD = re.compile(r"(?i)present|current(?:ly)?|nowadays|now|today|ongoing|to date|date")


@dataclass
class Fragment:
    row: Row
    start: int
    end: int
    more: tuple[Fragment, ...] = ()  # the same table cell wrapped onto the rows below

    @property
    def text(self) -> str:
        """The fragment's words; a part cut at a soft hyphen joins the next one closed up."""
        out = self.row.text[self.start:self.end]
        previous: Fragment = self
        for part in self.more:
            hyphen = previous.row.text[previous.end:].strip() == SOFT_HYPHEN
            out += ("" if hyphen else " ") + part.text
            previous = part
        return out


# --- anchors -------------------------------------------------------------------------

def find_anchor(row: Row, kind: str) -> Anchor | None:
    """The period printed on ``row``, if the row is a headline that carries one."""
    text = row.text
    n_words = len(text.split())
    for r in find_date_ranges(text):
        if BULLET.match(text) and r.span[0] > 0.3 * len(text) \
                and not _PIPE_END.search(text[:r.span[0]]):
            continue  # a bullet's description, unless "• Title | 2019 – 2020 ..."
        if is_sentence(text[:r.span[0]] + " " + text[r.span[1]:_headline_end(text, r.span[1])]):
            continue
        if n_words > _MAX_HEADLINE_WORDS and not _at_edge(text, r.span) \
                and not _PIPE_END.search(text[:r.span[0]]):
            continue  # a sentence's dates, unless "Title | 2020 – 2022 Long Organisation"
        return Anchor(row, r.start, r.end, r.current, r.span)
    split = _from_to_cells(row)
    if split is not None:
        return split
    m = _OPEN_END.search(text)
    if m and n_words <= _MAX_HEADLINE_WORDS:  # "2019 –" : still there
        start = parse_side(m.group("start"), m.start("start"))
        if start is not None:
            return Anchor(row, start, None, True, m.span())
    single = _PIPED_DATE.search(text)
    if single and not is_sentence(text[:single.start()]):
        # "Research Lead | 2017 Surgery Interest Group": a one-year role;
        # "Doctor of Medicine | 2021 Lakeside School of Medicine": a graduation
        when = parse_side(single.group("d"), single.start("d"))
        if when is not None:
            start = when if kind == "work_history" else None
            return Anchor(row, start, when, False, single.span("d"))
    since = _dated_placeholder(text) if kind == "work_history" else None
    if since is not None:
        return Anchor(row, since, None, False, (since.start, since.end))
    spaced = _SPACED_MONTH.search(text)
    if kind == "education" and spaced:
        when = ParsedDate(f"{spaced.group('y')}-{int(spaced.group('m')):02d}", "month",
                          spaced.start(), spaced.end())
        return Anchor(row, None, when, False, spaced.span())
    if kind == "education" and n_words <= _MAX_HEADLINE_WORDS and not BULLET.match(text):
        dates = [d for d in find_dates(text) if "1940" <= d.value[:4] <= "2100"]
        if dates:
            d = dates[-1]
            return Anchor(row, None, d, False, (d.start, d.end))
    return None


def _dated_placeholder(text: str, placeholder_row: bool = False) -> ParsedDate | None:
    """'May 2001 Company Name City , State': an anonymised resume site's template prints
    a job still held, or one whose end it lost, as its start date before the employer
    placeholder. With ``placeholder_row`` the date stands alone on its line and the
    placeholder opens the next."""
    m = re.match(rf"\s*({SIDE_PATTERN})\s*$" if placeholder_row else rf"\s*({SIDE_PATTERN})\s",
                 text, re.I)
    if m is None:
        return None
    spans = placeholders(text)
    if not placeholder_row and not (spans and spans[0][2] == "org" and spans[0][0] - m.end(1) <= 3):
        return None
    return parse_side(m.group(1), m.start(1))


def _headline_end(text: str, end: int) -> int:
    """Where the headline part after a period ends: at the place placeholder of a resume
    site's "March 2010 to June 2013 Company Name City , State Ran the ..." (the
    description that the template runs on into the same line is no sentence of the
    headline), else at the end of the line."""
    spans = placeholders(text)
    if spans and spans[0][2] == "org" and 0 <= spans[0][0] - end <= 3:
        return spans[-1][1]
    return len(text)


def _from_to_cells(row: Row) -> Anchor | None:
    """A form's separate From and To columns: two neighbouring cells, each a date
    (the second may be 'Present')."""
    spans = _cell_spans(row)
    for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
        tail = _TAIL_DATE.search(row.text[a0:a1])  # the From date may touch the cell before
        if tail is None:
            continue
        a0 += tail.start()
        start = parse_side(row.text[a0:a1], a0)
        if start is None:
            continue
        end_text = row.text[b0:b1].strip()
        if _OPEN_WORD.fullmatch(end_text):
            return Anchor(row, start, None, True, (a0, b1))
        end = parse_side(row.text[b0:b1], b0)
        if end is not None and end.value[:4] >= start.value[:4]:
            return Anchor(row, start, end, False, (a0, b1))
    for a0, a1 in spans:  # From and To read into one cell (OCR, tight grids)
        m = _DATE_PAIR.search(row.text, a0, a1)
        if m is None:
            continue
        start = parse_side(m.group("a"), m.start("a"))
        if start is None:
            continue
        if _OPEN_WORD.fullmatch(m.group("b")):
            return Anchor(row, start, None, True, m.span())
        end = parse_side(m.group("b"), m.start("b"))
        if end is not None and end.value[:4] >= start.value[:4]:
            return Anchor(row, start, end, False, m.span())
    return None


def _cell_spans(row: Row) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for cell in row.cells:
        spans.append((pos, pos + len(cell.text)))
        pos += len(cell.text) + 1
    return spans


def _at_edge(text: str, span: tuple[int, int]) -> bool:
    head, tail = text[:span[0]].strip(" ,;:()[]\t"), text[span[1]:].strip(" ,;:()[].\t")
    return len(head.split()) <= 3 or len(tail.split()) <= 3


def _is_headline(row: Row) -> bool:
    text = row.text.strip()
    if BULLET.match(text) or is_sentence(text) or is_grade(text):
        return False
    return len(text.split()) <= _MAX_HEADLINE_WORDS and not re.search(r"[a-z]{3,}\.\s*$", text)


def _is_column_heading_row(row: Row) -> bool:
    cells = [normalise(c.text) for c in row.cells]
    return len(cells) >= 2 and all(c in COLUMN_HEADINGS for c in cells if c)


# --- segmentation --------------------------------------------------------------------

def segment(rows: list[Row], kind: str) -> list[Entry]:
    """Entries of one section (see the module docstring)."""
    rows = [r for r in rows if not _is_column_heading_row(r)]
    anchors = {i: a for i, r in enumerate(rows) if (a := find_anchor(r, kind)) is not None}
    if kind == "work_history":
        anchors |= _lone_start_dates(rows, anchors)
    if kind == "education":
        lines = education_lines(rows, anchors) if rows else None
        if lines is not None:
            return lines
    if not anchors:
        return []
    order = sorted(anchors)
    big = _big_gaps(rows)
    blocks = _blocks(rows, big)
    if len(blocks) >= 2 and all(sum(i in anchors for i in range(a, b)) == 1 for a, b in blocks):
        return [Entry(rows[a:b], anchors[next(i for i in range(a, b) if i in anchors)])
                for a, b in blocks]
    lead = min(_lead(rows, order[0], big), 3)
    starts: list[int] = []
    previous = -1
    for i in order:
        start = i
        while (start - 1 > previous and i - (start - 1) <= lead and _is_headline(rows[start - 1])
               and start not in big):
            start -= 1
        starts.append(start)
        previous = i
    starts[0] = min(starts[0], order[0])
    entries = []
    for n, (s, i) in enumerate(zip(starts, order)):
        end = starts[n + 1] if n + 1 < len(starts) else len(rows)
        entries.append(Entry(rows[s:end], anchors[i]))
    return entries


def _lone_start_dates(rows: list[Row], anchors: dict[int, Anchor]) -> dict[int, Anchor]:
    """'September 2015' alone over 'Company Name City , State Title': the template's
    start date of a job whose end it does not print."""
    out = {}
    for i, (row, below) in enumerate(zip(rows, rows[1:])):
        spans = placeholders(below.text)
        if i in anchors or not spans or spans[0][2] != "org" or spans[0][0] > 0:
            continue
        start = _dated_placeholder(row.text, placeholder_row=True)
        if start is not None:
            out[i] = Anchor(row, start, None, False, (start.start, start.end))
    return out


def _lead(rows: list[Row], first: int, big: set[int]) -> int:
    """Headline rows printed before the first anchor, counted from the last wide gap
    above it: a section whose heading OCR lost starts with the CV's header block (name,
    contact), which white space sets apart from the first entry."""
    begin = max((i for i in big if i <= first), default=0)
    return sum(1 for r in rows[begin:first] if _is_headline(r))


def _big_gaps(rows: list[Row]) -> set[int]:
    """Indexes of rows preceded by clearly more white space than the section's line gap."""
    gaps: dict[int, float] = {}
    for i in range(1, len(rows)):
        a, b = rows[i - 1], rows[i]
        if a.page is b.page and b.top >= a.bottom - 1:
            gaps[i] = b.top - a.bottom
    if len(gaps) < 2:
        return set()
    typical = median(gaps.values())
    height = median(r.height for r in rows)
    limit = max(typical * 1.6, typical + 0.35 * height)
    return {i for i, g in gaps.items() if g > limit}


def _blocks(rows: list[Row], big: set[int]) -> list[tuple[int, int]]:
    cuts = [0, *sorted(big), len(rows)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


# --- fields ---------------------------------------------------------------------------

def headline_rows(entry: Entry) -> list[Row]:
    """The anchor row, the headline rows above it and a few headline rows below: two
    when nothing is above, one when one row is, none when the entry already printed two
    lines before its dates (rows after that are the next entry's, or debris)."""
    idx = entry.rows.index(entry.anchor.row)
    picked = [r for r in entry.rows[:idx] if _is_headline(r) or _is_degree_line(r)]
    below = max(0, 2 - len(picked))
    picked.append(entry.anchor.row)
    for r in entry.rows[idx + 1: idx + 1 + below]:
        if not (_is_headline(r) or _is_degree_line(r)):
            break
        picked.append(r)
    return picked


def _is_degree_line(row: Row) -> bool:
    """A long line that names a degree and is no sentence: a resume site's run-on
    education line ("Continuing Education : Dementia Care ... Memory Care
    Association Missouri City , State"), a headline whatever its length."""
    return not (BULLET.match(row.text) or is_sentence(row.text)) and names_degree(row.text)


def fragments(row: Row, masked: list[tuple[int, int]]) -> list[Fragment]:
    """Pieces of ``row`` between separators, commas and masked spans."""
    text = row.text
    keep = [True] * len(text)
    for a, b in masked:
        for k in range(max(a, 0), min(b, len(text))):
            keep[k] = False
    for m in _SEPARATORS.finditer(text):
        for k in range(*m.span()):
            keep[k] = False
    marker = _LIST_MARKER.match(text)  # "1. Residency in ...": the list's number is no value
    for k in range(*(marker.span() if marker else (0, 0))):
        keep[k] = False
    for m in _AT.finditer(text):
        left = re.split(r"\t|[|•·;,]", text[:m.start()])[-1]
        if is_title(left):
            for k in range(*m.span()):
                keep[k] = False
    out: list[Fragment] = []
    k = 0
    while k < len(text):
        if not keep[k]:
            k += 1
            continue
        j = k
        while j < len(text) and keep[j]:
            j += 1
        out.extend(_comma_split(row, k, j))
        k = j
    return [f for f in out if sum(c.isalpha() for c in f.text) >= 2]


def _comma_split(row: Row, start: int, end: int) -> list[Fragment]:
    """Pieces between commas; a comma before a legal form ("Lakeside Health, Inc.",
    "Smith & Lee, P.C.") is inside the name it belongs to."""
    pieces: list[Fragment] = []
    pos = start
    for m in re.finditer(r",\s*", row.text[start:end]):
        if _LEGAL_FORM.match(row.text, start + m.end(), end):
            continue
        pieces.append(Fragment(row, pos, start + m.start()))
        pos = start + m.end()
    pieces.append(Fragment(row, pos, end))
    return [_trim(p) for p in pieces if row.text[p.start:p.end].strip()]


def _trim(f: Fragment) -> Fragment:
    s, e = f.start, f.end
    text = f.row.text
    while s < e and text[s] in " \t,;:-–—/\u00ad":
        s += 1
    while e > s and text[e - 1] in " \t,;:-–—/\u00ad":
        e -= 1
    return Fragment(f.row, s, e)


def value_of(frag: Fragment, value: object, confidence: float) -> FieldValue:
    row = frag.row
    boxes = [row.bbox(frag.start, frag.end)]
    conf = row.conf(frag.start, frag.end)
    for m in frag.more:
        if m.row.page is row.page:
            boxes.append(m.row.bbox(m.start, m.end))
            conf = min(conf, m.row.conf(m.start, m.end))
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))
    return FieldValue(value=value, confidence=round(confidence * conf, 3), file=row.page.file,
                      page=row.page.number, bbox=bbox, raw=frag.text)


def _dates(entry: Entry) -> Fields:
    a = entry.anchor
    out: Fields = {}
    row = a.row
    if a.start is not None:
        out["start_date"] = value_of(Fragment(row, a.start.start, a.start.end), a.start.value, 0.9)
    if a.end is not None:
        out["end_date"] = value_of(Fragment(row, a.end.start, a.end.end), a.end.value, 0.9)
    elif a.current:
        tail = _trim(Fragment(row, a.start.end if a.start else a.span[0], a.span[1]))
        out["end_date"] = value_of(tail, None, 0.9)
    return out


def _place_fields(places: list[tuple[Row, Place]], prefer: Row | None) -> Fields:
    if not places:
        return {}
    row, place = next(((r, p) for r, p in places if r is prefer), places[0])
    out: Fields = {}
    text = row.text
    state_end = place.end
    if place.city:
        comma = text.index(",", place.start) if "," in text[place.start:place.end] else None
        city_end = comma if comma is not None else place.start + len(place.city)
        out["city"] = value_of(Fragment(row, place.start, city_end), place.city, 0.8)
        state_start = city_end + 1
    else:
        state_start = place.start
    state_frag = _trim(Fragment(row, state_start, state_end))
    out["state"] = value_of(state_frag, place.state, 0.85)
    return out


@dataclass
class Headline:
    """An entry's headline read into fragments; ``anonymised`` when it printed an
    employer placeholder ("Company Name") where the organisation was."""

    frags: list[Fragment]
    places: list[tuple[Row, Place]]
    anonymised: bool


def _collect(entry: Entry) -> Headline:
    frags: list[Fragment] = []
    places: list[tuple[Row, Place]] = []
    anonymised = False
    previous: tuple[Row, list[Fragment]] | None = None
    right = _right_margin(entry.rows)
    for row in headline_rows(entry):
        masked = [r.span for r in find_date_ranges(row.text)]
        if row is entry.anchor.row:
            masked.append(entry.anchor.span)
            masked.append((_headline_end(row.text, entry.anchor.span[1]), len(row.text)))
        for start, end, kind in placeholders(row.text):
            masked.append((start, end))
            anonymised = anonymised or kind == "org"
        place = find_place(row.text)
        if place is not None:
            masked.append((place.start, place.end))
            places.append((row, place))
        own = fragments(row, masked)
        if previous is not None and row is not entry.anchor.row:
            above = previous[0]
            span = entry.anchor.span if above is entry.anchor.row else None
            own = _wrap_into(previous, row, own, frags, span)
            own = _run_on(previous, row, own, frags, right)
        frags.extend(own)
        previous = (row, own)
    return Headline(frags, places, anonymised)


def anonymised(entry: Entry) -> bool:
    """The entry printed a placeholder ("Company Name") where its employer was."""
    return _collect(entry).anonymised


def headline_fragments(entry: Entry) -> list[Fragment]:
    """The entry's headline text cut into fragments, dates, places and placeholders
    removed."""
    return _collect(entry).frags


def _wrap_into(previous: tuple[Row, list[Fragment]], row: Row, own: list[Fragment],
               frags: list[Fragment], masked: tuple[int, int] | None) -> list[Fragment]:
    """Fragments of ``row`` that continue a table cell of the row above (text wrapped
    because it reached the next column) are appended to that cell's fragment."""
    above, above_frags = previous
    if len(above.cells) < 2 or row.top - above.bottom > 0.6 * above.height:
        return own
    starts = [c.x0 for c in above.cells]
    left: list[Fragment] = []
    for f in own:
        x0 = row.bbox(f.start, f.end)[0]
        col = next((k for k, x in enumerate(starts) if abs(x - x0) <= 3), None)
        target = next((t for t in above_frags if col is not None
                       and abs(above.bbox(t.start, t.end)[0] - starts[col]) <= 3), None)
        if target is None or col is None or col + 1 >= len(starts):
            left.append(f)
            continue
        dated = set(map(id, above.words_in(*masked))) if masked else set()
        text_words = [w for w in above.cells[col].words if id(w) not in dated]
        t_x1 = max((w.x1 for w in text_words), default=above.cells[col].x1)
        nxt = [w.x0 for w in above.words if w.x0 > t_x1 + 1]
        first = row.words_in(f.start, f.end)[0]
        if not nxt or t_x1 + 0.25 * above.height + (first.x1 - first.x0) < min(nxt) - 2:
            left.append(f)  # it would have fitted on the row above: a new line, not a wrap
            continue
        gridded = len(above.cells) >= 3 or re.search(r"\b(?:of|in|and|for|at|&)$", target.text)
        if len(f.text.split()) > 3 or not (gridded or f.text[:1].islower()):
            left.append(f)  # a line of its own under a two-cell row, not a wrapped cell
            continue
        k = frags.index(target)
        frags[k] = Fragment(target.row, target.start, target.end, (*target.more, f))
        above_frags[above_frags.index(target)] = frags[k]
    return left


def _right_margin(rows: list[Row]) -> float:
    """The x where the entry's full lines end: the right end of its longest line when a
    line of running text (a sentence, a bullet) also ends there; else infinity (short
    headline lines of similar length do not wrap)."""
    right = max(r.bbox()[2] for r in rows)
    height = median(r.height for r in rows)
    flowing = [r for r in rows if (is_sentence(r.text) or BULLET.match(r.text))
               and r.bbox()[2] >= right - 1.5 * height]
    return right if flowing else float("inf")


def _run_on(previous: tuple[Row, list[Fragment]], row: Row, own: list[Fragment],
            frags: list[Fragment], right: float) -> list[Fragment]:
    """A one-column headline wrapped at the right margin ("... | 2015 – 2017 Department
    of Transplant" over "Surgery, Cedars Medical" over "Center, Los Angeles, CA": LaTeX
    CVs): the phrase cut at the line end goes on with the first phrase of the next line,
    which is known by the margin, or by the connector it opens with."""
    above, above_frags = previous
    if not (own and above_frags and len(above.cells) == 1 and len(row.cells) == 1):
        return own
    last, first = above_frags[-1], own[0]
    # a line opening with a lowercase connector ("of California - Santa Barbara") goes on
    # with the phrase above wherever that line ended: no phrase of its own starts so
    wrapped = above.bbox()[2] >= right - 1.5 * above.height or _CONNECTOR_START.match(row.text)
    if not wrapped or row.top - above.bottom > 0.8 * above.height \
            or above.text[last.end:].strip() not in ("", SOFT_HYPHEN) \
            or row.text[:first.start].strip():
        return own
    k = frags.index(last)
    frags[k] = Fragment(last.row, last.start, last.end, (*last.more, first))
    above_frags[-1] = frags[k]
    return own[1:]


def work_fields(entry: Entry) -> Fields:
    """employer, title, city, state, start_date, end_date, current of one job."""
    head = _collect(entry)
    frags, places = head.frags, head.places
    out = _dates(entry)
    out["current"] = value_of(_trim(Fragment(entry.anchor.row, *entry.anchor.span)),
                              entry.anchor.current, 0.9)
    if head.anonymised:
        return out | _anonymised_job(frags, entry.anchor.row)
    scored = [(f, score(f.text)) for f in frags]
    titles = [(f, s) for f, s in scored if s.title >= 2.5 and s.title > s.org]
    orgs = [(f, s) for f, s in scored if s.org >= 2.0 and s.org >= s.title]
    title = max(titles, key=lambda fs: fs[1].title - fs[1].org, default=None)
    employer = max(orgs, key=lambda fs: _org_rank(fs[0], fs[1].org), default=None)
    if title is not None and title[0].row is not entry.anchor.row:
        # "Northgate Pulmonary & Critical Care (2019 – Current)" over "Nurse Practitioner
        # - Eastside Hospital": the dated line names the employer, the title's line
        # its site or department (nurse practitioners' and nurses' CVs).
        dated = [(f, s) for f, s in scored if f.row is entry.anchor.row and s.org >= 1.0
                 and s.title < 2.5 and not find_degree(f.text)]
        employer = max(dated, key=lambda fs: fs[1].org, default=employer)
    if title is None and employer is not None:
        title = _title_by_position(entry, scored, employer[0])
    frag = None
    if employer is None:
        rest = [f for f, s in scored if (title is None or f is not title[0]) and s.title < 2.5
                and not find_degree(f.text) and not re.fullmatch(r"(?i)PGY-?\d+", f.text)]
        if rest:
            frag = rest[0]
            out["employer"] = value_of(frag, frag.text, 0.45)
    else:
        frag = _extend_org(employer[0], frags)
        out["employer"] = value_of(frag, frag.text, min(0.95, 0.55 + 0.08 * employer[1].org))
    if title is not None:
        out["title"] = value_of(title[0], title[0].text, min(0.95, 0.5 + 0.1 * title[1].title))
    out.update(_place_fields(places, employer[0].row if employer else None))
    city = _trailing_city(frag, frags) if frag is not None and not places else None
    if city is not None:
        out["city"] = value_of(city, city.text, 0.6)
    return out


def _title_by_position(entry: Entry, scored: list[tuple[Fragment, Scores]],
                       employer: Fragment) -> tuple[Fragment, Scores] | None:
    """The job title the lexicon does not know ("Ward In-charge"), read from where
    designed resume templates print it: under a dated employer line ("Mayo Hospital,
    Lahore   04/2019 - 09/2022" over "Ward In-charge"), on the dated line over the
    employer's, or over the employer's line when title, employer, place and dates are
    stacked (institutional CV templates). That line must hold one short phrase, no degree
    or number, and no organisation word unless a title noun ends it."""
    rows = headline_rows(entry)
    k = rows.index(entry.anchor.row)
    e = rows.index(employer.row) if employer.row in rows else -1
    if employer.row is entry.anchor.row and k + 1 < len(rows):
        other = rows[k + 1]
    elif k + 1 < len(rows) and employer.row is rows[k + 1]:
        other = entry.anchor.row
    elif 0 < e < k:
        # title / employer / place / dates stacked on four lines (institutional CV
        # templates): the line over the employer's
        other = rows[e - 1]
    else:
        return None
    phrases = [(f, s) for f, s in scored if f.row is other]
    if len(phrases) != 1:
        return None
    f, s = phrases[0]
    words = f.text.split()
    # "Outcomes Group Research Assistant": an organisation word inside, a title noun last
    named = s.org > 0 and words[-1].lower().strip(".,") not in TITLE_NOUNS
    if named or len(words) > 6 or re.search(r"\d", f.text) or find_degree(f.text) \
            or _TERMS.fullmatch(f.text.strip()):
        return None
    return f, s


def _trailing_city(employer: Fragment, frags: list[Fragment]) -> Fragment | None:
    """'St Mary Hospital, Springfield' / 'Mayo Hospital, Lahore, Pakistan': the phrase
    after the employer's comma is its city when no US place was found and it is a short
    capitalised name that reads as neither organisation nor title (designed resume
    templates and CVs from outside the US print the employer and its city this way)."""
    nxt = next((f for f in frags if f.row is employer.row and f.start >= employer.end), None)
    if nxt is None or employer.row.text[employer.end:nxt.start].strip() != ",":
        return None
    words = nxt.text.split()
    if not 1 <= len(words) <= 3 or re.search(r"\d", nxt.text) \
            or not all(w[:1].isupper() and not w.isupper() for w in words):
        return None
    s = score(nxt.text)
    return nxt if s.org == 0 and s.title == 0 else None


def _anonymised_job(frags: list[Fragment], anchor_row: Row) -> Fields:
    """The title of a job whose employer and place were replaced by placeholders: the
    employer and the place stay absent, and the headline's one remaining phrase is the
    title whatever it reads like ("Crisis Line Team Supervisor"); of
    several, a title nearest the dates."""
    scored = [(f, score(f.text)) for f in frags if not find_degree(f.text) or is_title(f.text)]
    if not scored:
        return {}
    anchor = anchor_row.index
    best = max(scored, key=lambda fs: (fs[1].title >= 2.5, -abs(fs[0].row.index - anchor),
                                       len(fs[0].text)))
    return {"title": value_of(best[0], best[0].text, 0.7)}


def education_fields(entry: Entry) -> Fields:
    """institution, degree, start_date, end_date of one education or training entry."""
    frags = _collect(entry).frags
    out = _dates(entry)
    degree: Fragment | None = None
    for f in frags:
        span = find_degree(f.text)
        if span is None:
            continue
        s = score(f.text)
        whole = s.org < 2.0 or (span[0] == 0 and _school_elsewhere(f, frags))
        cand = f if whole else Fragment(f.row, f.start + span[0], f.start + span[1])
        if degree is None or (cand.row is degree.row and len(cand.text) > len(degree.text)):
            degree = cand  # the first line's (a later one lists certifications, honours)
    if degree is None:  # "Resident, Internal Medicine": the trainee's position names the program
        degree = next((f for f in frags if _TRAINEE_POSITION.fullmatch(f.text.strip())), None)
    if degree is None:  # "Certifcate : Phlebotomy": the resume site's degree slot
        slot = next((f for f in frags if COLON_DEGREE.match(f.row.text[f.start:])), None)
        if slot is not None:
            degree = _trim(Fragment(slot.row, slot.start, slot.row.text.index(" : ", slot.start)))
    if degree is not None:
        degree = _with_specialty(degree, frags)
        out["degree"] = value_of(degree, program_name(degree.text), 0.8)
    orgs = [(f, score(f.text)) for f in frags if degree is None
            or not (f.start <= degree.start and degree.end <= f.end and f.row is degree.row)
            or score(f.text).org >= 2.0]
    orgs = [(f, s) for f, s in orgs if s.org >= 2.0 and s.org >= s.title]
    best = max(orgs, key=lambda fs: _org_rank(fs[0], fs[1].org), default=None)
    if best is not None:
        frag = _institution_of(best[0], degree)
        frag = _extend_org(frag, frags)
        out["institution"] = value_of(frag, frag.text, min(0.95, 0.55 + 0.08 * best[1].org))
    elif degree is not None:
        out.update(_school_fallback(frags, degree))
    return out


def _school_elsewhere(frag: Fragment, frags: list[Fragment]) -> bool:
    """Another line of the entry names the school, so an organisation word in a line that
    opens with the degree is its subject ("MS Health and Clinical Informatics" under the
    university's line, institutional CVs), not a school run into the degree line."""
    return any(f.row is not frag.row and score(f.text).org >= 2.0 and not find_degree(f.text)
               for f in frags)


def _school_fallback(frags: list[Fragment], degree: Fragment) -> Fields:
    """A school no organisation score found: a school noun inside a run-on line ("AST
    Degree : Graphic Design Art Institute of Denver"), else the phrase on the
    line under the degree ("Harbor Reed - City")."""
    for f in frags:
        skip = (degree.start - f.start, degree.end - f.start) if f.row is degree.row \
            and f.start <= degree.start < f.end else None
        run = org_run(f.text, skip, SCHOOL_NOUNS)
        if run is not None:
            return {"institution": value_of(Fragment(f.row, f.start + run[0], f.start + run[1]),
                                             f.text[run[0]:run[1]], 0.6)}
    other = [f for f in frags if f.row is not degree.row and score(f.text).title < 2.5
             and not find_degree(f.text) and not re.search(r"\d", f.text)]
    return {"institution": value_of(other[0], other[0].text, 0.4)} if other else {}


def _institution_of(frag: Fragment, degree: Fragment | None) -> Fragment:
    """The institution inside the fragment that names it: the fragment itself, or, when
    the fragment also holds the degree or runs on (one-line education entries of resume
    sites), the organisation phrase within it."""
    skip = None
    if degree is not None and frag.row is degree.row and frag.start <= degree.start < frag.end:
        skip = (degree.start - frag.start, degree.end - frag.start)
    if skip is None and len(frag.text.split()) <= 6 and not re.search(r"\d", frag.text):
        return frag
    run = org_run(frag.text, skip)
    if run is not None:
        return Fragment(frag.row, frag.start + run[0], frag.start + run[1])
    if skip is None:
        return frag
    return _trim(Fragment(frag.row, frag.start, degree.start)) if degree.start > frag.start \
        else _trim(Fragment(frag.row, degree.end, frag.end))


def _with_specialty(degree: Fragment, frags: list[Fragment]) -> Fragment:
    """'Residency' + ', Psychiatry', 'Fellow' + ', Critical Care' (cut apart at the comma)
    is one program."""
    if not re.fullmatch(r"(?i)(?:residency|fellowship|internship)(?: program)?", degree.text) \
            and not _TRAINEE_POSITION.fullmatch(degree.text):
        return degree
    nxt = next((f for f in frags if f.row is degree.row and f.start > degree.end), None)
    if nxt is None or degree.row.text[degree.end:nxt.start].strip() not in (",", ":", "-", "–"):
        return degree
    s = score(nxt.text)
    if s.org >= 2.0 or find_place(nxt.text) is not None:
        return degree
    return Fragment(degree.row, degree.start, nxt.end)


def program_name(degree: str) -> str:
    """A training program is recorded by its specialty, the way applications list it:
    'Residency in Internal Medicine', 'Residency, Psychiatry' and 'Psychiatry Residency'
    all give the program name; a degree ('Doctor of Medicine', 'MD') is kept as printed."""
    for rx in (_PROGRAM_FIRST, _PROGRAM_LAST):
        m = rx.fullmatch(degree.strip())
        if m and re.search(r"[A-Za-z]{3,}", m.group("p")):
            return m.group("p").strip(" ,:-–")
    return degree


def _org_rank(frag: Fragment, org: float) -> float:
    low = frag.text.lower()
    if re.match(r"(?:department|dept\.?|division|section|service) of\b", low):
        org -= 2.0
    if re.match(r"(?:accredited|affiliated|sponsored|approved|recognized|awarded) (?:by|with)\b",
                low):
        org -= 3.0  # a note about the school ("Accredited by Bay City College")
    return org


def _extend_org(frag: Fragment, frags: list[Fragment]) -> Fragment:
    """'University of California' + ', San Francisco' is one name."""
    if not re.match(r"(?i)university of \w+$", frag.text):
        return frag
    nxt = next((f for f in frags if f.row is frag.row and f.start > frag.end), None)
    if nxt is None or frag.row.text[frag.end:nxt.start].strip() != ",":
        return frag
    s = score(nxt.text)
    if s.org == 0 and s.title == 0 and len(nxt.text.split()) <= 3 and nxt.text[:1].isupper():
        return Fragment(frag.row, frag.start, nxt.end)
    return frag


__all__ = ["Anchor", "Entry", "Fragment", "anonymised", "education_fields", "find_anchor",
           "headline_fragments", "program_name", "segment", "work_fields"]
