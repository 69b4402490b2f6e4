"""What the screening rules read: entries of imported exclusion lists and NPPES records.

Rules stay pure: they never open the database. The pipeline hands the RuleContext a
``ScreeningSource`` (``credintake.api.lists.source.DatabaseScreening`` in the service and the
CLI, ``MemoryScreening`` in tests and for callers that already hold the entries), and the
rules ask it for candidates by name key or NPI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from credintake.rules.names import fold

#: The lists the service can import, by the name the CLI and the evidence use.
EXCLUSION_LISTS = ("oig-leie", "sam")
NPPES = "nppes"


def name_key(last_name: str | None) -> str:
    """The index key of a last name: its first three folded letters (fuzzy matching then
    compares the whole name among the few entries sharing the key)."""
    return fold(last_name)[:3]


@dataclass(frozen=True)
class ListInfo:
    """One active imported list version."""

    name: str
    file_date: dt.date
    rows: int


@dataclass(frozen=True)
class ExclusionEntry:
    """A person on an exclusion list (business-only rows are not screened against people)."""

    list_name: str
    file_date: dt.date
    line: int
    last_name: str
    first_name: str = ""
    middle_name: str = ""
    npi: str | None = None
    date_of_birth: dt.date | None = None
    exclusion_type: str | None = None
    exclusion_date: dt.date | None = None
    reinstatement_date: dt.date | None = None
    state: str | None = None

    def in_force(self, as_of: dt.date) -> bool:
        """Excluded on ``as_of``: not yet reinstated, and not excluded only later."""
        if self.reinstatement_date is not None and self.reinstatement_date <= as_of:
            return False
        return self.exclusion_date is None or self.exclusion_date <= as_of

    def describe(self) -> dict[str, object]:
        """The entry as evidence (what a specialist needs to find it in the source file)."""
        return {"line": self.line, "last_name": self.last_name, "first_name": self.first_name,
                "middle_name": self.middle_name, "npi": self.npi,
                "date_of_birth": self.date_of_birth.isoformat() if self.date_of_birth else None,
                "exclusion_type": self.exclusion_type,
                "exclusion_date": (self.exclusion_date.isoformat()
                                   if self.exclusion_date else None),
                "state": self.state}


@dataclass(frozen=True)
class NpiRecord:
    """The fields of an NPPES row that the registry check compares."""

    npi: str
    file_date: dt.date
    entity_type: str | None = None
    last_name: str = ""
    first_name: str = ""
    middle_name: str = ""
    organization: str = ""
    practice_state: str | None = None
    deactivation_date: dt.date | None = None
    reactivation_date: dt.date | None = None
    #: (taxonomy code, primary)
    taxonomies: tuple[tuple[str, bool], ...] = ()
    #: (licence number, state)
    licenses: tuple[tuple[str, str], ...] = ()

    def deactivated(self, as_of: dt.date) -> bool:
        if self.deactivation_date is None or self.deactivation_date > as_of:
            return False
        return not (self.reactivation_date is not None
                    and self.deactivation_date <= self.reactivation_date <= as_of)


class ScreeningSource(Protocol):
    """The imported lists, as the rules may query them."""

    def exclusion_lists(self) -> list[ListInfo]:
        """The active exclusion list versions (empty: nothing imported, no screening)."""
        ...

    def exclusion_candidates(self, keys: Iterable[str], npis: Iterable[str]
                             ) -> list[ExclusionEntry]:
        """Entries whose ``name_key`` is one of ``keys`` or whose NPI is one of ``npis``."""
        ...

    def nppes(self) -> ListInfo | None:
        """The active NPPES version, if one was imported."""
        ...

    def npi_record(self, npi: str) -> NpiRecord | None:
        ...


@dataclass
class MemoryScreening:
    """A screening source over entries held in memory."""

    lists: list[ListInfo] = field(default_factory=list)
    entries: list[ExclusionEntry] = field(default_factory=list)
    nppes_list: ListInfo | None = None
    records: dict[str, NpiRecord] = field(default_factory=dict)

    def exclusion_lists(self) -> list[ListInfo]:
        return list(self.lists)

    def exclusion_candidates(self, keys: Iterable[str], npis: Iterable[str]
                             ) -> list[ExclusionEntry]:
        k, n = set(keys), set(npis)
        return [e for e in self.entries if name_key(e.last_name) in k or (e.npi and e.npi in n)]

    def nppes(self) -> ListInfo | None:
        return self.nppes_list

    def npi_record(self, npi: str) -> NpiRecord | None:
        return self.records.get(npi)
