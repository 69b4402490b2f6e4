"""Printed names: splitting, nicknames, and when a document's name is the applicant."""

from __future__ import annotations

import pytest

from credintake.rules.names import (is_nickname, known_names, match_applicant, nickname_pairs,
                                    parse_name)


@pytest.mark.parametrize("printed, first, middle, last, suffix, hint", [
    ("JANE A DOE, MD", "Jane", "A", "Doe", "", "MD"),
    ("DOE, JANE A", "Jane", "A", "Doe", "", None),
    ("Doe, Jane A., M.D.", "Jane", "A.", "Doe", "", "MD"),
    ("JANE DOE MD", "Jane", "", "Doe", "", "MD"),
    ("Robert J. Smith Jr.", "Robert", "J.", "Smith", "Jr", None),
    ("BOB SMITH JR, DO", "Bob", "", "Smith", "Jr", "DO"),
    ("John McDonald III", "John", "", "McDonald", "III", None),
    ("Mary Smith-Jones, PA-C", "Mary", "", "Smith-Jones", "", "PA"),
    ("MARIA DE LA CRUZ, CRNA", "Maria", "", "de la Cruz", "", "CRNA"),
    ("Jane Doe, FNP-BC", "Jane", "", "Doe", "", "NP"),
    ("Ann Lee, PharmD", "Ann", "", "Lee", "", "PharmD"),
    ("Kim Park, RN, BSN", "Kim", "", "Park", "", "RN"),
    ("John Do", "John", "", "Do", "", None),       # DO without a comma is a surname
    ("Jane A. Doe, MD, FACP", "Jane", "A.", "Doe", "", "MD"),
    ("ALEXANDRA V MCCARTHY, NP-C", "Alexandra", "V", "McCarthy", "", "NP"),
    ("MCCARTHY, ALEXANDRA V", "Alexandra", "V", "McCarthy", "", None),   # V: an initial here
    ("John Q Smith V", "John", "Q", "Smith", "V", None),                 # ... the fifth here
    ("Jane Doe, APRN-CNP", "Jane", "", "Doe", "", "NP"),
    ("Ann Lee, AGACNP-BC, DNP", "Ann", "", "Lee", "", "NP"),
])
def test_parse_name(printed: str, first: str, middle: str, last: str, suffix: str,
                    hint: str | None) -> None:
    p = parse_name(printed)
    assert (p.first, p.middle, p.last, p.suffix, p.profession_hint) == (
        first, middle, last, suffix, hint)


def test_nickname_table_is_a_real_table() -> None:
    assert nickname_pairs() > 300


@pytest.mark.parametrize("a, b, expected", [
    ("Bob", "Robert", True), ("Robert", "Bob", True), ("bill", "WILLIAM", True),
    ("Liz", "Elizabeth", True), ("Peggy", "Margaret", True), ("Bob", "Rob", True),
    ("Jim", "James", True), ("Dick", "Richard", True),
    ("Bob", "William", False), ("Al", "Robert", False), ("Robert", "Robert", False),
    ("Jane", "Janet", False),
])
def test_is_nickname(a: str, b: str, expected: bool) -> None:
    assert is_nickname(a, b) is expected


APPLICANT = known_names("Robert", "James", "Smith", None, ["Robert Miller", "Bobby Jones"])


@pytest.mark.parametrize("printed, matches", [
    ("ROBERT JAMES SMITH", True),
    ("BOB SMITH", True),                 # nickname
    ("Bobby J. Smith, MD", True),
    ("R. SMITH", True),                  # initial
    ("ROBERT J SMITH", True),            # middle initial vs full middle name
    ("SMITH, ROBERT JAMES", True),       # last-first order
    ("James Smith", True),               # goes by the middle name
    ("ROBERT SMITH JR", True),           # suffix on one side only
    ("Robert Miller", True),             # former name in other_names
    ("Rob Jones", True),                 # alias with a nickname
    ("Robert Smith-Miller", True),       # compound of current and former
    ("ROBERT T SMITH", False),           # contradicting middle initial
    ("ALICE SMITH", False),              # another person with the same surname
    ("ROBERT BROWN", False),
    ("William Smith", False),
])
def test_match_applicant(printed: str, matches: bool) -> None:
    assert match_applicant(parse_name(printed), APPLICANT).matches is matches


def test_suffixes_that_contradict_are_different_people() -> None:
    senior = known_names("John", None, "Carter", "Sr", None)
    assert match_applicant(parse_name("JOHN CARTER JR, MD"), senior).matches is False
    assert match_applicant(parse_name("JOHN CARTER SR, MD"), senior).matches is True


def test_one_word_other_name_is_a_former_last_name() -> None:
    names = known_names("Jane", "Ann", "Doe", None, ["Miller"])
    assert match_applicant(parse_name("JANE A MILLER"), names).matches
    assert not match_applicant(parse_name("JOAN MILLER"), names).matches
