"""Scanned diplomas whose OCR glued the holder's name into one word, and dates written
out in words: hand-made pages in the geometry of examination-board nursing diplomas and
US wall diplomas."""

from __future__ import annotations

from credintake.extractor.fields import extract
from handmade_pages import page


def _diploma(holder: str, *, parent: str = "", date_line: str = "Session March 2015") -> dict:
    rows = [(150, 240, "DIPLOMA IN MIDWIFERY"),
            (68, 276, f"This is to Certify that {holder} _"),
            (68, 299, "Daughter/wife of"), (186, 297, parent or "________"),
            (68, 316, "has been trained in the"), (170, 316, "DISTRICT HOSPITAL, NORTHTOWN"),
            (68, 333, "has passed the MIDWIFERY EXAMINATION of the Nursing Examination"),
            (68, 351, f"Board held in Annual {date_line}"),
            (200, 440, "Vice-Chairperson"), (320, 440, "Controller"),
            (201, 454, "NURSING EXAMINATION BOARD")]
    got = extract("diploma", [page(rows, size=7.0, conf=0.85)])
    return {k: v.value for k, v in got.fields.items()}


def test_all_capitals_glued_name_splits_where_the_parents_name_says() -> None:
    values = _diploma("SARAHKHAN", parent="KHAN TARIQ MAHMOOD")
    assert values["holder_name"] == "SARAH KHAN"


def test_glued_name_without_evidence_is_left_absent() -> None:
    assert "holder_name" not in _diploma("SARAHKHAN", parent="TARIQ MAHMOOD")


def test_glued_mixed_case_name_splits_at_its_capitals() -> None:
    assert _diploma("JaneMarieDoe")["holder_name"] == "Jane Marie Doe"


def test_wall_diploma_dates_in_words_and_roman_numerals() -> None:
    for line, want in (("this twentieth day of May, two thousand and ten", "2010-05-20"),
                       ("Given this 3rd day of June, A.D. MCMXCIX", "1999-06-03")):
        rows = [(200, 80, "Northfield University"), (150, 200, "has conferred upon"),
                (200, 230, "Jane Marie Doe"), (150, 260, "the degree of Bachelor of Science in Nursing"),
                (150, 300, line), (80, 420, "President"), (380, 420, "Dean")]
        got = extract("diploma", [page(rows)])
        assert got.fields["completion_date"].value == want, line


def test_awarding_body_garbled_in_the_seal_is_reread_from_its_clean_copy() -> None:
    rows = [(150, 240, "DIPLOMA IN MIDWIFERY"),
            (68, 276, "This is to Certify that JANE DOE"),
            (68, 333, "has passed the MIDWIFERY EXAMINATION of the Nursing Examination"),
            (68, 351, "Board (Northland) held in Annual Session March 2015"),
            (200, 440, "Vice-Chairperson"), (320, 440, "Controller"),
            (201, 454, "MURSIMG EXAMINATION BOARD (NORTHLAMB)")]
    pg = page(rows, size=7.0, conf=0.9)
    for w in pg.words:
        if w.text in ("MURSIMG", "(NORTHLAMB)"):
            w.conf = 0.3
    got = extract("diploma", [pg])
    assert got.fields["institution"].value == "NURSING EXAMINATION BOARD (NORTHLAND)"
