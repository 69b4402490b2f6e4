"""Find and parse the dates printed on credentialing documents.

Why not ``dateutil.parser`` alone: credentials print dates in ways it does not know
(“this twentieth day of May, two thousand twelve”), OCR swaps ``O``/``0`` and ``l``/``1``,
scanners add spaces around separators, CVs print impossible days (“06/31/2019”), and the
contract wants the value at the precision the document prints (``YYYY-MM-DD``,
``YYYY-MM`` or ``YYYY``), with the character span so callers can map it back to words.

Numeric dates are read month-first (US). A first number above 12 is read day-first; an
impossible day falls back to month precision instead of failing.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

Precision = Literal["day", "month", "year"]

__all__ = ["ParsedDate", "parse_date", "find_dates", "month_number", "words_to_int"]


@dataclass(frozen=True)
class ParsedDate:
    """One date found in a text: ISO value at the printed precision and its char span."""

    value: str  # 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY'
    precision: Precision
    start: int
    end: int


# --- vocabularies ---------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _MONTHS[calendar.month_name[_i].lower()] = _i
    _MONTHS[calendar.month_abbr[_i].lower()] = _i
_MONTHS.update({"sept": 9, "febr": 2, "janv": 1, "juli": 7, "juni": 6})
_FULL_MONTHS = [calendar.month_name[i].lower() for i in range(1, 13)]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ORD_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19,
}
_ORD_TENS = {"twentieth": 20, "thirtieth": 30}

_NUMWORD = "|".join(sorted([*_UNITS, *_TENS, "hundred", "thousand"], key=len, reverse=True))
_ORDWORD = "|".join(sorted([*_ORD_UNITS, *_ORD_TENS], key=len, reverse=True))

# --- regex pieces ---------------------------------------------------------------------

_MON = r"(?P<mon>[A-Za-z0][A-Za-z01]{2,9})\.?"
_DAY_ORD = (rf"(?:(?:twenty|thirty)[\s-]*(?:{_ORDWORD})|{_ORDWORD}"
            r"|(?:twenty|thirty)[\s-]*(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))")
_DAY = rf"(?P<day>\d{{1,2}}(?:\s?(?:st|nd|rd|th))?|{_DAY_ORD})"
_YEAR_WORDS = rf"(?:(?:{_NUMWORD})(?:[\s-]+(?:and[\s-]+)?(?:{_NUMWORD}))*)"
# Roman-numeral years of 1900-2099 in capitals, as wall diplomas engrave them ("MMX", "MCMXCIX")
_ROMAN_YEAR = r"(?-i:(?<![A-Za-z])(?:MCM|MM)(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?![A-Za-z]))"
_YEAR = rf"(?P<year>(?<!\d)\d{{4}}(?!\d)|{_ROMAN_YEAR}|{_YEAR_WORDS})"
_YEAR_LORD = r"(?:in\s+the\s+year\s+(?:of\s+our\s+lord\s+)?)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "May 20, 2012", "Mar. 31 2027", "May the twentieth, two thousand and twelve"
    ("mdy", re.compile(rf"\b{_MON}[\s,]*(?:the\s+)?{_DAY}(?:\s+day)?(?:\s*,)?\s*(?:of\s+)?{_YEAR_LORD}{_YEAR}",
                       re.I)),
    # "31 MAR 2027", "31-Mar-2027", "this twentieth day of May, two thousand twelve"
    ("dmy", re.compile(rf"(?:\b(?:this|the)\s+)?(?<![\d.]){_DAY}(?:\s+day)?\s*(?:of\s+)?[\s/-]*{_MON}"
                       rf"[\s,/-]*(?:A\.?\s?D\.?\s*)?{_YEAR_LORD}{_YEAR}", re.I)),
    # "2027-03-31", "2027/03/31"
    ("ymd", re.compile(r"(?<![\d.])(?P<year>\d{4})\s*(?P<sep>[-/.])\s*(?P<mon>\d{1,2})\s*(?P=sep)\s*"
                       r"(?P<day>\d{1,2})(?!\d)")),
    # "03/31/2027", "3/31/27", "03 / 31 / 2027", "03.31.2027"
    ("num", re.compile(r"(?<![\d./-])(?P<a>\d{1,2})\s*(?P<sep>[-/.])\s*(?P<b>\d{1,2})\s*(?P=sep)\s*"
                       r"(?P<year>\d{4}|\d{2})(?![\d])")),
    # "March 2027", "Sept. 2019", "Jul '15", "Mar-2027"
    ("my", re.compile(rf"\b{_MON}[\s,/-]*(?:(?P<year>(?<!\d)\d{{4}}(?!\d)|{_ROMAN_YEAR})|"
                      rf"['’‘](?P<yy>\d{{2}})(?!\d))", re.I)),
    # "03/2027", "3-2027"
    ("my_num", re.compile(r"(?<![\d./-])(?P<mon>\d{1,2})\s*[/.-]\s*(?P<year>\d{4})(?![\d/.-]\d)")),
    # "2015-07"
    ("ym_num", re.compile(r"(?<![\d./-])(?P<year>(?:19|20)\d{2})-(?P<mon>\d{2})(?![\d-])")),
    # "2015" where it is clearly a year
    ("y", re.compile(r"(?<![\w$#])(?P<year>(?:19|20)\d{2})(?![\w%])")),
]


# --- OCR clean-up (same length, so spans stay valid) -----------------------------------

_DIGITISH = re.compile(r"(?<![A-Za-z])[0-9OoIl|]*[0-9][0-9OoIl|]*(?![A-Za-z])")
_DIGIT_MAP = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})


_LETTERS_BEFORE_SEP = re.compile(r"(?<![A-Za-z])([OoIl|]{1,2})(\s?[/.-]\s?\d)")
_LETTERS_AFTER_SEP = re.compile(r"(\d\s?[/.-]\s?)([OoIl|]{1,2})(?![A-Za-z])")


_MONTH_START = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_ONE_BEFORE_MONTH = re.compile(rf"(?<![A-Za-z0-9])[|lI](?=\s+{_MONTH_START})", re.I)
_ONE_AFTER_MONTH = re.compile(rf"(\b{_MONTH_START}[a-z]{{0,6}}\.?\s)[|lI](?=,?\s+\d{{4}})", re.I)


def _clean(text: str) -> str:
    """Fix letters read for digits inside digit runs; keep every character's position."""
    text = _DIGITISH.sub(lambda m: m.group(0).translate(_DIGIT_MAP), text)
    text = _ONE_BEFORE_MONTH.sub("1", text)  # "| July 2001" -> "1 July 2001"
    text = _ONE_AFTER_MONTH.sub(lambda m: m.group(1) + "1", text)  # "July l, 2015"
    for _ in range(2):  # "Ol / Ol / 2OOO": runs with no real digit, next to a date separator
        text = _LETTERS_BEFORE_SEP.sub(lambda m: m.group(1).translate(_DIGIT_MAP) + m.group(2), text)
        text = _LETTERS_AFTER_SEP.sub(lambda m: m.group(1) + m.group(2).translate(_DIGIT_MAP), text)
    return text


