"""Date ranges as CVs print them: ``Jul 2015 – Present``, ``2015–2018``, ``07/2015 to 06/2018``.

A CV entry is anchored by its period, so the CV extractor finds entries by finding ranges.
Each side keeps the precision it was printed with (contract section 3): ``Jul 2015`` is
``2015-07``, ``2015`` is ``2015``, ``July 1, 2015`` is ``2015-07-01``. An open end
(``Present``, ``Current``, ``Now``, ``to date``, ``Since 2019``) gives ``end=None`` and
``current=True``. An impossible day (``June 31, 2015``) falls back to month precision
rather than dropping the range: the month and year are still what the provider meant.

The side parser is local (not ``dates.parse_date``) on purpose: it must agree exactly with
the range regex about where a side starts and ends, and it reads two-digit end years
(``2015–18``) that only make sense next to a start year. Values are ``dates.ParsedDate``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from credintake.extractor.dates import ParsedDate

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "febr": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MON = (r"\b(?:jan(?:uary)?|febr?(?:uary)?|mar(?:ch)?|apr(?:il)?|may|jun[e]?|jul[y]?|aug(?:ust)?"
        r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"(?:19[4-9]\d|20\d\d)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"


def _side(lb: str) -> str:
    """One side's regex; ``lb`` is the set of characters that may not precede a numeric
    form (the end side may follow a dash connector, the start side may not)."""
    return (
        rf"(?:{_MON}\s*{_DAY},?\s*{_YEAR}"                      # July 1, 2015
        rf"|{_DAY}\s+{_MON},?\s*{_YEAR}"                        # 1 July 2015
        rf"|{_MON}[\s,]*(?:{_YEAR}|['’‘]\d\d)"                   # Jul 2015, Sept. 2019, Jul '15
        rf"|(?:spring|summer|fall|autumn|winter)\s*,?\s*{_YEAR}"
        rf"|(?<![{lb}])[01]?\d[/.-][0-3]?\d[/.-]{_YEAR}(?!\d)"     # 07/01/2015
        rf"|(?<![{lb}]){_YEAR}[/.-][01]\d[/.-][0-3]\d(?!\d)"        # 2015-07-01
        rf"|(?<![{lb}])[01]?\d\s?[/.-]\s?{_YEAR}(?!\d)"             # 07/2015, 7-2015
        rf"|(?<![{lb}]){_YEAR}[/.-](?:0[1-9]|1[0-2])(?![\d/.-])"      # 2015/07, 2015-07
        rf"|(?<![$\\{lb}]){_YEAR}(?![\d/])"                            # 2015
        r")"
    )


# Numeric forms refuse to sit inside longer digit runs (phone numbers, zip codes, NPIs).
_SIDE = _side(r"\d/.-")
_END_SIDE = _side(r"\d/.")
_OPEN = (r"(?:present|presently|current(?:ly)?|nowadays|now|today|ongoing|pres\.?|(?:to\s+)?date"
         r"|till\s+date|till\s+now|to\s+present)")
_DASH = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212~"
_CONNECT = (rf"(?:\s*(?:[{_DASH}]+|â€“|â€”|→)\s*|\s+(?:to|through|thru|until|till)\s+"
            rf"|\s*[{_DASH}]+\s*(?:to\s+)?)")
_END2 = r"(?<!\d)\d\d(?![\d/.])"  # the "18" of "2015–18"
_RANGE = re.compile(
    rf"(?:\b(?:from)\s+)?(?P<start>{_SIDE})(?P<sep>{_CONNECT})"
    rf"(?P<end>{_END_SIDE}|\b{_OPEN}\b|{_END2})",
    re.IGNORECASE,
)
_SINCE = re.compile(rf"\bsince\s+(?P<start>{_SIDE})", re.IGNORECASE)
# "June – August 2015": the start month borrows the end's year
_MONTHS_ONE_YEAR = re.compile(
    rf"(?P<smon>{_MON})(?P<sep>{_CONNECT})(?P<emon>{_MON})[\s,]*(?P<year>{_YEAR})(?![\d/])", re.I)
# "07/15 – 06/18", "7/15 - present": month/two-digit-year sides, read only as a pair
_MMYY = re.compile(
    rf"(?<![\d/.])(?P<sm>0?[1-9]|1[0-2])/(?P<sy>\d\d)(?![\d/])(?P<sep>{_CONNECT})"
    rf"(?:(?P<em>0?[1-9]|1[0-2])/(?P<ey>\d\d)(?![\d/])|(?P<open>\b{_OPEN}\b))", re.I)
_OPEN_RE = re.compile(rf"^{_OPEN}$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateRange:
    """A period; ``span`` is the (start, end) character offsets of the whole match."""

    start: ParsedDate | None
    end: ParsedDate | None
    current: bool
    span: tuple[int, int]


def find_date_ranges(text: str) -> list[DateRange]:
    """Every date range in ``text``, left to right, non-overlapping. A line with no range
    is read again with OCR's lost dashes put back (``_LOST_DASH``); spans index ``text``."""
    text = _clean(text)
    return _ranges(text) or _ranges(_LOST_DASH.sub(lambda m: "-".ljust(len(m.group("gap"))),
                                                   text))


