"""Date finding: the printed forms credentials use, OCR noise, and round trips."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from credintake.extractor.dates import find_dates, parse_date, words_to_int

TABLE = [
    ("03/31/2027", "2027-03-31", "day"),
    ("3/31/27", "2027-03-31", "day"),
    ("March 31, 2027", "2027-03-31", "day"),
    ("Mar. 31 2027", "2027-03-31", "day"),
    ("31 MAR 2027", "2027-03-31", "day"),
    ("31-Mar-2027", "2027-03-31", "day"),
    ("2027-03-31", "2027-03-31", "day"),
    ("2027/3/31", "2027-03-31", "day"),
    ("12-15-2024", "2024-12-15", "day"),
    ("December 31st, 2027", "2027-12-31", "day"),
    ("2nd of May 2020", "2020-05-02", "day"),
    ("03/2027", "2027-03", "month"),
    ("March 2027", "2027-03", "month"),
    ("Sept. 2019", "2019-09", "month"),
    ("Jul '15", "2015-07", "month"),
    ("2015", "2015", "year"),
    ("this twentieth day of May, two thousand twelve", "2012-05-20", "day"),
    ("the 20th day of May, 2012", "2012-05-20", "day"),
    ("May the twentieth, two thousand and twelve", "2012-05-20", "day"),
    ("twenty-first day of June, 2010", "2010-06-21", "day"),
    ("the first day of July, nineteen hundred ninety-eight", "1998-07-01", "day"),
    ("this 1st day of June in the year of our Lord two thousand and five", "2005-06-01", "day"),
    # OCR noise
    ("O3/3l/2O27", "2027-03-31", "day"),
    ("03 / 31 / 2027", "2027-03-31", "day"),
    ("0ct 31, 2027", "2027-10-31", "day"),
    ("Ju1y 1, 2015", "2015-07-01", "day"),
    ("Septmber 30, 2019", "2019-09-30", "day"),
    # impossible days fall back to the month
    ("31/06/2019", "2019-06", "month"),
    ("06/31/2019", "2019-06", "month"),
    ("02/30/2020", "2020-02", "month"),
    # day-first when the first number cannot be a month
    ("25/12/2020", "2020-12-25", "day"),
]


@pytest.mark.parametrize(("text", "value", "precision"), TABLE)
def test_parse_table(text: str, value: str, precision: str) -> None:
    d = parse_date(text)
    assert d is not None, text
    assert (d.value, d.precision) == (value, precision)


@pytest.mark.parametrize("text", ["Phone 555-123-2015", "$2015", "Policy 2015-1234", "1,000,000",
                                  "page 1 of 2", "", "no date here", "NPI 1234567890", "Suite 2015B"])
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_spans_and_order() -> None:
    text = "Fee paid 12-15-2024  Expires: 12/31/2027 (renew by Dec 2027)"
    found = find_dates(text)
    assert [d.value for d in found] == ["2024-12-15", "2027-12-31", "2027-12"]
    assert [text[d.start:d.end] for d in found] == ["12-15-2024", "12/31/2027", "Dec 2027"]


def test_ranges_in_cvs() -> None:
    assert [d.value for d in find_dates("Jul 2015 – Present")] == ["2015-07"]
    assert [d.value for d in find_dates("2015–2018")] == ["2015", "2018"]
    assert [d.value for d in find_dates("07/2015 to 06/2018")] == ["2015-07", "2018-06"]
    assert [d.value for d in find_dates("from July 1, 2015 to June 30, 2018")] == ["2015-07-01", "2018-06-30"]


def test_years_flag() -> None:
    assert find_dates("Class of 2012", years=False) == []
    assert parse_date("Class of 2012").value == "2012"


def test_words_to_int() -> None:
    assert words_to_int("two thousand and twelve") == 2012
    assert words_to_int("nineteen ninety-eight") == 1998
    assert words_to_int("nineteen hundred ninety-eight") == 1998


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ORD = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
       "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
       "eighteenth", "nineteenth", "twentieth"]
ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _ordinal(n: int) -> str:
    if n <= 20:
        return ORD[n - 1]
    if n == 30:
        return "thirtieth"
    return f"{TENS[n // 10]}-{ORD[n % 10 - 1]}"


def _num(n: int) -> str:
    return ONES[n] if n < 20 else TENS[n // 10] + (f"-{ONES[n % 10]}" if n % 10 else "")


def _year_words(y: int) -> str:
    if y >= 2000:
        return "two thousand" + (f" {_num(y - 2000)}" if y > 2000 else "")
    return f"{_num(y // 100)} hundred {_num(y % 100)}".strip()


DAY_STYLES = {
    "mdy": lambda d: d.strftime("%m/%d/%Y"),
    "mdy_short": lambda d: f"{d.month}/{d.day}/{d.strftime('%y')}",
    "mdy_dash": lambda d: d.strftime("%m-%d-%Y"),
    "long": lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    "abbr": lambda d: f"{MONTHS[d.month - 1][:3]}. {d.day} {d.year}",
    "dmy_upper": lambda d: f"{d.day:02d} {MONTHS[d.month - 1][:3].upper()} {d.year}",
    "dmy_dash": lambda d: f"{d.day}-{MONTHS[d.month - 1][:3]}-{d.year}",
    "iso": lambda d: d.isoformat(),
    "words": lambda d: f"this {_ordinal(d.day)} day of {MONTHS[d.month - 1]}, {_year_words(d.year)}",
    "ordinal": lambda d: f"the {d.day}th day of {MONTHS[d.month - 1]}, {d.year}",
}
MONTH_STYLES = {
    "my_num": lambda d: d.strftime("%m/%Y"),
    "my_long": lambda d: f"{MONTHS[d.month - 1]} {d.year}",
    "my_abbr": lambda d: f"{MONTHS[d.month - 1][:3]} {d.year}",
    "my_dot": lambda d: f"{'Sept' if d.month == 9 else MONTHS[d.month - 1][:3]}. {d.year}",
}


@settings(max_examples=150, deadline=None)
@given(d=st.dates(min_value=date(1950, 1, 1), max_value=date(2068, 12, 31)),
       style=st.sampled_from(sorted(DAY_STYLES)),
       prefix=st.sampled_from(["", "Expires: ", "Issued on ", "Valid Through  "]))
def test_round_trip_day(d: date, style: str, prefix: str) -> None:
    if style == "mdy_short":  # two-digit years pivot: 70-99 -> 19xx, 00-69 -> 20xx
        assume(1970 <= d.year <= 2069)
    text = prefix + DAY_STYLES[style](d) + " ."
    got = find_dates(text)
    assert [x.value for x in got] == [d.isoformat()], text
    assert got[0].precision == "day"
    assert got[0].start >= len(prefix) - (len("this ") if style == "words" else 0)


@settings(max_examples=80, deadline=None)
@given(d=st.dates(min_value=date(1950, 1, 1), max_value=date(2068, 12, 31)),
       style=st.sampled_from(sorted(MONTH_STYLES)))
def test_round_trip_month(d: date, style: str) -> None:
    text = "Renew By " + MONTH_STYLES[style](d)
    got = find_dates(text)
    assert [(x.value, x.precision) for x in got] == [(f"{d.year:04d}-{d.month:02d}", "month")], text


@settings(max_examples=60, deadline=None)
@given(d=st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))
def test_round_trip_ocr_noise(d: date) -> None:
    text = d.strftime("%m/%d/%Y").replace("0", "O").replace("1", "l").replace("/", " / ")
    assert parse_date(text).value == d.isoformat(), text


def test_roman_numeral_years_of_engraved_diplomas() -> None:
    from credintake.extractor.dates import find_dates, roman_to_int

    assert roman_to_int("MCMXCIX") == 1999 and roman_to_int("MMX") == 2010 and roman_to_int("May") is None
    assert [d.value for d in find_dates("Given this 3rd day of June, A.D. MCMXCIX")] == ["1999-06-03"]
    assert [d.value for d in find_dates("the fifteenth day of May MMXXIII")] == ["2023-05-15"]
    assert [d.value for d in find_dates("Conferred May MMX")] == ["2010-05"]
    assert find_dates("May mix the paints") == []
