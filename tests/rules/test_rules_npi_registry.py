"""npi.registry_mismatch against imported NPPES records, and the taxonomy data table."""

from __future__ import annotations

import datetime as dt

import pytest

from credintake.contract import Application, Provider
from credintake.rules import evaluate
from credintake.rules.npi_registry import taxonomy_prefixes
from credintake.rules.screening import ListInfo, MemoryScreening, NpiRecord
from credintake.settings import RuleSettings
from rules_factories import AS_OF, only

NPI = "1234567893"
FILE_DATE = dt.date(2026, 11, 9)


def _record(**kw: object) -> NpiRecord:
    base: dict[str, object] = {"npi": NPI, "file_date": FILE_DATE, "entity_type": "1",
                               "last_name": "KOWALSKI", "first_name": "ROBERT",
                               "practice_state": "OH", "taxonomies": (("207R00000X", True),)}
    return NpiRecord(**{**base, **kw})  # type: ignore[arg-type]


def _check(record: NpiRecord | None, *, nppes: bool = True, **provider: object):
    source = MemoryScreening(nppes_list=ListInfo("nppes", FILE_DATE, 1) if nppes else None,
                             records={NPI: record} if record else {})
    who = {"first_name": "Bob", "last_name": "Kowalski", "npi": NPI, "profession": "MD",
           "practice_state": "OH", **provider}
    ev = evaluate([], Application(provider=Provider(**who)), [], as_of=AS_OF,  # type: ignore[arg-type]
                  settings=RuleSettings(), screening=source)
    return only(ev, "npi.registry_mismatch")


def test_an_agreeing_record_gives_no_finding() -> None:
    assert _check(_record()) == []


def test_no_nppes_imported_no_check() -> None:
    assert _check(None, nppes=False) == []


def test_not_found_is_an_error() -> None:
    [f] = _check(None)
    assert f.severity == "error" and f.evidence["problem"] == "not_found"
    assert f.evidence["file_date"] == "2026-11-09" and f.evidence["npi"] == NPI


@pytest.mark.parametrize("record, problems", [
    (_record(deactivation_date=dt.date(2025, 1, 2)), ["deactivated"]),
    (_record(deactivation_date=dt.date(2025, 1, 2), reactivation_date=dt.date(2025, 3, 1)), []),
    (_record(last_name="NGUYEN", first_name="LAN"), ["name"]),
    (_record(practice_state="TX"), ["state"]),
    (_record(taxonomies=(("363LF0000X", True),)), ["taxonomy"]),
    (_record(taxonomies=(("363LF0000X", True), ("208D00000X", False))), []),
], ids=["deactivated", "reactivated", "name", "state", "taxonomy", "secondary-taxonomy"])
def test_each_disagreement(record: NpiRecord, problems: list[str]) -> None:
    found = _check(record)
    assert [f.evidence["problem"] for f in found] == problems
    for f in found:
        assert f.severity == ("error" if f.evidence["problem"] == "deactivated" else "warning")


@pytest.mark.parametrize("profession, code, agrees", [
    ("MD", "207Q00000X", True), ("DO", "208D00000X", True), ("NP", "363LF0000X", True),
    ("PA", "363A00000X", True), ("CRNA", "367500000X", True), ("RN", "163W00000X", True),
    ("PharmD", "183500000X", True), ("NP", "363A00000X", False), ("MD", "163W00000X", False),
])
def test_taxonomy_table(profession: str, code: str, agrees: bool) -> None:
    assert code.startswith(taxonomy_prefixes()[profession]) is agrees
    found = _check(_record(taxonomies=((code, True),)), profession=profession)
    assert bool(found) is not agrees
