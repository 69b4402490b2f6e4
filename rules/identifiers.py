"""Identifiers: license, DEA, NPI and policy numbers, and their check digits.

Identifiers are compared alphanumeric-normalised and exactly ("A-12345" = "A12345");
a single edit (one character changed, added, dropped, or two neighbours swapped) is
still a mismatch but is flagged as a probable typo so the specialist knows which of two
close numbers to confirm.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from credintake.rules.names import fold

_NPI_PREFIX = "80840"
_DEA_SHAPE = re.compile(r"^([A-Z])([A-Z9])(\d{7})$")


def normalise_identifier(value: object) -> str:
    """Upper-case letters and digits only."""
    if value is None:
        return ""
    return re.sub(r"[^0-9A-Za-z]", "", str(value)).upper()


def edit_distance(a: object, b: object) -> int:
    """Edits between two normalised identifiers (a swap of neighbours counts as one)."""
    return int(OSA.distance(normalise_identifier(a), normalise_identifier(b)))


def luhn_check_digit(payload: str) -> int:
    """The Luhn digit that makes ``payload + digit`` valid."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:  # rightmost payload digit is doubled (the check digit will sit right of it)
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def npi_check_digit(first_nine: str) -> int:
    """NPI check digit: Luhn over "80840" + the first nine digits."""
    return luhn_check_digit(_NPI_PREFIX + first_nine)


def npi_problem(value: object) -> str | None:
    """Why an NPI is invalid, or None when it is valid."""
    npi = re.sub(r"[\s-]", "", str(value or ""))
    if not re.fullmatch(r"\d{10}", npi):
        return "an NPI has exactly 10 digits"
    if npi_check_digit(npi[:9]) != int(npi[9]):
        return f"check digit should be {npi_check_digit(npi[:9])}, not {npi[9]}"
    return None


def dea_check_digit(six: str) -> int:
    """DEA check digit: (d1 + d3 + d5) + 2 x (d2 + d4 + d6), last digit."""
    d = [int(c) for c in six]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10


@dataclass(frozen=True)
class DeaProblem:
    kind: str      # "format" | "registrant_type" | "check_digit" | "last_name_initial"
    detail: str


def dea_problems(value: object, *, last_names: list[str],
                 registrant_types: str) -> list[DeaProblem]:
    """Everything wrong with a DEA number ([] when it is valid).

    ``last_names`` are the registrant's known last names (current and former); the second
    letter must be one of their initials, or '9' (business registrants).
    """
    dea = re.sub(r"[\s-]", "", str(value or "")).upper()
    m = _DEA_SHAPE.match(dea)
    if not m:
        return [DeaProblem("format", "a DEA number is two letters and seven digits")]
    problems: list[DeaProblem] = []
    if m[1] not in registrant_types.upper():
        problems.append(DeaProblem("registrant_type",
                                   f"first letter {m[1]} is not a DEA registrant type"))
    digits = m[3]
    expected = dea_check_digit(digits[:6])
    if expected != int(digits[6]):
        problems.append(DeaProblem("check_digit",
                                   f"check digit should be {expected}, not {digits[6]}"))
    initials = {fold(n)[:1].upper() for n in last_names if fold(n)}
    if m[2] != "9" and initials and m[2] not in initials:
        problems.append(DeaProblem(
            "last_name_initial",
            f"second letter {m[2]} is not the registrant's last-name initial "
            f"({'/'.join(sorted(initials))})"))
    return problems


def passes_check_digit(kind: str, value: object) -> bool:
    """Whether an NPI (``kind`` "npi") or a DEA number ("dea") has a valid shape and check
    digit (the DEA's registrant letters are not judged here)."""
    if kind == "npi":
        return npi_problem(value) is None
    return not dea_problems(value, last_names=[], registrant_types=string.ascii_uppercase)
