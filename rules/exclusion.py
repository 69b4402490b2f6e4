"""exclusion.match: the provider is on an imported exclusion or sanction list.

The lists (OIG LEIE, SAM.gov exclusions) are imported into the service's database
(api/exclusion_lists.py); the pipeline looks up the entries that share a last name with the
applicant or one of their other names (api/screening.py) and hands them to this rule as a
``Screening``, so the rule itself never touches a database.

An entry names the provider when its person's name agrees with the applicant's (first name
as spelled, as a nickname or an initial; ``provider.other_names`` count) and it was still in
force on ``as_of`` (a reinstatement or a SAM termination date on or before it ends it). Then:
a matching NPI or date of birth is an error; a conflicting one (and none matching) tells two
people apart, so nothing is raised; nothing to tell them apart is a warning asking a person to
verify against the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from credintake.contract import Finding
from credintake.rules.names import ParsedName, compare_person, fold, parse_name
from credintake.rules.registry import get, register

if TYPE_CHECKING:
    from credintake.rules.context import RuleContext

LIST_NAMES = {"oig-leie": "HHS-OIG List of Excluded Individuals/Entities (LEIE)",
              "sam": "SAM.gov exclusions"}


@dataclass(frozen=True)
class ListEntry:
    """One excluded person of one list version, as published."""

    kind: str
    file_date: dt.date
    line: int
    last_name: str
    first_name: str = ""
    middle_name: str = ""
    npi: str | None = None
    date_of_birth: dt.date | None = None
    exclusion_type: str | None = None
    exclusion_date: dt.date | None = None
    end_date: dt.date | None = None
    state: str | None = None


@dataclass
class Screening:
    """The lists in force and the entries sharing a last name with the applicant."""

    lists: dict[str, dt.date] = field(default_factory=dict)  # kind -> file date
    entries: list[ListEntry] = field(default_factory=list)


class ScreeningSource(Protocol):
    def lookup(self, last_names: set[str]) -> Screening | None: ...


def last_name_keys(names: list[ParsedName]) -> set[str]:
    """Look-up keys: the folded last names, each part of a compound one too."""
    keys = set()
    for n in names:
        if n.last:
            keys.add(fold(n.last))
            keys |= {fold(part) for part in n.last.replace("-", " ").split() if len(part) > 1}
    return {k for k in keys if k}


def applicant_names(ctx: RuleContext) -> list[ParsedName]:
    p = ctx.profile.application.provider
    if p is None or not p.last_name:
        return []
    main = ParsedName(first=p.first_name or "", middle=p.middle_name or "", last=p.last_name,
                      suffix=p.suffix or "", raw=" ".join(filter(None, (p.first_name, p.last_name))))
    return [main, *(parse_name(o) for o in (p.other_names or []) if o)]


def _in_force(entry: ListEntry, as_of: dt.date) -> bool:
    return entry.end_date is None or entry.end_date > as_of


def _identifiers(entry: ListEntry, npi: str | None, dob: str | None) -> tuple[list[str], list[str]]:
    """(identifiers that match, identifiers that conflict)."""
    same, other = [], []
    if entry.npi and npi:
        (same if entry.npi == npi else other).append("npi")
    if entry.date_of_birth and dob:
        printed = entry.date_of_birth.isoformat()
        (same if printed.startswith(dob) or dob.startswith(printed) else other).append("date_of_birth")
    return same, other


@register("exclusion.match", severity="error")
def exclusion_match(ctx: RuleContext) -> Iterator[Finding]:
    """The provider matches an entry of an imported exclusion or sanction list."""
    if ctx.screening is None or not ctx.screening.entries:
        return
    rule = get("exclusion.match")
    names = applicant_names(ctx)
    p = ctx.profile.application.provider
    npi, dob = (p.npi, p.date_of_birth) if p is not None else (None, None)
    for entry in ctx.screening.entries:
        if not _in_force(entry, ctx.as_of):
            continue
        listed = ParsedName(first=entry.first_name, middle=entry.middle_name, last=entry.last_name,
                            raw=f"{entry.first_name} {entry.last_name}")
        best = max((compare_person(listed, n) for n in names), key=lambda m: (m.matches, m.score),
                   default=None)
        if best is None or not best.matches:
            continue
        same, other = _identifiers(entry, npi, dob)
        if other and not same:
            continue  # another person of the same name
        yield _finding(rule, entry, best.score, same)


def _finding(rule, entry: ListEntry, score: float, same: list[str]) -> Finding:  # noqa: ANN001
    listed = LIST_NAMES.get(entry.kind, entry.kind)
    person = " ".join(filter(None, (entry.first_name, entry.middle_name, entry.last_name)))
    if same:
        message = (f"The provider is on the {listed} (file of {entry.file_date.isoformat()}, line "
                   f"{entry.line}): {person}, matched by name and {' and '.join(same)}. An excluded "
                   "provider cannot be paid by Medicare or Medicaid: stop and escalate.")
    else:
        message = (f"The {listed} (file of {entry.file_date.isoformat()}, line {entry.line}) lists "
                   f"{person}, the provider's name, with nothing that tells them apart: verify the "
                   "entry against the provider's NPI and date of birth before going on.")
    return rule.finding(
        field="provider", message=message, severity="error" if same else "warning",
        evidence={"list": entry.kind, "file_date": entry.file_date.isoformat(),
                  "entry": {"line": entry.line, "name": person, "npi": entry.npi,
                            "exclusion_type": entry.exclusion_type,
                            "exclusion_date": entry.exclusion_date.isoformat()
                            if entry.exclusion_date else None, "state": entry.state},
                  "matched": ["name", *same], "score": round(score, 1)})
