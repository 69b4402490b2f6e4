"""Date ranges as CVs print them, at the printed precision, with open ends."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credintake.extractor.date_ranges import find_date_ranges, parse_side

CASES = [
    # text, start, end, current
    ("Jul 2015 – Present", "2015-07", None, True),
    ("2015–2018", "2015", "2018", False),
    ("07/2015 to 06/2018", "2015-07", "2018-06", False),
    ("Sept. 2019 - current", "2019-09", None, True),
    ("2012 - 2016", "2012", "2016", False),
    ("July 1, 2015 - June 30, 2018", "2015-07-01", "2018-06-30", False),
    ("1 July 2015 to 30 June 2018", "2015-07-01", "2018-06-30", False),
    ("June 1, 2015 — June 31, 2018", "2015-06-01", "2018-06", False),  # impossible day
    ("Jan 2010 through Dec 2012", "2010-01", "2012-12", False),
    ("2019 — Now", "2019", None, True),
    ("Aug. 2015 - to date", "2015-08", None, True),
    ("Since 2019", "2019", None, True),
    ("2015-18", "2015", "2018", False),
    ("Jul '15 – Jun '18", "2015-07", "2018-06", False),
    ("2015-06-01 - 2018-06-30", "2015-06-01", "2018-06-30", False),
    ("2015/07 - 2016/08", "2015-07", "2016-08", False),
    ("Residency 06/2012-06/2015", "2012-06", "2015-06", False),
    ("2018-2019 Hospitalist", "2018", "2019", False),
    ("September 2009 until May 2011", "2009-09", "2011-05", False),
    ("Jan 2015 â€“ Present", "2015-01", None, True),  # mojibake en dash
    ("Mar 2016\u2009–\u2009Feb 2020", "2016-03", "2020-02", False),
    ("June – August 2015", "2015-06", "2015-08", False),  # start month borrows the year
    ("Nov - Feb 2016", "2015-11", "2016-02", False),
    ("07/15 – 06/18", "2015-07", "2018-06", False),  # MM/YY pairs
    ("7/15 - present", "2015-07", None, True),
    ("2O15 - 2Ol8", "2015", "2018", False),  # OCR letters in digit runs
    ("Jun 201 1—Nov 2015", "2011-06", "2015-11", False),  # OCR split a year
]


@pytest.mark.parametrize(("text", "start", "end", "current"), CASES)
def test_find_date_ranges_reads_cv_styles(text: str, start: str, end: str | None,
                                          current: bool) -> None:
    found = find_date_ranges(text)
    assert len(found) == 1, found
    r = found[0]
    assert r.start is not None and r.start.value == start
    assert (r.end.value if r.end else None) == end
    assert r.current is current


@pytest.mark.parametrize("text", [
    "Tel 555-201-2015", "2015-12", "Boston, MA 02114", "$2015 - 2016", "2015 -",
    "NPI 1234567890", "2018 - 2012", "Page 2 of 3", "1/2 - 3/4", "Tel 555-07/15",
])
def test_find_date_ranges_ignores_non_ranges(text: str) -> None:
    assert find_date_ranges(text) == []


def test_span_covers_the_printed_range_and_sides_map_back() -> None:
    text = "Mercy Hospital, Boston, MA\tJul 2015 – Jun 2018"
    (r,) = find_date_ranges(text)
    assert text[r.span[0]:r.span[1]] == "Jul 2015 – Jun 2018"
    assert text[r.start.start:r.start.end] == "Jul 2015"
    assert text[r.end.start:r.end.end] == "Jun 2018"


def test_two_ranges_in_one_line_are_both_found() -> None:
    found = find_date_ranges("2011-2013; 2014-2016")
    assert [(r.start.value, r.end.value) for r in found] == [("2011", "2013"), ("2014", "2016")]


def test_parse_side_keeps_precision() -> None:
    assert parse_side("Sept. 2019").value == "2019-09"
    assert parse_side("2019").precision == "year"
    assert parse_side("February 30, 2019").value == "2019-02"
    assert parse_side("13/2019") is None


_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_FORMATS = {
    "mon_year": (lambda d: f"{_MON[d.month - 1]} {d.year}", lambda d: f"{d.year}-{d.month:02d}"),
    "full_month": (lambda d: f"{d:%B} {d.year}", lambda d: f"{d.year}-{d.month:02d}"),
    "mm_yyyy": (lambda d: f"{d.month:02d}/{d.year}", lambda d: f"{d.year}-{d.month:02d}"),
    "year": (lambda d: str(d.year), lambda d: str(d.year)),
    "mdy": (lambda d: f"{d:%B} {d.day}, {d.year}", lambda d: d.isoformat()),
    "numeric": (lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}", lambda d: d.isoformat()),
}
_JOIN = [" - ", " – ", " — ", "–", " to ", " through ", "-"]
_OPEN = ["Present", "present", "Current", "Now", "date"]


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(dt.date(1975, 1, 1), dt.date(2025, 12, 31)),
    years=st.integers(0, 12),
    fmt=st.sampled_from(sorted(_FORMATS)),
    join=st.sampled_from(_JOIN),
    open_end=st.sampled_from([None, *_OPEN]),
    prefix=st.sampled_from(["", "Staff Physician, Mercy Hospital\t", "Resident ", "("]),
)
def test_generated_ranges_round_trip(start: dt.date, years: int, fmt: str, join: str,
                                     open_end: str | None, prefix: str) -> None:
    end = start.replace(year=min(start.year + years, 2030), day=min(start.day, 28))
    show, iso = _FORMATS[fmt]
    if fmt == "year" and join == "-" and years == 0:
        end = end.replace(year=end.year + 1)
    right = open_end if open_end else show(end)
    text = f"{prefix}{show(start)}{join}{right}"
    found = find_date_ranges(text)
    assert len(found) == 1, text
    r = found[0]
    assert r.start.value == iso(start)
    if open_end:
        assert r.current is True and r.end is None
    else:
        assert r.current is False and r.end.value == iso(end)
    assert text[r.span[0]:r.span[1]].endswith(right)
