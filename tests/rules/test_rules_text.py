"""Free text: abbreviations, acronyms, and keeping different places apart."""

from __future__ import annotations

import pytest

from credintake.rules.text import normalise_text, text_score


@pytest.mark.parametrize("a, b, kind", [
    ("Univ. of Michigan Med. Ctr", "University of Michigan Medical Center", None),
    ("St. Mary Hosp.", "Saint Mary Hospital", None),
    ("ABIM", "American Board of Internal Medicine", "board"),
    ("American Board of Family Medicine", "abfm", "board"),
    ("ACLS", "Advanced Cardiovascular Life Support", "course"),
    ("Advanced Cardiac Life Support", "ACLS", "course"),
    ("MD", "Doctor of Medicine", "degree"),
    ("The Doctors Company", "TDC", "carrier"),
    ("University of Michigan", "University of Michigan Medical School", None),
    ("Mt. Sinai Hosp", "Mount Sinai Hospital", None),
])
def test_same_thing_scores_100(a: str, b: str, kind: str | None) -> None:
    assert text_score(a, b, kind) == 100.0


@pytest.mark.parametrize("a, b, kind", [
    ("University of Michigan", "University of Minnesota", None),
    ("Mayo Clinic", "Cleveland Clinic", None),
    ("Massachusetts General Hospital", "Brigham and Women's Hospital", None),
    ("ABIM", "American Board of Surgery", "board"),
    ("BLS", "ACLS", "course"),
    ("MD", "Doctor of Osteopathic Medicine", "degree"),
])
def test_different_things_score_below_the_match_threshold(a: str, b: str, kind: str | None) -> None:
    assert text_score(a, b, kind) < 88.0


def test_normalise_text() -> None:
    assert normalise_text("St. Mary's Hosp. & Med. Ctr") == "saint marys hospital and medical center"
    assert normalise_text("", None) == ""
