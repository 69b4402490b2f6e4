"""Certifying bodies named the way allied-health certificates name them: an association or
a registry, with a registered mark, or only by acronym in the prose (the full name being
inside the logo)."""

from __future__ import annotations

from handmade_pages import page

from credintake.extractor.fields import extract


def _board(rows: list[tuple[float, float, str]]) -> object:
    fields = extract("board_certification", [page(rows)]).fields
    return fields["board"].value if "board" in fields else None


def test_an_association_is_a_certifying_body_and_its_mark_is_not_its_name() -> None:
    assert _board([(60, 60, "American Association of Medical Assistants®"),
                   (60, 120, "Jordan Lee Park"),
                   (60, 150, "has earned the credential Certified Medical Assistant")]) == \
        "American Association of Medical Assistants"


def test_a_known_acronym_in_the_prose_names_the_body() -> None:
    assert _board([(60, 60, "Jordan Lee Park"),
                   (60, 90, "has successfully completed the requirements set forth"),
                   (60, 105, "by the NHA as a Certified Phlebotomy Technician"),
                   (60, 140, "Eff. Date 03/02/2024")]) == "National Healthcareer Association"
    assert _board([(60, 60, "Jordan Lee Park"),
                   (60, 90, "has completed the requirements of the XYZQ program")]) is None
