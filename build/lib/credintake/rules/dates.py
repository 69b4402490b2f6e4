"""Partial dates: the contract's ``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD`` values.

CVs print "Jul 2015 - Present" and AHA cards "Renew By 03/2027", so a date is kept with
its precision. Rules then ask for the first or the last day it can mean: an activity
dated ``2015-07`` starts on 2015-07-01, a card that expires ``2027-03`` is valid through
2027-03-31, and two dates of different precision are compared at the coarser one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from dateutil.relativedelta import relativedelta

Precision = Literal["year", "month", "day"]
PRECISION_RANK = {"year": 0, "month": 1, "day": 2}

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")
_MDY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_MY = re.compile(r"^\s*(\d{1,2})[/.-](\d{4})\s*$")
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WORD_MY = re.compile(r"^\s*([A-Za-z]+)\.?\s+(\d{4})\s*$")
_WORD_MDY = re.compile(r"^\s*([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\s*$")
_DMY_WORD = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\s*$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def first_day(self) -> dt.date:
        """The earliest day this value can mean (an activity's start)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The latest day this value can mean (an expiry, an activity's end)."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def truncate(self, precision: Precision) -> PartialDate:
        """The same value at a coarser (or equal) precision."""
        if PRECISION_RANK[precision] >= PRECISION_RANK[self.precision]:
            return self
        if precision == "year":
            return PartialDate(self.year)
        return PartialDate(self.year, self.month)


def _make(year: int, month: int | None, day: int | None) -> PartialDate | None:
    if not 1800 <= year <= 2200:
        return None
    if month is None:
        return PartialDate(year)
    if not 1 <= month <= 12:
        return None
    if day is None:
        return PartialDate(year, month)
    if day < 1 or day > 31:
        return None
    # An impossible day (the 31st of a 30-day month, seen on CVs) is clamped to the month's end.
    return PartialDate(year, month, min(day, calendar.monthrange(year, month)[1]))


def parse_date(value: Any) -> PartialDate | None:
    """Parse a contract date (or a date printed the usual US ways); None when it is no date."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int):
        return _make(value, None, None)
    text = str(value).strip()
    if m := _ISO.match(text):
        return _make(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)
    if m := _MDY.match(text):
        return _make(int(m[3]), int(m[1]), int(m[2]))
    if m := _MY.match(text):
        return _make(int(m[2]), int(m[1]), None)
    if (m := _WORD_MY.match(text)) and m[1].lower() in _MONTHS:
        return _make(int(m[2]), _MONTHS[m[1].lower()], None)
    if (m := _WORD_MDY.match(text)) and m[1].lower() in _MONTHS:
        return _make(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    if (m := _DMY_WORD.match(text)) and m[2].lower() in _MONTHS:
        return _make(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    return None


def normalise_date(value: Any) -> str | None:
    """ISO text for the profile: the parsed date, else None (unparseable text is dropped)."""
    parsed = parse_date(value)
    return parsed.iso() if parsed else None


def same_date(a: Any, b: Any) -> bool | None:
    """True when two dates agree at the coarser of their precisions; None if either is no date."""
    pa, pb = parse_date(a), parse_date(b)
    if pa is None or pb is None:
        return None
    coarse: Precision = min(pa.precision, pb.precision, key=PRECISION_RANK.__getitem__)
    return pa.truncate(coarse) == pb.truncate(coarse)


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar month arithmetic (Jan 31 + 1 month = Feb 28/29)."""
    return day + relativedelta(months=months)


def add_years(day: dt.date, years: int) -> dt.date:
    return day + relativedelta(years=years)


def longer_than_months(start: dt.date, end: dt.date, months: int) -> bool:
    """Whether the inclusive span start..end lasts longer than ``months`` calendar months.

    Jul 1 .. Dec 31 is exactly six months (not longer); Jul 1 .. Jan 1 is longer.
    """
    return end + dt.timedelta(days=1) > add_months(start, months)
