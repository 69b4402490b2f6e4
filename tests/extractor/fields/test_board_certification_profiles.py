"""Board certification look-ups: ABMS-style profiles and national certifying bodies' pages."""

from __future__ import annotations

import random

import pytest
from handmade_pages import page

from credintake.evaluation import values_equal
from credintake.extractor.fields import extract
from credintake.extractor.read import read_file
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings


def _fields(rows: list[tuple[float, float, str]]) -> dict:
    return {k: v.value for k, v in extract("board_certification", [page(rows)]).fields.items()}


def test_board_whose_name_ends_in_certification_board_is_read_whole() -> None:
    got = _fields([(40, 40, "Is Your Doctor Board Certified?"),
                   (40, 80, "DOUGLAS R BARTON, NP"),
                   (40, 110, "Member Board: American Academy of Nurse Practitioners Certification Board"),
                   (50, 140, "Certificate"), (200, 140, "Status"),
                   (50, 152, "Family Nurse Practitioner"), (200, 152, "Certified")])
    assert got["board"] == "American Academy of Nurse Practitioners Certification Board"
    assert got["specialty"] == "Family Nurse Practitioner"


def test_expiration_duration_column_and_lifetime() -> None:
    rows = [(40, 40, "American Board of Family Medicine"),
            (50, 100, "Certificate"), (160, 100, "Status"), (230, 100, "Initial Certification"),
            (330, 100, "Expiration/Duration"), (450, 100, "Participating in MOC"),
            (50, 112, "Family Medicine"), (160, 112, "Certified"), (230, 112, "09/06/2009"),
            (330, 112, "12/31/2030"), (450, 112, "Yes")]
    got = _fields(rows)
    assert got["issue_date"] == "2009-09-06" and got["expiration_date"] == "2030-12-31"
    rows[-2] = (330, 112, "Lifetime")
    assert "expiration_date" not in _fields(rows)


def test_date_verified_is_not_the_certification_date() -> None:
    got = _fields([(40, 40, "National Commission on Certification of Physician Assistants"),
                   (40, 80, "Name:"), (200, 80, "Jane Q Public"),
                   (40, 100, "Certification Start Date:"), (200, 100, "03/21/2023"),
                   (40, 120, "Date Verified:"), (200, 120, "11/18/2026")])
    assert got["issue_date"] == "2023-03-21"


@pytest.mark.parametrize("template_id", ["board_certification/certification_profile",
                                         "board_certification/national_verification"])
def test_generated_verification_pages_read_whole(template_id: str) -> None:
    right = total = 0
    for seed in range(10):
        rng = random.Random(seed)
        doc = render_document("board_certification", template_id, make_persona(rng), rng)
        got = {k: v.value for k, v in
               extract("board_certification", read_file("d.pdf", doc.pdf, Settings()).pages).fields.items()}
        for name, value in doc.label["fields"].items():
            total += 1
            right += name in got and values_equal(name, value, got[name])
    assert right / total >= 0.97, (right, total)
