"""The published layouts, one parser per list: a CSV row in, a table row (dict) out.

Headers are matched by name, folded (case, spaces and punctuation ignored), so a column
the publisher moves or renames by punctuation ("State / Province", "State/Province") is
still found; a missing required column refuses the file before anything is written. A
row that cannot be read raises ``BadRow`` and is skipped by the importer with its line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from credintake.errors import UsageError
from credintake.rules.screening import name_key


class BadRow(ValueError):
    """A row that cannot be read (the importer reports it with its line number)."""


def fold_header(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _date(value: str, *, formats: tuple[str, ...]) -> dt.date | None:
    value = value.strip()
    if not value or set(value) <= {"0"}:
        return None
    for fmt in formats:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise BadRow(f"{value!r} is not a date")


def _npi(value: str) -> str | None:
    value = value.strip()
    if not value or set(value) <= {"0"}:
        return None
    if not re.fullmatch(r"\d{10}", value):
        raise BadRow(f"NPI {value!r} is not 10 digits")
    return value


@dataclass(frozen=True)
class Layout:
    """A list's columns (folded header names) and its row parser."""

    name: str
    table: str                        # "exclusions" or "npi"
    required: tuple[str, ...]
    parse: Callable[[Callable[[str], str]], dict[str, Any]]

    def reader(self, header: list[str]) -> Callable[[list[str]], dict[str, Any]]:
        """A function from a row to its table row, for a file with ``header``."""
        index = {fold_header(h): i for i, h in enumerate(header)}
        missing = [c for c in self.required if c not in index]
        if missing:
            raise UsageError(f"this is not a {self.name} file: the header lacks "
                             f"{', '.join(missing)}")
        width = len(header)

        def read(row: list[str]) -> dict[str, Any]:
            if len(row) != width:
                raise BadRow(f"{len(row)} columns, the header has {width}")

            def get(column: str) -> str:
                i = index.get(column)
                return row[i].strip() if i is not None else ""
            return self.parse(get)
        return read


def _leie(get: Callable[[str], str]) -> dict[str, Any]:
    last = get("lastname")
    ymd = ("%Y%m%d",)
    return {"name_key": name_key(last), "last_name": last, "first_name": get("firstname"),
            "middle_name": get("midname"), "business_name": get("busname") or None,
            "npi": _npi(get("npi")), "date_of_birth": _date(get("dob"), formats=ymd),
            "exclusion_type": get("excltype") or None,
            "exclusion_date": _date(get("excldate"), formats=ymd),
            "reinstatement_date": _date(get("reindate"), formats=ymd),
            "state": get("state") or None}


_SAM_DATES = ("%m/%d/%Y", "%Y-%m-%d", "%Y%m%d")


def _sam(get: Callable[[str], str]) -> dict[str, Any]:
    last = get("last")
    termination = get("terminationdate")
    ends = None if termination.lower() in ("", "indefinite") else _date(termination,
                                                                        formats=_SAM_DATES)
    individual = get("classification").lower() == "individual"
    return {"name_key": name_key(last) if individual else "", "last_name": last,
            "first_name": get("first"), "middle_name": get("middle"),
            "business_name": None if individual else get("name") or None,
            "npi": _npi(get("npi")), "date_of_birth": None,
            "exclusion_type": get("exclusiontype") or None,
            "exclusion_date": _date(get("activedate"), formats=_SAM_DATES),
            "reinstatement_date": ends, "state": get("stateprovince") or None}


_NPPES_DATES = ("%m/%d/%Y", "%Y-%m-%d", "%Y%m%d")
_SLOTS = range(1, 16)


def _nppes(get: Callable[[str], str]) -> dict[str, Any]:
    npi = _npi(get("npi"))
    if npi is None:
        raise BadRow("no NPI")
    taxonomies = [[code, get(f"healthcareproviderprimarytaxonomyswitch{i}") == "Y"]
                  for i in _SLOTS if (code := get(f"healthcareprovidertaxonomycode{i}"))]
    licenses = [[number, get(f"providerlicensenumberstatecode{i}")]
                for i in _SLOTS if (number := get(f"providerlicensenumber{i}"))]
    return {"npi": npi, "entity_type": get("entitytypecode") or None,
            "last_name": get("providerlastnamelegalname"),
            "first_name": get("providerfirstname"), "middle_name": get("providermiddlename"),
            "organization": get("providerorganizationnamelegalbusinessname"),
            "practice_state": get("providerbusinesspracticelocationaddressstatename") or None,
            "deactivation_date": _date(get("npideactivationdate"), formats=_NPPES_DATES),
            "reactivation_date": _date(get("npireactivationdate"), formats=_NPPES_DATES),
            "taxonomies": taxonomies, "licenses": licenses}


LAYOUTS: dict[str, Layout] = {
    "oig-leie": Layout("oig-leie", "exclusions",
                       ("lastname", "firstname", "midname", "busname", "npi", "dob",
                        "excltype", "excldate", "reindate"), _leie),
    "sam": Layout("sam", "exclusions",
                  ("classification", "name", "first", "middle", "last", "exclusiontype",
                   "activedate", "terminationdate"), _sam),
    "nppes": Layout("nppes", "npi",
                    ("npi", "entitytypecode", "providerlastnamelegalname",
                     "providerfirstname", "npideactivationdate",
                     "healthcareprovidertaxonomycode1",
                     "healthcareproviderprimarytaxonomyswitch1"), _nppes),
}