def _ranges(text: str) -> list[DateRange]:
    out: list[DateRange] = []
    for m in _RANGE.finditer(text):
        start = parse_side(m.group("start"), m.start("start"))
        if start is None:
            continue
        end_text = m.group("end").strip()
        if _OPEN_RE.match(end_text):
            out.append(DateRange(start, None, True, m.span()))
            continue
        if re.fullmatch(r"\d\d", end_text):
            end = _two_digit_end(start, end_text, m.start("end") + m.group("end").index(end_text))
        else:
            end = parse_side(end_text, m.start("end") + m.group("end").index(end_text))
        if end is None or end.value[:4] < start.value[:4]:
            continue
        out.append(DateRange(start, end, False, m.span()))
    for m in _SINCE.finditer(text):
        start = parse_side(m.group("start"), m.start("start"))
        if start is not None and _free(out, m.span()):
            out.append(DateRange(start, None, True, m.span()))
    for m in _MONTHS_ONE_YEAR.finditer(text):
        if not _free(out, m.span()):
            continue
        end = parse_side(text[m.start("emon"):m.end()], m.start("emon"))
        smon = _month(m.group("smon"))
        if end is None or end.precision != "month":
            continue
        year = int(m.group("year")) - (1 if smon > int(end.value[5:7]) else 0)
        start = ParsedDate(f"{year:04d}-{smon:02d}", "month", m.start("smon"), m.end("smon"))
        out.append(DateRange(start, end, False, m.span()))
    for m in _MMYY.finditer(text):
        if not _free(out, m.span()):
            continue
        start = ParsedDate(f"{_century(m.group('sy'))}-{int(m.group('sm')):02d}", "month",
                           m.start("sm"), m.end("sy"))
        if m.group("open"):
            out.append(DateRange(start, None, True, m.span()))
            continue
        end = ParsedDate(f"{_century(m.group('ey'))}-{int(m.group('em')):02d}", "month",
                         m.start("em"), m.end("ey"))
        if end.value >= start.value:
            out.append(DateRange(start, end, False, m.span()))
    return sorted(out, key=lambda r: r.span)


def _free(found: list[DateRange], span: tuple[int, int]) -> bool:
    return not any(r.span[0] < span[1] and span[0] < r.span[1] for r in found)


def _century(yy: str) -> str:
    """Two-digit CV years: up to five years ahead of today's are this century."""
    year = 2000 + int(yy)
    return str(year - 100 if year > date.today().year + 5 else year)


def parse_side(text: str, offset: int = 0) -> ParsedDate | None:
    """One side of a range at its printed precision; None when it is not a date."""
    raw = text.strip()
    t = raw.lower().replace("’", "'").replace("‘", "'")
    end = offset + len(text)
    m = re.fullmatch(rf"({_MON})\s*({_DAY}),?\s*({_YEAR})", t)
    if m:
        return _ymd(int(m.group(3)), _month(m.group(1)), _day(m.group(2)), raw, offset, end)
    m = re.fullmatch(rf"({_DAY})\s+({_MON}),?\s*({_YEAR})", t)
    if m:
        return _ymd(int(m.group(3)), _month(m.group(2)), _day(m.group(1)), raw, offset, end)
    m = re.fullmatch(rf"({_MON})[\s,]*({_YEAR}|'\d\d)", t)
    if m:
        year = m.group(2)
        y = 2000 + int(year[1:]) if year.startswith("'") else int(year)
        if year.startswith("'") and y > 2035:
            y -= 100
        return _ymd(y, _month(m.group(1)), None, raw, offset, end)
    m = re.fullmatch(rf"(spring|summer|fall|autumn|winter)\s*,?\s*({_YEAR})", t)
    if m:
        return _ymd(int(m.group(2)), None, None, raw, offset, end)
    m = re.fullmatch(rf"([01]?\d)[/.-]([0-3]?\d)[/.-]({_YEAR})", t)
    if m:
        return _ymd(int(m.group(3)), int(m.group(1)), int(m.group(2)), raw, offset, end)
    m = re.fullmatch(rf"({_YEAR})[/.-]([01]\d)[/.-]([0-3]\d)", t)
    if m:
        return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)), raw, offset, end)
    m = re.fullmatch(rf"([01]?\d)\s?[/.-]\s?({_YEAR})", t)
    if m:
        return _ymd(int(m.group(2)), int(m.group(1)), None, raw, offset, end)
    m = re.fullmatch(rf"({_YEAR})[/.-]([01]\d)", t)
    if m:
        return _ymd(int(m.group(1)), int(m.group(2)), None, raw, offset, end)
    m = re.fullmatch(_YEAR, t)
    if m:
        return _ymd(int(t), None, None, raw, offset, end)
    return None


