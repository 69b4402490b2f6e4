"""Partial dates: parsing, precision, calendar arithmetic."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credintake.rules.dates import (PartialDate, add_months, longer_than_months, parse_date,
                                    same_date)

days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))


@pytest.mark.parametrize("text, expected", [
    ("2027-03-31", PartialDate(2027, 3, 31)),
    ("03/31/2027", PartialDate(2027, 3, 31)),
    ("3/1/2027", PartialDate(2027, 3, 1)),
    ("2027-03", PartialDate(2027, 3)),
    ("03/2027", PartialDate(2027, 3)),
    ("Sept. 2019", PartialDate(2019, 9)),
    ("Jul 2015", PartialDate(2015, 7)),
    ("March 31, 2027", PartialDate(2027, 3, 31)),
    ("20 May 2012", PartialDate(2012, 5, 20)),
    ("2015", PartialDate(2015)),
    ("2023-04-31", PartialDate(2023, 4, 30)),   # impossible day: clamped to the month's end
    ("present", None), ("", None), (None, None), ("13/45/2020", None), ("2020-13", None),
])
def test_parse_date(text: str | None, expected: PartialDate | None) -> None:
    assert parse_date(text) == expected


@given(days)
def test_iso_round_trip_and_formats_agree(day: dt.date) -> None:
    iso = day.isoformat()
    us = f"{day.month:02d}/{day.day:02d}/{day.year}"
    assert parse_date(iso) == parse_date(us) == PartialDate(day.year, day.month, day.day)
    assert parse_date(iso).iso() == iso  # type: ignore[union-attr]
    assert same_date(iso, us) is True


@given(days)
def test_month_precision_spans_the_whole_month(day: dt.date) -> None:
    p = PartialDate(day.year, day.month)
    assert p.first_day() == day.replace(day=1)
    assert p.last_day().day == calendar.monthrange(day.year, day.month)[1]
    assert (p.last_day() + dt.timedelta(days=1)).day == 1
    assert p.first_day() <= day <= p.last_day()
    # Different precision compares at the coarser one.
    assert same_date(f"{day.year:04d}-{day.month:02d}", day.isoformat()) is True
    assert same_date(str(day.year), day.isoformat()) is True


@given(days, days)
def test_same_date_at_day_precision_is_equality(a: dt.date, b: dt.date) -> None:
    assert same_date(a.isoformat(), b.isoformat()) is (a == b)


def test_same_date_different_months() -> None:
    assert same_date("2027-03", "2027-04-01") is False
    assert same_date("2027", "2026-12-31") is False
    assert same_date("2027", "not a date") is None


@given(days, st.integers(min_value=1, max_value=36))
def test_exactly_n_months_is_not_longer_one_more_day_is(start: dt.date, months: int) -> None:
    end_exact = add_months(start, months) - dt.timedelta(days=1)
    assert not longer_than_months(start, end_exact, months)
    assert longer_than_months(start, end_exact + dt.timedelta(days=1), months)


def test_six_month_boundary_examples() -> None:
    assert not longer_than_months(dt.date(2020, 7, 1), dt.date(2020, 12, 31), 6)
    assert longer_than_months(dt.date(2020, 7, 1), dt.date(2021, 1, 1), 6)
    assert add_months(dt.date(2021, 1, 31), 1) == dt.date(2021, 2, 28)
