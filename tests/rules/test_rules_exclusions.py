"""exclusion.match over a screening source held in memory: error on an agreeing NPI or date
of birth, warning when nothing tells the two apart, silence for another person of the same
name, a reinstated entry, or no imported list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from credintake.contract import Application, Finding
from credintake.rules import evaluate
from credintake.rules.screening import ExclusionEntry, ListInfo, MemoryScreening
from credintake.settings import RuleSettings

AS_OF = dt.date(2026, 11, 22)
LEIE = ListInfo("oig-leie", dt.date(2026, 11, 1), 3)


def _entry(**kw: Any) -> ExclusionEntry:
    base: dict[str, Any] = {"list_name": "oig-leie", "file_date": dt.date(2026, 11, 1),
                            "line": 7, "last_name": "TESTWELL", "first_name": "QUENTIN",
                            "middle_name": "R", "exclusion_type": "1128b4",
                            "exclusion_date": dt.date(2020, 1, 15), "state": "CA"}
    base.update(kw)
    return ExclusionEntry(**base)


def _findings(entries: list[ExclusionEntry], *, lists: list[ListInfo] | None = None,
              **provider: Any) -> list[Finding]:
    person = {"first_name": "Quentin", "middle_name": "R", "last_name": "Testwell", **provider}
    app = Application.model_validate({"provider": person})
    source = MemoryScreening(lists=[LEIE] if lists is None else lists, entries=entries)
    out = evaluate([], app, [], as_of=AS_OF, settings=RuleSettings(), screening=source)
    return [f for f in out.findings if f.rule == "exclusion.match"]


def test_matching_npi_is_an_error_whose_evidence_names_the_list_and_entry(
        schema_validator) -> None:
    [f] = _findings([_entry(npi="1234567893")], npi="1234567893")
    assert f.severity == "error" and f.field == "provider.last_name"
    ev = f.evidence
    assert ev["list"] == "oig-leie" and ev["file_date"] == "2026-11-01"
    assert ev["entry"]["line"] == 7 and ev["entry"]["npi"] == "1234567893"
    assert ev["matched"] == ["name", "npi"] and ev["score"] == 100.0
    schema_validator("result.schema.json", {
        "packet_id": "p", "as_of": "2026-11-22", "service_version": "t", "documents": [],
        "profile": {}, "reconciliation": [], "timings_ms": {},
        "findings": [f.model_dump(mode="json", exclude_none=True)]})


def test_matching_date_of_birth_is_an_error() -> None:
    [f] = _findings([_entry(date_of_birth=dt.date(1970, 1, 1))], date_of_birth="1970-01-01")
    assert f.severity == "error" and f.evidence["matched"] == ["name", "date_of_birth"]


def test_same_name_with_nothing_to_tell_apart_is_a_warning() -> None:
    [f] = _findings([_entry()], npi="1234567893")
    assert f.severity == "warning" and f.evidence["matched"] == ["name"]
    assert "verify" in f.message


def test_same_name_with_another_npi_or_date_of_birth_is_someone_else() -> None:
    assert _findings([_entry(npi="1245319599")], npi="1234567893") == []
    assert _findings([_entry(date_of_birth=dt.date(1981, 5, 5))], date_of_birth="1970-01-01") == []


def test_reinstated_entry_does_not_match_but_a_later_reinstatement_does() -> None:
    assert _findings([_entry(npi="1234567893", reinstatement_date=dt.date(2024, 2, 1))],
                     npi="1234567893") == []
    [f] = _findings([_entry(npi="1234567893", reinstatement_date=dt.date(2027, 1, 1))],
                    npi="1234567893")
    assert f.severity == "error"


def test_nickname_fuzzy_last_name_and_former_name_match() -> None:
    [f] = _findings([_entry(first_name="ROBERT", middle_name="", last_name="TESTWEL")],
                    first_name="Bob", middle_name=None)
    assert f.severity == "warning" and f.evidence["score"] >= 90
    [g] = _findings([_entry(last_name="MAIDENNAME")], other_names=["Quentin Maidenname"])
    assert g.evidence["entry"]["last_name"] == "MAIDENNAME"


def test_a_different_first_name_or_no_list_gives_no_finding() -> None:
    assert _findings([_entry(first_name="MARGARET")]) == []
    assert _findings([_entry(npi="1234567893")], lists=[], npi="1234567893") == []
    app = Application.model_validate({"provider": {"first_name": "Quentin",
                                                   "last_name": "Testwell"}})
    out = evaluate([], app, [], as_of=AS_OF, settings=RuleSettings(), screening=None)
    assert not [f for f in out.findings if f.rule == "exclusion.match"]


def test_npi_match_alone_with_another_name_is_an_error() -> None:
    [f] = _findings([_entry(last_name="OTHERNAME", first_name="ZED", npi="1234567893")],
                    npi="1234567893")
    assert f.severity == "error" and f.evidence["matched"] == ["npi"] and f.evidence["score"] is None
