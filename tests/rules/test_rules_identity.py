"""identity.name_mismatch: a document belonging to someone else."""

from __future__ import annotations

import pytest

from credintake.contract import Application, Provider
from rules_factories import doc, only, run

APP = Application(provider=Provider(first_name="Margaret", middle_name="Anne", last_name="Doe",
                                    suffix=None, other_names=["Margaret Miller", "Molly Doe"]))


@pytest.mark.parametrize("printed", [
    "MARGARET A DOE, MD", "Peggy Doe", "DOE, MARGARET ANNE", "M. Doe", "Margaret Miller",
    "MARGARET DOE-MILLER", "Maggie A. Doe, DO", "Molly Doe", "Anne Doe",
])
def test_look_alikes_are_the_applicant(printed: str) -> None:
    ev = run([doc("state_license", "l.pdf", holder_name=printed, license_number="A1")], APP)
    assert only(ev, "identity.name_mismatch") == []


@pytest.mark.parametrize("printed, severity", [
    ("JOHN SMITH, MD", "error"),
    ("MARGARET B DOE", "warning"),     # contradicting middle initial, otherwise close
    ("Margaret Dae", "warning"),       # one letter off: probably a misspelling
    ("Susan Doe", "error"),
])
def test_someone_else(printed: str, severity: str) -> None:
    ev = run([doc("board_certification", "scan_0007.pdf", holder_name=printed, board="ABIM")], APP)
    (f,) = only(ev, "identity.name_mismatch")
    assert f.severity == severity
    assert "scan_0007.pdf p.1" in f.message and printed in f.message
    assert f.evidence["document_name"] == printed and f.evidence["doc_type"] == "board_certification"


def test_coi_naming_the_group_practice() -> None:
    ev = run([doc("malpractice_insurance", "coi.pdf", insured_name="Riverside Medical Group LLC",
                  policy_number="P1")], APP)
    (f,) = only(ev, "identity.name_mismatch")
    assert "names the provider individually" in f.message


def test_no_applicant_name_compares_with_the_profile_name() -> None:
    docs = [doc("state_license", "l.pdf", holder_name="JANE DOE, MD", license_number="A1"),
            doc("diploma", "d.pdf", holder_name="Jane Ann Doe"),
            doc("cv", "cv.pdf", name="Peter Parker")]
    (f,) = only(run(docs), "identity.name_mismatch")
    assert f.evidence["document_name"] == "Peter Parker"


def test_unlisted_former_name_is_a_warning_asking_for_name_change_papers() -> None:
    ev = run([doc("diploma", "d.pdf", holder_name="Margaret A. Johnson")], APP)
    (f,) = only(ev, "identity.name_mismatch")
    assert f.severity == "warning" and f.field == "provider.other_names"
    assert f.evidence["reason"] == "probable former name"
    assert "marriage certificate" in f.message and "d.pdf p.1" in f.message


def test_other_given_names_and_other_surname_is_an_error() -> None:
    ev = run([doc("diploma", "d.pdf", holder_name="Paul Johnson")], APP)
    (f,) = only(ev, "identity.name_mismatch")
    assert f.severity == "error" and f.field == "provider.last_name"
