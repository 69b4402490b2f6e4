"""Reconciliation statuses and scores, per value kind."""

from __future__ import annotations

import pytest

from credintake.contract import (Application, BoardCertification, Education, License,
                                 Malpractice, Provider, WorkHistory)
from rules_factories import doc, run


def _items(ev, field):
    return [r for r in ev.reconciliation if r.field == field]


@pytest.mark.parametrize("typed, printed, status", [
    ("A12345", "A-12345", "match"),
    ("a12345", "A12345", "match"),
    ("A12345", "A12354", "mismatch"),     # swapped digits: probable typo
    ("A12345", "A1234", "mismatch"),
])
def test_identifiers(typed: str, printed: str, status: str) -> None:
    ev = run([doc("state_license", "l.pdf", license_number=printed, issuing_state="CA")],
             Application(licenses=[License(license_number=typed, issuing_state="CA")]))
    (item,) = _items(ev, "licenses.license_number")
    assert item.status == status
    assert (item.application_value, item.document_value) == (typed, printed)
    assert item.source.file == "l.pdf" and item.source.page == 1


def test_one_edit_identifier_is_flagged_as_probable_typo() -> None:
    ev = run([doc("state_license", "scan_0003.pdf", license_number="A12354", issuing_state="CA")],
             Application(licenses=[License(license_number="A12345", issuing_state="CA")]))
    (f,) = [f for f in ev.findings if f.rule == "reconciliation.mismatch"]
    assert f.severity == "error" and f.field == "licenses.license_number"
    assert f.evidence["probable_typo"] is True
    assert "A12345" in f.message and "A12354" in f.message and "scan_0003.pdf p.1" in f.message


@pytest.mark.parametrize("typed, printed, status", [
    ("2027-03-31", "03/31/2027", "match"),
    ("2027-03", "2027-03-31", "match"),       # different precision: compared by month
    ("2027", "2027-06-30", "match"),
    ("2027-03-31", "2027-04-30", "mismatch"),
])
def test_dates(typed: str, printed: str, status: str) -> None:
    ev = run([doc("state_license", "l.pdf", license_number="A1", expiration_date=printed)],
             Application(licenses=[License(license_number="A1", expiration_date=typed)]))
    (item,) = _items(ev, "licenses.expiration_date")
    assert item.status == status


@pytest.mark.parametrize("typed, printed, status", [
    ("Saint Mary Medical Center", "St. Mary Med. Ctr", "match"),
    ("Univ. of Michigan Hosp.", "University of Michigan Hospital", "match"),
    ("Mercy Hospital", "Mercy Hosp", "match"),
])
def test_free_text_employers(typed: str, printed: str, status: str) -> None:
    ev = run([doc("cv", "cv.pdf", entries={"work_history": [
        {"employer": printed, "start_date": "2020-01", "end_date": "2022-01"}]})],
        Application(work_history=[WorkHistory(employer=typed, start_date="2020-01-01",
                                              end_date="2022-01-31")]))
    (item,) = _items(ev, "work_history.employer")
    assert item.status == status and item.score >= 88


def test_board_acronym_and_money() -> None:
    ev = run([doc("board_certification", "b.pdf", board="American Board of Internal Medicine",
                  specialty="Internal Medicine"),
              doc("malpractice_insurance", "m.pdf", carrier="The Doctors Company",
                  policy_number="PL1", per_claim_limit=1_000_000, aggregate_limit=3_000_000)],
             Application(board_certifications=[BoardCertification(board="ABIM",
                                                                  specialty="Internal Medicine")],
                         malpractice_insurance=[Malpractice(carrier="TDC", policy_number="PL1",
                                                            per_claim_limit=1_000_000,
                                                            aggregate_limit=2_000_000)]))
    assert _items(ev, "board_certifications.board")[0].status == "match"
    assert _items(ev, "malpractice_insurance.per_claim_limit")[0].status == "match"
    agg = _items(ev, "malpractice_insurance.aggregate_limit")[0]
    assert agg.status == "mismatch" and agg.document_value == 3_000_000


def test_missing_in_documents_and_filled() -> None:
    ev = run([doc("state_license", "l.pdf", license_number="A1", issuing_state="CA",
                  status="Active")],
             Application(licenses=[License(license_number="A1", issuing_state="CA",
                                           issue_date="2019-01-01"),
                                   License(license_number="Z9", issuing_state="NV")]))
    statuses = {(r.field, r.application_value, r.status) for r in ev.reconciliation}
    assert ("licenses.issue_date", "2019-01-01", "missing_in_documents") in statuses
    assert ("licenses.license_number", "Z9", "missing_in_documents") in statuses
    assert ("licenses.status", None, "filled_from_document") in statuses


@pytest.mark.parametrize("first, middle, last, printed, statuses", [
    ("Robert", "James", "Smith", "BOB SMITH", {"provider.first_name": "match"}),
    ("Robert", "James", "Smith", "ROBERT J SMITH, MD", {"provider.middle_name": "match"}),
    ("Margaret", None, "Jones", "PEGGY JONES", {"provider.first_name": "match"}),
    ("Robert", None, "Smith", "ROBERT SMITH", {"provider.last_name": "match"}),
    ("Robert", None, "Smith", "ROBERT BROWN", {"provider.last_name": "mismatch"}),
])
def test_name_items(first, middle, last, printed, statuses) -> None:
    ev = run([doc("state_license", "l.pdf", holder_name=printed, license_number="A1")],
             Application(provider=Provider(first_name=first, middle_name=middle, last_name=last)))
    got = {r.field: r.status for r in ev.reconciliation if r.field.startswith("provider.")}
    for field, status in statuses.items():
        assert got[field] == status
    # name disagreements are identity findings, never reconciliation.mismatch
    assert not [f for f in ev.findings if f.rule == "reconciliation.mismatch"]


def test_former_name_last_name_is_a_match() -> None:
    ev = run([doc("state_license", "l.pdf", holder_name="JANE MILLER", license_number="A1")],
             Application(provider=Provider(first_name="Jane", last_name="Doe",
                                           other_names=["Jane Miller"])))
    (item,) = _items(ev, "provider.last_name")
    assert item.status == "match"


def test_education_kind_from_diploma_matches_without_an_item_missing() -> None:
    ev = run([doc("diploma", "d.pdf", institution="Univ. of Iowa", degree="Doctor of Medicine",
                  completion_date="2012-05-20")],
             Application(education=[Education(kind="degree", institution="University of Iowa",
                                              degree="MD", end_date="2012-05")]))
    by_field = {r.field: r.status for r in ev.reconciliation}
    assert by_field["education.kind"] == "match"
    assert by_field["education.degree"] == "match"
    assert by_field["education.end_date"] == "match"