# --- number words -------------------------------------------------------------------------

def words_to_int(text: str) -> int | None:
    """'two thousand and twelve' -> 2012, 'nineteen ninety-eight' -> 1998, 'twentieth' -> 20."""
    tokens = [t for t in re.split(r"[\s-]+", text.lower().strip(" ,.")) if t and t != "and"]
    if not tokens:
        return None
    if all(t.isdigit() for t in tokens):
        return int("".join(tokens))
    # "nineteen ninety-eight": two two-digit groups read as a year.
    groups: list[int] = []
    total = current = 0
    saw_scale = False
    for t in tokens:
        if t in _UNITS:
            current += _UNITS[t]
        elif t in _TENS:
            current += _TENS[t]
        elif t in _ORD_UNITS:
            current += _ORD_UNITS[t]
        elif t in _ORD_TENS:
            current += _ORD_TENS[t]
        elif t == "hundred":
            current = (current or 1) * 100
            saw_scale = True
        elif t == "thousand":
            total += (current or 1) * 1000
            current = 0
            saw_scale = True
        else:
            return None
        groups.append(current)
    value = total + current
    if not saw_scale and 100 <= value or (not saw_scale and len(tokens) >= 2):
        # split "nineteen ninety eight" into "nineteen" + "ninety eight"
        first = _UNITS.get(tokens[0]) or _TENS.get(tokens[0])
        if first is not None and 10 <= first <= 20 and len(tokens) >= 2:
            rest = words_to_int(" ".join(tokens[1:]))
            if rest is not None and rest < 100:
                return first * 100 + rest
    return value


def month_number(token: str) -> int | None:
    """Month name or abbreviation (OCR-tolerant: '0ct', 'Ju1y', 'Septmber') -> 1..12."""
    t = token.lower().strip(".").translate(str.maketrans({"0": "o", "1": "l"}))
    if t in _MONTHS:
        return _MONTHS[t]
    if len(t) >= 5:
        hit = process.extractOne(t, _FULL_MONTHS, scorer=fuzz.ratio, score_cutoff=80)
        if hit:
            return _FULL_MONTHS.index(hit[0]) + 1
    return None


def _day(text: str) -> int | None:
    text = re.sub(r"(?<=\d)\s?(st|nd|rd|th)$", "", text.strip(), flags=re.I)
    if text.isdigit():
        return int(text)
    total = 0
    for t in re.split(r"[\s-]+", text.lower()):
        v = _UNITS.get(t, _TENS.get(t, _ORD_UNITS.get(t, _ORD_TENS.get(t))))
        if v is None:
            return None
        total += v
    return total


def _year(text: str | None, yy: str | None = None) -> int | None:
    if yy is not None:
        v = int(yy)
        return 2000 + v if v < 70 else 1900 + v
    if text is None:
        return None
    text = text.strip()
    if text.isdigit():
        v = int(text)
        if len(text) == 2:
            return 2000 + v if v < 70 else 1900 + v
        return v
    return roman_to_int(text) or words_to_int(text)


