"""npi.registry_mismatch: the provider's NPI against the imported NPPES file.

Runs only when an NPPES file is imported. The NPI is the profile's (typed or read from a
CV), when it is a well-formed ten digits (a malformed one is identifier.invalid_npi's).
One finding per disagreement: not in the file (error), deactivated and not reactivated on
or before as_of (error), last name or first name disagreeing (warning; nicknames, initials
and former names count as agreeing), practice state disagreeing (warning), no taxonomy of
the record (primary first) within the profession's prefixes of
``data/npi_taxonomies.csv`` (warning).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from credintake.contract import Finding
from credintake.rules.context import RuleContext
from credintake.rules.equivalents import profession_code
from credintake.rules.names import ParsedName, compare_person
from credintake.rules.registry import get, register
from credintake.rules.screening import NpiRecord
from credintake.rules.tables import data_rows
from credintake.us_states import STATE_CODES, STATE_NAMES

RULE = "npi.registry_mismatch"


@lru_cache(maxsize=1)
def taxonomy_prefixes() -> dict[str, tuple[str, ...]]:
    """Profession code -> the taxonomy code prefixes of that profession."""
    out: dict[str, list[str]] = {}
    for profession, prefix in data_rows("npi_taxonomies.csv"):
        out.setdefault(profession, []).append(prefix)
    return {k: tuple(v) for k, v in out.items()}


@register(RULE, severity="warning")
def npi_registry_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """The NPI's NPPES record disagrees with the profile, or the NPI is not in it."""
    source = ctx.screening
    listed = source.nppes() if source is not None else None
    provider = ctx.profile.application.provider
    npi = re.sub(r"[\s-]", "", provider.npi or "") if provider else ""
    if source is None or listed is None or not re.fullmatch(r"\d{10}", npi):
        return
    rule = get(RULE)
    base = {"list": "nppes", "file_date": listed.file_date.isoformat(), "npi": npi}
    record = source.npi_record(npi)
    if record is None:
        yield rule.finding(severity="error", field="provider.npi", evidence={
            **base, "problem": "not_found"},
            message=(f"NPI {npi} is not in the NPPES file of {listed.file_date.isoformat()}: "
                     "check the number with the provider and on the NPI Registry."))
        return
    base["entry"] = _describe(record)
    if record.deactivated(ctx.as_of):
        yield rule.finding(severity="error", field="provider.npi", evidence={
            **base, "problem": "deactivated"},
            message=(f"NPI {npi} was deactivated on {record.deactivation_date} (NPPES file of "
                     f"{listed.file_date.isoformat()}) and not reactivated: it cannot be used."))
    if record.entity_type == "1" and not _name_agrees(ctx, record):
        yield rule.finding(field="provider.last_name", evidence={**base, "problem": "name"},
                           message=(f"NPPES lists NPI {npi} for {record.first_name} "
                                    f"{record.last_name}, not the provider: confirm the NPI."))
    state = _state(record.practice_state)
    if provider and provider.practice_state and state and state != provider.practice_state:
        yield rule.finding(field="provider.practice_state", evidence={
            **base, "problem": "state", "registry_state": state},
            message=(f"NPPES gives practice state {state} for NPI {npi}; the profile says "
                     f"{provider.practice_state}: ask the provider to update NPPES or confirm."))
    code = profession_code(provider.profession) if provider and provider.profession else None
    prefixes = taxonomy_prefixes().get(code or "")
    codes = [c for c, _ in sorted(record.taxonomies, key=lambda t: not t[1])]
    if prefixes and codes and not any(c.startswith(prefixes) for c in codes):
        yield rule.finding(field="provider.profession", evidence={
            **base, "problem": "taxonomy", "taxonomies": codes, "expected_prefixes": prefixes},
            message=(f"NPPES taxonomy {codes[0]} of NPI {npi} is not a {code}'s "
                     f"(expected {', '.join(prefixes)}...): confirm the NPI and profession."))


def _name_agrees(ctx: RuleContext, record: NpiRecord) -> bool:
    listed = ParsedName(first=record.first_name, middle=record.middle_name,
                        last=record.last_name, suffix="")
    names = [n for n in ctx.profile.known_names() if n.last]
    return not names or any(compare_person(listed, n).matches for n in names)


def _state(value: str | None) -> str | None:
    """NPPES prints the USPS code ("CA"); a full name is accepted too."""
    text = (value or "").strip()
    return text.upper() if text.upper() in STATE_NAMES else STATE_CODES.get(text.lower())


def _describe(record: NpiRecord) -> dict[str, object]:
    return {"last_name": record.last_name, "first_name": record.first_name,
            "practice_state": record.practice_state,
            "deactivation_date": (record.deactivation_date.isoformat()
                                  if record.deactivation_date else None),
            "reactivation_date": (record.reactivation_date.isoformat()
                                  if record.reactivation_date else None),
            "taxonomies": [[c, p] for c, p in record.taxonomies]}
