"""The label engine and typed value parsers, on hand-built pages (no generator)."""

from __future__ import annotations

import pytest

from credintake.extractor.fields.anchors import Doc, Spec, find_field, find_labels
from credintake.extractor.fields.values import (address_state_value, dea_checksum_ok, dea_value, ident_value,
                                                money_value, name_value, schedules_value, state_value,
                                                status_value)
from credintake.extractor.fields.values import date_value

from handmade_pages import page



EXPIRES = ("Expiration Date", "Expires", "Valid Through")


def test_value_right_of_label_in_a_table_row() -> None:
    p = page([(72, 100, "Expiration Date"), (300, 100, "03/31/2027"), (72, 120, "Issue Date"),
              (300, 120, "01/02/2019")])
    hit = find_field(Doc([p]), Spec(EXPIRES, date_value))
    assert hit is not None
    f = hit.field()
    assert (f.value, f.raw, f.page, f.file) == ("2027-03-31", "03/31/2027", 1, "t.pdf")
    assert f.bbox == (300.0, 100.0, 350.0, 110.0)
    assert 0.9 <= f.confidence <= 1.0


def test_value_glued_after_colon_and_cut_at_next_label() -> None:
    p = page([(72, 100, "Lic #:A123456 Expires:12/31/2026")])
    doc = Doc([p])
    number = find_field(doc, Spec(("Lic #",), ident_value))
    expiry = find_field(doc, Spec(EXPIRES, date_value))
    assert (number.value, expiry.value) == ("A123456", "2026-12-31")


def test_value_below_a_header_label() -> None:
    p = page([(72, 100, "Issue Date"), (250, 100, "Renew By"), (72, 114, "Feb 2025"), (250, 114, "Feb 2027")])
    hit = find_field(Doc([p]), Spec(("Renew By",), date_value))
    assert (hit.value, hit.raw) == ("2027-02", "Feb 2027")


def test_value_above_a_caption() -> None:
    p = page([(72, 100, "12 OCT 2028"), (72, 114, "RENEWAL DATE"), (72, 200, "FEE PAID: $610.00")], size=8)
    hit = find_field(Doc([p]), Spec(("Renewal Date",), date_value, directions=("inline", "right", "below", "above")))
    assert hit.value == "2028-10-12"


def test_ocr_garbled_label_is_found_with_lower_confidence() -> None:
    clean = find_field(Doc([page([(72, 100, "Expiration Date: 03/31/2027")])]), Spec(EXPIRES, date_value))
    noisy = find_field(Doc([page([(72, 100, "Expiratlon Dale: O3/3l/2O27")], conf=0.8)]), Spec(EXPIRES, date_value))
    assert noisy is not None and noisy.value == clean.value == "2027-03-31"
    assert noisy.field().confidence < clean.field().confidence


def test_distractor_label_is_excluded() -> None:
    p = page([(72, 60, "Date Printed: 11/22/2026"), (72, 100, "Date Issued: 01/05/2015")])
    hit = find_field(Doc([p]), Spec(("Date Printed", "Date Issued", "Date"), date_value, exclude=r"print"))
    assert hit.value == "2015-01-05"


def test_lifetime_means_no_value() -> None:
    p = page([(72, 100, "Valid Through"), (300, 100, "Lifetime"), (72, 140, "Printed"), (300, 140, "01/01/2030")])
    assert find_field(Doc([p]), Spec(EXPIRES, date_value, none=r"lifetime")) is None


def test_longest_overlapping_label_wins() -> None:
    p = page([(72, 100, "Aggregate Limit"), (300, 100, "3,000,000")])
    hits = find_labels(Doc([p]), ("Aggregate", "Aggregate Limit"))
    assert len(hits) == 1 and hits[0].last - hits[0].first == 2


@pytest.mark.parametrize(("text", "value"), [
    ("$1,000,000", 1000000), ("1,000,000", 1000000), ("$1M", 1000000), ("$1.3 million", 1300000),
    ("$500K", 500000), ("Limit: 3,000,000 aggregate", 3000000), ("$ 2,000,000.00", 2000000),
])
def test_money(text: str, value: int) -> None:
    assert money_value(text)[0] == value


@pytest.mark.parametrize(("text", "value"), [
    ("Medical Board of California", "CA"), ("STATE OF NEW YORK", "NY"), ("West Virginia Board of Medicine", "WV"),
    ("Registered State: TX", "TX"), ("Washington, D.C.", "DC"),
])
def test_state(text: str, value: str) -> None:
    assert state_value(text)[0] == value


def test_address_state() -> None:
    assert address_state_value("89308 MARK LOOP SUITE 241, SACRAMENTO, CA 94650")[0] == "CA"
    assert address_state_value("no address here") is None


def test_dea() -> None:
    assert dea_value("DEA REGISTRATION NUMBER BB1388568")[0] == "BB1388568"
    assert dea_value("AB 12O4563")[0] == "AB1204563"  # OCR O for 0, stray space
    assert dea_checksum_ok("BB1388568") and not dea_checksum_ok("BB1388569")


@pytest.mark.parametrize(("text", "value"), [
    ("2,2N,3,3N,4,5", "2,2N,3,3N,4,5"), ("2, 2N, 3, 3N, 4, 5", "2,2N,3,3N,4,5"),
    ("II, IIN, III, IIIN, IV, V", "2,2N,3,3N,4,5"), ("SCHEDULES 3,4,5", "3,4,5"),
])
def test_schedules(text: str, value: str) -> None:
    assert schedules_value(text)[0] == value


@pytest.mark.parametrize(("text", "value"), [
    ("A 123456", "A123456"), ("No. G98765 Expires", "G98765"), ("HPL 7968 8612", "HPL79688612"),
    ("036.854489", "036.854489"), ("RN-1234567", "RN-1234567"),
])
def test_identifiers_lose_spaces(text: str, value: str) -> None:
    assert ident_value(text)[0] == value


def test_status() -> None:
    assert status_value("ACTIVE - CLEAR")[0] == "ACTIVE - CLEAR"
    assert status_value("Probation")[0] == "Probation"
    assert status_value("None on file") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Tomas Lindqvist (440912)", "Tomas Lindqvist"),
    ("Jane A Doe, MD #1234", "Jane A Doe, MD"),
    ("Jane A Doe, MD", "Jane A Doe, MD"),
])
def test_name_value_stops_at_an_id_printed_after_the_name(text: str, expected: str) -> None:
    got = name_value(text)
    assert got is not None and got[0] == expected
