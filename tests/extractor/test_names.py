"""Printed holder names: cleaning keeps them as printed; splitting finds the parts."""

from __future__ import annotations

import pytest

from credintake.extractor.names import NameParts, clean_name, is_credential, looks_like_name, split_name


@pytest.mark.parametrize(("raw", "clean"), [
    ("JANE A DOE, MD", "JANE A DOE, MD"),
    ("Dr. Jane A. Doe, M.D., FACP", "Jane A. Doe, M.D., FACP"),
    ("Name:  DOE ,  JANE A", "DOE, JANE A"),
    ("Doctor John Smith", "John Smith"),
    ("  Maria de la Cruz, FNP-BC ", "Maria de la Cruz, FNP-BC"),
])
def test_clean_name_keeps_the_printed_form(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


@pytest.mark.parametrize(("raw", "parts"), [
    ("JANE A DOE, MD", NameParts("JANE", "A", "DOE", "", ("MD",))),
    ("Dr. Jane A. Doe, M.D., FACP", NameParts("Jane", "A.", "Doe", "", ("M.D.", "FACP"))),
    ("DOE, JANE A", NameParts("JANE", "A", "DOE", "", ())),
    ("Doe, Jane A., MD", NameParts("Jane", "A.", "Doe", "", ("MD",))),
    ("John Q. Public Jr., DO", NameParts("John", "Q.", "Public", "Jr.", ("DO",))),
    ("LEE, DAVID M MD", NameParts("DAVID", "M", "LEE", "", ("MD",))),
    ("Robert Smith III", NameParts("Robert", "", "Smith", "III", ())),
    ("Sarah O'Neil-Brown, PA-C", NameParts("Sarah", "", "O'Neil-Brown", "", ("PA-C",))),
    ("Maria de la Cruz, FNP-BC", NameParts("Maria", "", "de la Cruz", "", ("FNP-BC",))),
])
def test_split_name(raw: str, parts: NameParts) -> None:
    assert split_name(raw) == parts


def test_credentials_ignore_case_and_dots() -> None:
    assert is_credential("M.D.") and is_credential("pa-c") and is_credential("FACP")
    assert not is_credential("Doe")


@pytest.mark.parametrize(("text", "expected"), [
    ("JANE A DOE, MD", True),
    ("DOE, JANE A, MD", True),
    ("Eric B. Lane", True),
    ("GREGORY T HOLDER, PHARMD", True),
    ("Physician and Surgeon", False),
    ("Medical Board of California", False),
    ("DRUG ENFORCEMENT ADMINISTRATION", False),
    ("ACTIVE - CLEAR", False),
    ("Aurora, CO", False),
    ("LIC #", False),
    ("03/31/2027", False),
    ("SERIAL No.", False),
    ("Heartsaver CPR AED", False),
])
def test_looks_like_name(text: str, expected: bool) -> None:
    assert looks_like_name(text) is expected


def test_unglue_name_splits_only_on_evidence() -> None:
    from credintake.extractor.names import unglue_name

    assert unglue_name("JaneMarieDoe") == "Jane Marie Doe"
    assert unglue_name("JohnMcDonald") == "John McDonald"
    assert unglue_name("McDonald") is None and unglue_name("Jane") is None
    assert unglue_name("SARAHKHAN", {"KHAN", "TARIQ"}) == "SARAH KHAN"
    assert unglue_name("KHANSARAH", {"KHAN"}) == "KHAN SARAH"
    assert unglue_name("SARAHKHAN") is None and unglue_name("SARAHKHAN", {"TARIQ"}) is None