_ROMAN = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def roman_to_int(text: str) -> int | None:
    """A Roman numeral in capitals ("MMX" -> 2010), or None when ``text`` is not one."""
    if not text or any(c not in _ROMAN for c in text):
        return None
    values = [_ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _make(year: int | None, month: int | None, day: int | None, start: int,
          end: int) -> ParsedDate | None:
    """Build a date at the best precision the parts allow; impossible days drop to month."""
    if year is None or not 1900 <= year <= 2099:
        return None
    if month is None:
        return ParsedDate(f"{year:04d}", "year", start, end)
    if not 1 <= month <= 12:
        return None
    if day is not None and 1 <= day <= calendar.monthrange(year, month)[1]:
        return ParsedDate(f"{year:04d}-{month:02d}-{day:02d}", "day", start, end)
    if day is not None and not 1 <= day <= 31:
        return None
    return ParsedDate(f"{year:04d}-{month:02d}", "month", start, end)


def _from_match(kind: str, m: re.Match[str]) -> ParsedDate | None:
    g = m.groupdict()
    start, end = m.start(), m.end()
    if kind in ("mdy", "dmy", "my"):
        month = month_number(g["mon"])
        if month is None:
            return None
        year = _year(g.get("year"), g.get("yy"))
        day = _day(g["day"]) if g.get("day") else None
        if g.get("day") and day is None:
            return None
        if kind == "my":
            day = None
        return _make(year, month, day, start, end)
    if kind == "ymd":
        return _make(int(g["year"]), int(g["mon"]), int(g["day"]), start, end)
    if kind == "num":
        a, b, year = int(g["a"]), int(g["b"]), _year(g["year"])
        if a > 12 and b <= 12:  # day-first, e.g. 31/06/2019
            a, b = b, a
        if g["sep"] == "." and len(g["year"]) == 2:
            return None  # "3.5.27" is more often a version or section number
        return _make(year, a, b, start, end)
    if kind in ("my_num", "ym_num"):
        return _make(int(g["year"]), int(g["mon"]), None, start, end)
    if kind == "y":
        if not _clear_year(m.string, start, end):
            return None
        return _make(int(g["year"]), None, None, start, end)
    return None


_YEAR_TOKEN = re.compile(r"(?:(?:19|20)\d\d|present|current|now|date|today)"
                         r"(?:\s?[-–—/]\s?(?:(?:19|20)\d\d|\d\d|present|current|now|date|today))*", re.I)


def _clear_year(text: str, start: int, end: int) -> bool:
    """A bare 4-digit number is a year only as its own token or in a range ("2015-2018")."""
    s, e = start, end
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    while e < len(text) and not text[e].isspace():
        e += 1
    token = text[s:e].strip("()[]{},.;:'\"“”‘’*")
    if token.endswith(("-", "–", "—")):  # "2015 -" then "2018" in the next token
        token = token.rstrip("-–— ")
    if token.startswith(("-", "–", "—")):
        token = token.lstrip("-–— ")
    return _YEAR_TOKEN.fullmatch(token) is not None


def find_dates(text: str, *, years: bool = True) -> list[ParsedDate]:
    """All dates in ``text`` in reading order, non-overlapping, longest reading first.

    ``years=False`` ignores bare four-digit years (for text full of other numbers).
    """
    clean = _clean(text)
    found: list[ParsedDate] = []
    # every word start, so a failed candidate cannot hide a later one (dates start at words)
    starts = [i for i, c in enumerate(clean) if c.isalnum() and (i == 0 or not clean[i - 1].isalnum())]
    for kind, pattern in _PATTERNS:
        if kind == "y" and not years:
            continue
        for pos in starts:
            m = pattern.match(clean, pos)
            if m is None:
                continue
            parsed = _from_match(kind, m)
            if parsed is not None:
                parsed = _trim(parsed, text)
                found.append(parsed)
    return _select(found)


def _trim(d: ParsedDate, text: str) -> ParsedDate:
    """Drop leading/trailing spaces and commas from the span."""
    s, e = d.start, d.end
    while s < e and text[s] in " \t\n,":
        s += 1
    while e > s and text[e - 1] in " \t\n,":
        e -= 1
    return ParsedDate(d.value, d.precision, s, e)


_RANK = {"day": 3, "month": 2, "year": 1}


def _select(found: list[ParsedDate]) -> list[ParsedDate]:
    """Keep the longest, most precise readings that do not overlap; return in order."""
    chosen: list[ParsedDate] = []
    for d in sorted(found, key=lambda d: (-(d.end - d.start), -_RANK[d.precision], d.start)):
        if all(d.end <= c.start or d.start >= c.end for c in chosen):
            chosen.append(d)
    return sorted(chosen, key=lambda d: d.start)


def parse_date(text: str, *, years: bool = True) -> ParsedDate | None:
    """The first date in ``text`` (see ``find_dates``), or None."""
    dates = find_dates(text, years=years)
    return dates[0] if dates else None
