"""Lines rebuilt from word boxes: rows, wide-gap segments, columns vs tables."""

from __future__ import annotations

from credintake.extractor.layout import Word, build_lines


def _words(text: str, x: float, top: float, size: float = 10.0) -> list[Word]:
    out, cursor = [], x
    for token in text.split():
        width = len(token) * size * 0.5
        out.append(Word(token, cursor, top, cursor + width, top + size))
        cursor += width + size * 0.3
    return out


def test_words_on_one_row_form_one_line_in_x_order() -> None:
    words = _words("Expiration Date 03/31/2027", 72, 100)
    lines = build_lines(list(reversed(words)))
    assert [line.text for line in lines] == ["Expiration Date 03/31/2027"]


def test_wide_gap_cuts_a_row_into_label_and_value_segments() -> None:
    words = _words("License No.", 72, 100) + _words("A123456", 300, 100)
    lines = build_lines(words)
    assert [line.text for line in lines] == ["License No.", "A123456"]
    assert lines[0].bbox[1] == lines[1].bbox[1]


def test_two_columns_are_read_column_by_column() -> None:
    words = _words("JANE DOE MD", 72, 40, 18)
    for i in range(10):
        words += _words(f"sidebar {i}", 40, 100 + i * 14)
        words += _words(f"main column line {i} with more words", 240, 105 + i * 16)
    texts = [line.text for line in build_lines(words)]
    assert texts[0] == "JANE DOE MD"
    assert texts[1:11] == [f"sidebar {i}" for i in range(10)]
    assert texts[11:] == [f"main column line {i} with more words" for i in range(10)]


def test_aligned_table_rows_stay_together() -> None:
    words = []
    for i, (label, value) in enumerate([("Name", "Jane Doe"), ("License Number", "A1"),
                                        ("Status", "Active"), ("Issued", "01/01/2020"),
                                        ("Expires", "01/01/2028"), ("Type", "Physician")]):
        words += _words(label, 72, 100 + i * 20) + _words(value, 300, 100 + i * 20)
    texts = [line.text for line in build_lines(words)]
    assert texts[:4] == ["Name", "Jane Doe", "License Number", "A1"]


def test_empty_and_blank_words() -> None:
    assert build_lines([]) == []
    assert build_lines([Word(" ", 0, 0, 1, 1)]) == []
