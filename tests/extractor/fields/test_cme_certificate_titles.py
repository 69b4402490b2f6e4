"""CME certificates whose prose ends in a label phrase ("... the enduring material titled")
and print the activity's title centred on the next line in larger type (accredited
providers' attendance certificates): the label phrase is never the title."""

from __future__ import annotations

import pytest
from handmade_pages import page

from credintake.extractor.fields import extract
from credintake.extractor.layout import Page, build_lines


def _sized(*blocks: tuple[float, list[tuple[float, float, str]]]) -> Page:
    words = [w for size, rows in blocks for w in page(rows, size=size).words]
    return Page(file="cme.pdf", number=1, width=792, height=612, words=words,
                lines=build_lines(words), ocr=False)


@pytest.mark.parametrize("cue", ["has participated in the enduring material titled",
                                 "has completed the live activity entitled",
                                 "attended the internet point-of-care activity titled:"])
def test_title_on_the_line_after_a_label_phrase(cue: str) -> None:
    p = _sized((22, [(250, 60, "CERTIFICATE OF ATTENDANCE")]),
               (10, [(300, 120, "This is to certify that")]),
               (20, [(320, 150, "Maren Okafor")]),
               (10, [(230, 190, cue)]),
               (16, [(240, 215, "Lakeside Advanced Airway Course 2024")]),
               (10, [(180, 250, "and is awarded 6.5 AMA PRA Category 1 Credits on 5/14/2024")]))
    got = {k: v.value for k, v in extract("cme_certificate", [p]).fields.items()}
    assert got["activity_title"] == "Lakeside Advanced Airway Course 2024"
    assert got["holder_name"] == "Maren Okafor"
    assert got["credits"] == 6.5


def test_a_value_ending_in_a_linking_word_is_no_title() -> None:
    p = _sized((20, [(260, 60, "Certificate of Completion")]),
               (10, [(200, 120, "Activity Title: Grand Rounds in")]),
               (10, [(200, 200, "Date: 03/02/2024")]))
    got = {k: v.value for k, v in extract("cme_certificate", [p]).fields.items()}
    assert got.get("activity_title") != "Grand Rounds in"