def _ymd(year: int, month: int | None, day: int | None, raw: str, start: int,
         end: int) -> ParsedDate | None:
    if month is not None and not 1 <= month <= 12:
        return None
    if month is None:
        return ParsedDate(f"{year:04d}", "year", start, end)
    if day is not None and 1 <= day <= calendar.monthrange(year, month)[1]:
        return ParsedDate(f"{year:04d}-{month:02d}-{day:02d}", "day", start, end)
    if day is not None and not 1 <= day <= 31:
        return None
    # no day printed, or an impossible one (June 31): keep what is certain
    return ParsedDate(f"{year:04d}-{month:02d}", "month", start, end)


def _two_digit_end(start: ParsedDate, digits: str, offset: int) -> ParsedDate | None:
    """``2015–18``: the century comes from the start year; only year-only starts qualify."""
    if start.precision != "year":
        return None
    year = int(start.value[:2] + digits)
    if year < int(start.value):
        year += 100
    if year - int(start.value) > 15:
        return None
    return ParsedDate(f"{year:04d}", "year", offset, offset + 2)


def _month(text: str) -> int:
    return _MONTHS[text.rstrip(".").lower()]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


_DIGITISH = re.compile(r"(?<![A-Za-z])[0-9OoIl|]*[0-9][0-9OoIl|]*(?![A-Za-z])")
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})


# OCR cuts a year: "Jun 201 1—Nov 2015"; rejoined (same length) after a month or before a dash
_SPLIT_YEAR = re.compile(rf"(?P<pre>{_MON}\s)(?P<a>(?:19|20)\d) (?P<b>\d)(?!\d)"
                         rf"|(?<!\d)(?P<a2>(?:19|20)\d) (?P<b2>\d)(?=\s*[{_DASH}])", re.I)


def _rejoin_year(m: re.Match[str]) -> str:
    if m.group("pre") is not None:
        return m.group("pre") + m.group("a") + m.group("b") + " "
    return m.group("a2") + m.group("b2") + " "


def _clean(text: str) -> str:
    """Same length as the input, so spans stay valid: soft hyphens, odd spaces and the
    'Â' of UTF-8 read as Latin-1 become spaces, so do specks OCR glues to a month
    (``_DATE_DEBRIS``); OCR's O/l inside digit runs become 0/1."""
    text = (text.replace("\u00ad", " ").replace("\u00a0", " ").replace("\u2009", " ")
            .replace("\u202f", " ").replace("Â ", "  "))
    text = _DATE_DEBRIS.sub(" ", text)
    text = _DIGITISH.sub(lambda m: m.group(0).translate(_OCR_DIGITS), text)
    return _SPLIT_YEAR.sub(_rejoin_year, text)


#: Public pieces for callers that look for partial periods (an open "2019 –").
SIDE_PATTERN = _SIDE
DASHES = _DASH
OPEN_PATTERN = _OPEN
CONNECT_PATTERN = _CONNECT

# A year, then only a space or a stray mark, then another date: the range's dash lost or
# misread by OCR ("August 2012 May 2016", "June 2022. July 2022", "Aug, 1992:May 1996").
# Tried only on a line with no range (this module reads CV lines, where two dates side by
# side are a period).
_LOST_DASH = re.compile(rf"(?<=\b(?:19|20)\d\d)"
                        rf"(?P<gap>[\s.,:;+]*[.,:;+][\s.,:;+{re.escape(DASHES)}]*|\s+)"
                        rf"(?=(?:{SIDE_PATTERN}|\b{OPEN_PATTERN}\b))", re.I)
# Specks OCR glues to a month ("Jun! 2025", "Dec| 2022") or before one ("- ‘May 2020").
_DATE_DEBRIS = re.compile(r"(?<=[A-Za-z])[!|](?=\s+(?:19|20)\d\d)|(?<=\s)[‘’'`“”|](?=[A-Za-z])")
