"""NPI and DEA check digits, identifier normalisation."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credintake.rules.identifiers import (dea_check_digit, dea_problems, edit_distance,
                                          normalise_identifier, npi_check_digit, npi_problem)
from rules_factories import valid_dea, valid_npi

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)
six_digits = st.text(alphabet="0123456789", min_size=6, max_size=6)
TYPES = "ABCDEFGHJKLMPRSTUX"


def test_known_npis() -> None:
    assert npi_problem("1234567893") is None         # the CMS example
    assert npi_problem("1234567890") == "check digit should be 3, not 0"
    assert npi_problem("123456789") == "an NPI has exactly 10 digits"
    assert npi_problem("12345678AB") is not None


@given(nine_digits)
def test_npi_with_its_check_digit_is_valid(first: str) -> None:
    assert npi_problem(first + str(npi_check_digit(first))) is None


@given(nine_digits, st.integers(0, 9), st.integers(1, 9))
def test_npi_detects_every_single_digit_error(first: str, pos: int, delta: int) -> None:
    npi = first + str(npi_check_digit(first))
    wrong = npi[:pos] + str((int(npi[pos]) + delta) % 10) + npi[pos + 1:]
    assert npi_problem(wrong) is not None


def test_npi_luhn_matches_a_reference_implementation() -> None:
    def reference(number: str) -> bool:
        digits = [int(c) for c in "80840" + number]
        total = 0
        for i, d in enumerate(reversed(digits)):
            if i % 2 == 1:
                d = d * 2 - 9 if d * 2 > 9 else d * 2
            total += d
        return total % 10 == 0
    rng = random.Random(7)
    for _ in range(500):
        npi = "".join(str(rng.randrange(10)) for _ in range(10))
        assert (npi_problem(npi) is None) == reference(npi)


def test_known_dea() -> None:
    assert dea_problems("BB1388568", last_names=["Brown"], registrant_types=TYPES) == []
    assert dea_check_digit("138856") == 8


@given(six_digits, st.sampled_from("ABFGM"), st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
def test_dea_with_its_check_digit_is_valid(six: str, kind: str, initial: str) -> None:
    dea = f"{kind}{initial}{six}{dea_check_digit(six)}"
    assert dea_problems(dea, last_names=[initial + "oe"], registrant_types=TYPES) == []


@given(six_digits, st.integers(1, 9))
def test_dea_wrong_check_digit(six: str, delta: int) -> None:
    dea = f"BD{six}{(dea_check_digit(six) + delta) % 10}"
    kinds = [p.kind for p in dea_problems(dea, last_names=["Doe"], registrant_types=TYPES)]
    assert kinds == ["check_digit"]


@pytest.mark.parametrize("dea, last_names, kinds", [
    ("BS1388568", ["Smith"], []),                      # the check digit covers digits only
    ("BS1388567", ["Smith"], ["check_digit"]),
    ("BB1388567", ["Smith"], ["check_digit", "last_name_initial"]),
    ("BB1388568", ["Smith"], ["last_name_initial"]),
    ("BB1388568", ["Smith", "Brown"], []),             # former name initial is accepted
    ("B91388568", ["Smith"], []),                      # '9': business registrant
    ("ZB1388568", ["Brown"], ["registrant_type"]),
    ("B1388568", ["Brown"], ["format"]),
    ("BB13885680", ["Brown"], ["format"]),
    ("BB 138 8568", ["Brown"], []),                    # spaces as printed
    ("bb1388568", ["brown"], []),
    ("BB1388568", [], []),                             # no name known: initial not judged
])
def test_dea_table(dea: str, last_names: list[str], kinds: list[str]) -> None:
    got = [p.kind for p in dea_problems(dea, last_names=last_names, registrant_types=TYPES)]
    assert got == kinds


def test_factory_identifiers_are_valid() -> None:
    rng = random.Random(3)
    for _ in range(50):
        assert npi_problem(valid_npi(rng)) is None
        assert dea_problems(valid_dea(rng, "Nguyen"), last_names=["Nguyen"],
                            registrant_types=TYPES) == []


def test_normalise_and_edit_distance() -> None:
    assert normalise_identifier(" a-123 45 ") == "A12345"
    assert edit_distance("A12345", "A12354") == 1      # swapped neighbours: one edit
    assert edit_distance("A12345", "A1234") == 1
    assert edit_distance("A12345", "A12999") == 3
