"""exclusion.match: error on an agreeing NPI or date of birth, warning on a bare name,
nothing on a conflicting identifier, a reinstated entry or when no list is imported."""

from __future__ import annotations

import datetime as dt

import pytest

from credintake.contract import Application, Provider
from credintake.rules import evaluate
from credintake.rules.screening import ExclusionEntry, ListInfo, MemoryScreening
from credintake.settings import RuleSettings
from rules_factories import AS_OF, only

FILE_DATE = dt.date(2026, 11, 1)


def _entry(**kw: object) -> ExclusionEntry:
    base: dict[str, object] = {"list_name": "oig-leie", "file_date": FILE_DATE, "line": 7,
                               "last_name": "KOWALSKI", "first_name": "ROBERT",
                               "middle_name": "J", "exclusion_type": "1128b4",
                               "exclusion_date": dt.date(2020, 1, 15), "state": "OH"}
    return ExclusionEntry(**{**base, **kw})  # type: ignore[arg-type]


def _screen(entry: ExclusionEntry | None, **provider: object):
    source = MemoryScreening(lists=[ListInfo("oig-leie", FILE_DATE, 1)],
                             entries=[entry] if entry else [])
    who = {"first_name": "Robert", "last_name": "Kowalski", **provider}
    app = Application(provider=Provider(**who))  # type: ignore[arg-type]
    ev = evaluate([], app, [], as_of=AS_OF, settings=RuleSettings(), screening=source)
    return only(ev, "exclusion.match")


def test_matching_npi_is_an_error_with_the_list_and_entry_as_evidence() -> None:
    [f] = _screen(_entry(npi="1234567893"), npi="1234567893")
    assert f.severity == "error" and f.field == "provider.last_name"
    assert f.evidence["list"] == "oig-leie" and f.evidence["file_date"] == "2026-11-01"
    assert f.evidence["matched"] == ["name", "npi"] and f.evidence["score"] == 100.0
    assert f.evidence["entry"]["line"] == 7 and f.evidence["entry"]["npi"] == "1234567893"
    assert "do not approve" in f.message.lower()


def test_matching_date_of_birth_with_a_nickname_is_an_error() -> None:
    [f] = _screen(_entry(first_name="BOB", date_of_birth=dt.date(1970, 3, 4)),
                  date_of_birth="1970-03-04")
    assert f.severity == "error" and f.evidence["matched"] == ["name", "date_of_birth"]
    assert f.evidence["score"] == 90.0


def test_a_bare_name_match_is_a_warning_asking_for_verification() -> None:
    [f] = _screen(_entry())
    assert f.severity == "warning" and f.evidence["matched"] == ["name"]
    assert "verify the identity" in f.message


def test_former_name_and_a_fuzzy_last_name_match() -> None:
    [f] = _screen(_entry(last_name="NOWAKOWSKA", first_name="ROBERTA"), first_name="Roberta",
                  other_names=["Nowakowski"], date_of_birth="1970-03-04")
    assert f.severity == "warning" and f.evidence["score"] >= 90


@pytest.mark.parametrize("entry, provider", [
    (_entry(npi="1234567893"), {"npi": "1987654321"}),
    (_entry(date_of_birth=dt.date(1955, 1, 1)), {"date_of_birth": "1970-03-04"}),
    (_entry(first_name="ANNA"), {}),
    (_entry(last_name="KOWALCZYK"), {}),
    (_entry(reinstatement_date=dt.date(2024, 5, 1)), {}),
    (_entry(exclusion_date=AS_OF + dt.timedelta(days=3)), {}),
    (_entry(first_name="", middle_name=""), {}),
], ids=["other-npi", "other-dob", "other-first-name", "other-last-name", "reinstated",
        "excluded-later", "business-row"])
def test_no_finding(entry: ExclusionEntry, provider: dict[str, object]) -> None:
    assert _screen(entry, **provider) == []


def test_reinstated_after_as_of_still_matches() -> None:
    [f] = _screen(_entry(reinstatement_date=AS_OF + dt.timedelta(days=1)))
    assert f.severity == "warning"


def test_the_npi_alone_matches_even_under_another_name() -> None:
    [f] = _screen(_entry(last_name="SMITH", npi="1234567893"), npi="1234567893")
    assert f.severity == "error" and f.evidence["matched"] == ["npi"]
    assert f.evidence["score"] is None


def test_no_list_imported_no_screening() -> None:
    app = Application(provider=Provider(first_name="Robert", last_name="Kowalski"))
    for source in (None, MemoryScreening(entries=[_entry()])):
        ev = evaluate([], app, [], as_of=AS_OF, settings=RuleSettings(), screening=source)
        assert only(ev, "exclusion.match") == []
