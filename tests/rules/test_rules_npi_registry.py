"""npi.registry_mismatch against NPPES records held in memory, and the profession ->
taxonomy prefix table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from credintake.contract import Application, Finding
from credintake.rules import evaluate
from credintake.rules.npi_registry import taxonomy_prefixes
from credintake.rules.screening import ListInfo, MemoryScreening, NpiRecord
from credintake.settings import RuleSettings

AS_OF = dt.date(2026, 11, 22)
NPPES = ListInfo("nppes", dt.date(2026, 11, 9), 1)
NPI = "1234567893"


def _record(**kw: Any) -> NpiRecord:
    base: dict[str, Any] = {"npi": NPI, "file_date": NPPES.file_date, "entity_type": "1",
                            "last_name": "TESTWELL", "first_name": "QUENTIN",
                            "practice_state": "CA", "taxonomies": (("207R00000X", True),)}
    base.update(kw)
    return NpiRecord(**base)


def _findings(record: NpiRecord | None, *, nppes: ListInfo | None = NPPES,
              **provider: Any) -> list[Finding]:
    person = {"first_name": "Quentin", "last_name": "Testwell", "npi": NPI, "profession": "MD",
              "practice_state": "CA", **provider}
    app = Application.model_validate({"provider": person})
    source = MemoryScreening(nppes_list=nppes, records={NPI: record} if record else {})
    out = evaluate([], app, [], as_of=AS_OF, settings=RuleSettings(), screening=source)
    return [f for f in out.findings if f.rule == "npi.registry_mismatch"]


def _problems(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.evidence["problem"], f.severity) for f in findings]


def test_agreeing_record_gives_no_finding() -> None:
    assert _findings(_record()) == []


def test_not_found_and_deactivated_are_errors() -> None:
    [f] = _findings(None)
    assert _problems([f]) == [("not_found", "error")] and f.evidence["file_date"] == "2026-11-09"
    assert _problems(_findings(_record(deactivation_date=dt.date(2025, 3, 1)))) == [
        ("deactivated", "error")]
    assert _findings(_record(deactivation_date=dt.date(2025, 3, 1),
                             reactivation_date=dt.date(2025, 6, 1))) == []


def test_name_state_and_taxonomy_disagreements_are_warnings() -> None:
    assert _problems(_findings(_record(last_name="SOMEONE", first_name="ELSE"))) == [
        ("name", "warning")]
    assert _problems(_findings(_record(practice_state="TX"))) == [("state", "warning")]
    [f] = _findings(_record(taxonomies=(("363LF0000X", True),)))
    assert _problems([f]) == [("taxonomy", "warning")]
    assert f.evidence["expected_prefixes"] == ["207", "208"] or \
        tuple(f.evidence["expected_prefixes"]) == ("207", "208")


def test_no_nppes_imported_means_no_check() -> None:
    assert _findings(None, nppes=None) == []


@pytest.mark.parametrize("profession, code, fits", [
    ("MD", "207R00000X", True), ("DO", "208D00000X", True), ("NP", "363LF0000X", True),
    ("PA", "363A00000X", True), ("CRNA", "367500000X", True), ("RN", "163W00000X", True),
    ("PharmD", "183500000X", True), ("NP", "207R00000X", False), ("MD", "163W00000X", False)])
def test_taxonomy_table(profession: str, code: str, fits: bool) -> None:
    assert code.startswith(taxonomy_prefixes()[profession]) is fits
