"""identifier.invalid_npi / identifier.invalid_dea, attestation.stale,
malpractice.insufficient_coverage, document.unreadable / document.unclassified."""

from __future__ import annotations

import datetime as dt

import pytest

from credintake.contract import Application, Attestation, Dea, Malpractice, Provider
from credintake.problems import Problem
from rules_factories import AS_OF, doc, only, run


def test_invalid_npi_in_application_and_cv() -> None:
    app = Application(provider=Provider(first_name="A", last_name="Bell", npi="1234567890"))
    ev = run([doc("cv", "cv.pdf", page=3, npi="1234567891")], app)
    found = sorted((f.evidence["npi"], f.evidence["file"]) for f in only(ev, "identifier.invalid_npi"))
    assert found == [("1234567890", "application.json"), ("1234567891", "cv.pdf")]
    cv_finding = [f for f in only(ev, "identifier.invalid_npi") if f.evidence["file"] == "cv.pdf"][0]
    assert "cv.pdf p.3" in cv_finding.message and "NPPES" in cv_finding.message


def test_valid_npi_printed_and_typed_once() -> None:
    app = Application(provider=Provider(first_name="A", last_name="Bell", npi="1234567893"))
    assert only(run([doc("cv", "cv.pdf", npi="1234567893")], app), "identifier.invalid_npi") == []


@pytest.mark.parametrize("number, registrant, problems", [
    ("BB1388568", "BROWN, ALAN", []),
    ("BB1388567", "BROWN, ALAN", ["check_digit"]),
    ("BS1388568", "BROWN, ALAN", ["last_name_initial"]),
    ("B91388568", "BROWN, ALAN", []),
    ("B1388568", "BROWN, ALAN", ["format"]),
])
def test_dea(number: str, registrant: str, problems: list[str]) -> None:
    app = Application(provider=Provider(first_name="Alan", last_name="Brown"))
    ev = run([doc("dea_registration", "dea.pdf", registrant_name=registrant, dea_number=number)], app)
    found = only(ev, "identifier.invalid_dea")
    assert [f.evidence["problems"] for f in found] == ([problems] if problems else [])
    for f in found:
        assert "dea.pdf p.1" in f.message and f.field == "dea.dea_number"


def test_dea_under_maiden_name_is_valid() -> None:
    app = Application(provider=Provider(first_name="Ann", last_name="Smith",
                                        other_names=["Ann Brown"]),
                      dea=[Dea(dea_number="BB1388568")])
    assert only(run([], app), "identifier.invalid_dea") == []


@pytest.mark.parametrize("age, stale", [(0, False), (179, False), (180, False), (181, True),
                                        (400, True)])
def test_attestation_age(age: int, stale: bool) -> None:
    signed = (AS_OF - dt.timedelta(days=age)).isoformat()
    ev = run([], Application(attestation=Attestation(signed_date=signed)))
    found = only(ev, "attestation.stale")
    assert bool(found) is stale
    if stale:
        assert found[0].evidence["days"] == age and "re-attest" in found[0].message
        assert found[0].severity == "error"


def test_attestation_age_is_a_setting() -> None:
    signed = (AS_OF - dt.timedelta(days=130)).isoformat()
    app = Application(attestation=Attestation(signed_date=signed))
    assert only(run([], app, attestation_max_age_days=120), "attestation.stale")
    assert not only(run([], app), "attestation.stale")


@pytest.mark.parametrize("per_claim, aggregate, fields", [
    (1_000_000, 3_000_000, []),
    (999_999, 3_000_000, ["malpractice_insurance.per_claim_limit"]),
    (1_000_000, 2_999_999, ["malpractice_insurance.aggregate_limit"]),
    (500_000, 1_500_000, ["malpractice_insurance.aggregate_limit",
                          "malpractice_insurance.per_claim_limit"]),
    (2_000_000, 6_000_000, []),
])
def test_malpractice_minimums(per_claim, aggregate, fields) -> None:
    ev = run([doc("malpractice_insurance", "coi.pdf", page=2, carrier="MagMutual",
                  policy_number="PL9", per_claim_limit=per_claim, aggregate_limit=aggregate,
                  expiration_date="2027-06-30")])
    found = only(ev, "malpractice.insufficient_coverage")
    assert sorted(f.field for f in found) == fields
    for f in found:
        assert "coi.pdf p.2" in f.message and f.severity == "error"
        assert f.evidence["minimum"] in (1_000_000, 3_000_000)


def test_state_specific_minimums_are_settings() -> None:
    ev = run([doc("malpractice_insurance", "coi.pdf", policy_number="P", per_claim_limit=1_000_000,
                  aggregate_limit=3_000_000)],
             malpractice_min_per_claim=1_300_000, malpractice_min_aggregate=3_900_000)
    assert len(only(ev, "malpractice.insufficient_coverage")) == 2


def test_old_policy_is_not_judged_when_a_current_one_exists() -> None:
    app = Application(malpractice_insurance=[
        Malpractice(policy_number="OLD1", per_claim_limit=500_000, aggregate_limit=1_000_000,
                    expiration_date="2024-01-01"),
        Malpractice(policy_number="NEW2", per_claim_limit=1_000_000, aggregate_limit=3_000_000,
                    expiration_date="2027-01-01")])
    assert only(run([], app), "malpractice.insufficient_coverage") == []


def test_problems_become_document_findings() -> None:
    problems = [Problem("unreadable", "fax.tif", "encrypted PDF: ask for an unprotected copy", 3),
                Problem("unreadable", "fax.tif", "encrypted PDF: ask for an unprotected copy", 3),
                Problem("unclassified", "misc.pdf", "no document type scored above 0.5", None, 0)]
    docs = [doc("other", "misc.pdf")]
    ev = run(docs, problems=problems)
    (u,) = only(ev, "document.unreadable")
    assert "fax.tif p.3" in u.message and u.evidence["page"] == 3 and u.severity == "warning"
    (c,) = only(ev, "document.unclassified")
    assert c.message.startswith("misc.pdf:") and c.evidence["doc_type"] == "other"


def test_a_run_of_unreadable_pages_is_one_finding() -> None:
    over = "page beyond the 500-page limit was not read; split the file"
    problems = [Problem("unreadable", "big.pdf", over, n, 0) for n in range(501, 3001)]
    problems += [Problem("unreadable", "big.pdf", "the page image is damaged", 3001, 0),
                 Problem("unreadable", "fax.tif", over, 3002, 1)]
    ev = run([doc("other", "big.pdf"), doc("other", "fax.tif")], problems=problems)
    found = only(ev, "document.unreadable")
    got = [(f.evidence["page"], f.evidence.get("last_page")) for f in found]
    assert got == [(501, 3000), (3001, None), (3002, None)]
    first = found[0]
    assert "big.pdf p.501-3000 (2500 pages) could not be read (page beyond" in first.message


def test_unclassified_reason_is_not_said_twice() -> None:
    problems = [Problem("unclassified", "s.pdf", "the document's type could not be determined "
                        "(best guess state_license, probability 0.49)", 1, 0)]
    (f,) = only(run([doc("other", "s.pdf")], problems=problems), "document.unclassified")
    assert f.message.count("could not be determined") == 1
    assert f.message.startswith("s.pdf p.1: the document's type could not be determined (best")
