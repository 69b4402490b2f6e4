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


Reader = Callable[[list[str]], dict[str, Any]]
Getter = Callable[[str], str]


@dataclass(frozen=True)
class Layout:
    """A list's columns (folded header names) and how to read its rows."""

    name: str
    table: str                        # "exclusions" or "npi"
    required: tuple[str, ...]
    #: column index by folded name -> a function from a row to its table row
    prepare: Callable[[dict[str, int]], Reader]

    def reader(self, header: list[str]) -> Reader:
        """A function from a row to its table row, for a file with ``header``."""
        index = {fold_header(h): i for i, h in enumerate(header)}
        missing = [c for c in self.required if c not in index]
        if missing:
            raise UsageError(f"this is not a {self.name} file: the header lacks "
                             f"{', '.join(missing)}")
        width = len(header)
        parse = self.prepare(index)

        def read(row: list[str]) -> dict[str, Any]:
            if len(row) != width:
                raise BadRow(f"{len(row)} columns, the header has {width}")
            return parse(row)
        return read


def by_name(parse: Callable[[Getter], dict[str, Any]]) -> Callable[[dict[str, int]], Reader]:
    """For the short lists: ``parse`` reads cells by folded column name."""
    def prepare(index: dict[str, int]) -> Reader:
        def read(row: list[str]) -> dict[str, Any]:
            def get(column: str) -> str:
                i = index.get(column)
                return row[i].strip() if i is not None else ""
            return parse(get)
        return read
    return prepare


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


def _nppes(index: dict[str, int]) -> Reader:
    """NPPES rows by precomputed column positions: 330 columns, 8M rows, so no lookups
    by name per cell."""
    def at(column: str) -> int | None:
        return index.get(column)

    npi, entity = index["npi"], at("entitytypecode")
    names = [at(c) for c in ("providerlastnamelegalname", "providerfirstname",
                             "providermiddlename", "providerorganizationnamelegalbusinessname",
                             "providerbusinesspracticelocationaddressstatename")]
    deact, react = at("npideactivationdate"), at("npireactivationdate")
    taxonomy = [(i, at(f"healthcareproviderprimarytaxonomyswitch{n}")) for n in _SLOTS
                if (i := at(f"healthcareprovidertaxonomycode{n}")) is not None]
    license_ = [(i, at(f"providerlicensenumberstatecode{n}")) for n in _SLOTS
                if (i := at(f"providerlicensenumber{n}")) is not None]

    def cell(row: list[str], i: int | None) -> str:
        return row[i].strip() if i is not None else ""

    def read(row: list[str]) -> dict[str, Any]:
        number = _npi(row[npi])
        if number is None:
            raise BadRow("no NPI")
        last, first, middle, org, state = (cell(row, i) for i in names)
        return {"npi": number, "entity_type": cell(row, entity) or None,
                "last_name": last, "first_name": first, "middle_name": middle,
                "organization": org, "practice_state": state or None,
                "deactivation_date": _date(cell(row, deact), formats=_NPPES_DATES),
                "reactivation_date": _date(cell(row, react), formats=_NPPES_DATES),
                "taxonomies": [[code, cell(row, p) == "Y"] for i, p in taxonomy
                               if (code := row[i].strip())],
                "licenses": [[lic, cell(row, s)] for i, s in license_
                             if (lic := row[i].strip())]}
    return read


LAYOUTS: dict[str, Layout] = {
    "oig-leie": Layout("oig-leie", "exclusions",
                       ("lastname", "firstname", "midname", "busname", "npi", "dob",
                        "excltype", "excldate", "reindate"), by_name(_leie)),
    "sam": Layout("sam", "exclusions",
                  ("classification", "name", "first", "middle", "last", "exclusiontype",
                   "activedate", "terminationdate"), by_name(_sam)),
    "nppes": Layout("nppes", "npi",
                    ("npi", "entitytypecode", "providerlastnamelegalname",
                     "providerfirstname", "npideactivationdate",
                     "healthcareprovidertaxonomycode1",
                     "healthcareproviderprimarytaxonomyswitch1"), _nppes),
}
