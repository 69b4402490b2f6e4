"""The CV reader's parts: section names, title/organisation scoring, places, degrees,
header fields on synthetic pages (words placed by hand, no PDF)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credintake.contract import CV_ENTRY_FIELDS, DOC_TYPE_FIELDS

from credintake.extractor.cv.entries import program_name
from credintake.extractor.cv.header import header_fields, npi_valid
from credintake.extractor.cv.phrases import find_degree, find_place, is_org, is_title
from credintake.extractor.cv.pipeline import read_cv
from credintake.extractor.cv.rows import build_rows
from credintake.extractor.date_ranges import find_date_ranges
from credintake.extractor.cv.sections import section_kind, split_sections
from credintake.extractor.layout import Page, Word, build_lines


@pytest.mark.parametrize(("text", "kind"), [
    ("EDUCATION", "education"), ("Postgraduate Training:", "education"),
    ("II. Professional Experience", "work_history"), ("Hospital Appointments", "work_history"),
    ("E X P E R I E N C E", "work_history"), ("Employment & Appointments", "work_history"),
    ("Publications", "other"), ("Licensure and Certification", "other"),
    ("Honors & Awards", "other"), ("Profesional Experiance", "work_history"),  # OCR typos
    ("Professional Memberships", "other"), ("Mercy Hospital", None), ("Attending Physician", None),
])
def test_section_kind(text: str, kind: str | None) -> None:
    assert section_kind(text)[0] == kind


@pytest.mark.parametrize("text", ["Attending Physician", "Medical Director", "Hospitalist",
                                  "Director of Hospital Medicine", "Chief of Staff", "Staff Nurse",
                                  "Pulmonary/Critical Care Fellow", "Pharmacy Manager",
                                  "Assistant Professor of Medicine", "Locum Tenens Physician"])
def test_titles(text: str) -> None:
    assert is_title(text) and not is_org(text)


@pytest.mark.parametrize("text", ["Mercy Hospital", "Bay Area Emergency Physicians", "Kaiser Permanente",
                                  "University of California", "St. Luke's Health System",
                                  "Cruz & Associates", "Oregon Anesthesiology Group, P.C."])
def test_organisations(text: str) -> None:
    assert is_org(text) and not is_title(text)


@pytest.mark.parametrize(("text", "city", "state"), [
    ("Mercy Hospital, Boston, MA", "Boston", "MA"),
    ("Mercy Hospital Boston, MA 02114", "Boston", "MA"),
    ("St. Louis, MO", "St. Louis", "MO"),
    ("Baltimore, Maryland", "Baltimore", "MD"),
    ("Winston-Salem, N.C.", "Winston-Salem", "NC"),
    ("Houston TX", "Houston", "TX"),
])
def test_places(text: str, city: str, state: str) -> None:
    place = find_place(text)
    assert place is not None and (place.city, place.state) == (city, state)


@pytest.mark.parametrize("text", ["Johns Hopkins University School of Medicine, MD",
                                  "MD, Ohio State University College of Medicine", "Attending Physician"])
def test_not_places(text: str) -> None:
    assert find_place(text) is None


@pytest.mark.parametrize(("text", "degree"), [
    ("Doctor of Medicine (MD)", "Doctor of Medicine"), ("MD, Harvard Medical School", "MD"),
    ("B.S. Biology", "B.S."), ("Master of Science in Nursing", "Master of Science in Nursing"),
    ("served as chief resident", None),
])
def test_degrees(text: str, degree: str | None) -> None:
    span = find_degree(text)
    assert (text[span[0]:span[1]] if span else None) == degree


@pytest.mark.parametrize(("printed", "program"), [
    ("Residency in Internal Medicine", "Internal Medicine"), ("Residency, Psychiatry", "Psychiatry"),
    ("Psychiatry Residency", "Psychiatry"), ("Doctor of Medicine", "Doctor of Medicine"),
    ("Residency", "Residency"),
])
def test_program_name(printed: str, program: str) -> None:
    assert program_name(printed) == program


def _page(lines: list[tuple[float, float, str, float]]) -> Page:
    """(x, top, text, size) -> a Page with one Word per token (about 0.5 em per char)."""
    words = []
    for x, top, text, size in lines:
        for token in text.split(" "):
            width = 0.5 * size * len(token)
            words.append(Word(token, x, top, x + width, top + size))
            x += width + 0.3 * size
    return Page(file="p.pdf", number=1, width=612, height=792, words=words, lines=build_lines(words))


def test_header_fields_from_hand_placed_words() -> None:
    page = _page([
        (72, 40, "CURRICULUM VITAE", 10),
        (72, 60, "Ana M. Lopez, MD", 20),
        (72, 90, "Office: (916) 555-0101  Fax: (916) 555-0102", 9),
        (72, 104, "ana.lopez @ example.org", 9),
        (72, 118, "NPI # 1245319599", 9),
        (72, 150, "EDUCATION", 12),
    ])
    fields = header_fields(build_rows([page]))
    assert {k: v.value for k, v in fields.items()} == {
        "name": "Ana M. Lopez, MD", "phone": "(916) 555-0101", "email": "ana.lopez@example.org",
        "npi": "1245319599"}
    assert fields["phone"].raw == "(916) 555-0101"
    assert fields["name"].bbox[1] == 60 and fields["name"].page == 1


def test_header_fields_as_a_fax_reads_them() -> None:
    """OCR of a 98 dpi fax drops the dot before "com", spaces a hyphen and reads the
    opening parenthesis as 1; the values come out as printed, the raw text as read."""
    page = _page([
        (72, 60, "Ana M. Lopez, MD", 20),
        (72, 90, "ana.lopez@ example com | 1916) 555- 0101", 9),
        (72, 150, "EDUCATION", 12),
    ])
    fields = header_fields(build_rows([page]))
    assert fields["email"].value == "ana.lopez@example.com"
    assert fields["email"].confidence < 0.9  # reconstructed, not read as printed
    assert fields["phone"].value == "(916) 555-0101"
    assert fields["phone"].raw == "1916) 555- 0101"


def test_phone_with_a_speck_after_the_area_code() -> None:
    page = _page([(72, 60, "Ana M. Lopez, MD", 20), (72, 90, "(713). 961-4430", 9)])
    assert header_fields(build_rows([page]))["phone"].value == "(713) 961-4430"


def test_unknown_heading_in_heading_style_ends_the_work_section() -> None:
    page = _page([
        (72, 60, "Ana Lopez", 20),
        (72, 100, "EXPERIENCE", 13),
        (72, 120, "Mercy Hospital, Sacramento, CA 2015 - 2018", 10),
        (72, 150, "VOLUNTEER WORK", 13),
        (72, 170, "Free Clinic of Sacramento 2012 - 2014", 10),
    ])
    kinds = [(s.kind, s.heading.text if s.heading else None) for s in split_sections(build_rows([page]))]
    assert kinds == [("top", None), ("work_history", "EXPERIENCE"), ("other", "VOLUNTEER WORK")]


def test_npi_check_digit() -> None:
    assert npi_valid("1245319599") and not npi_valid("1245319598") and not npi_valid("12453")


_TOKENS = ["Mercy", "Hospital,", "Boston,", "MA", "Jul", "2015", "–", "Present", "EDUCATION",
           "Experience", "•", "Attending", "Physician", "MD", "07/2015", "to", "06/2018", "|", "(",
           ")", "2012-2016", "Residency", "in", "Internal", "Medicine", "NPI:", "1245319599",
           "jane@x.org", "(555)", "123-4567", "Publications", "Since", "2019", "Clinic", "\u00ad",
           "â€“", "Sept.", "University", "of", "Texas", "at", "Austin", "ﬁ", "Dr.", "2O15"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=9),
                          st.sampled_from([8.0, 10.0, 14.0])), min_size=0, max_size=30))
def test_any_page_reads_without_error(lines: list[tuple[int, list[str], float]]) -> None:
    """Whatever the page holds, the reader returns contract-shaped output, never raises."""
    specs = [(72 + 200 * col, 40 + 16 * i, " ".join(tokens), size)
             for i, (col, tokens, size) in enumerate(lines)]
    fields, entries = read_cv([_page(specs)] if specs else [])
    assert set(fields) <= set(DOC_TYPE_FIELDS["cv"])
    for kind, rows in entries.items():
        for row in rows:
            assert set(row) <= set(CV_ENTRY_FIELDS[kind])
            for key, value in row.items():
                if key.endswith("_date") and value.value is not None:
                    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.value), value
                if key == "state":
                    assert re.fullmatch(r"[A-Z]{2}", value.value)


# --- how a 98 dpi fax reads a CV (bench/RESULTS_conditions.md, 2026-12-04) ---------------

def _word_page(words: list[Word]) -> Page:
    """A page from hand-placed words (boxes as OCR of a fax gives them)."""
    return Page(file="p.tif", number=1, width=612, height=792, words=words,
                lines=build_lines(words), ocr=True)


def test_letter_split_name_on_two_rows_of_unequal_height() -> None:
    """A sidebar name in large capitals: OCR splits a word at a tight gap ('CAM ERON',
    'CHRISTOPHE R') and the two rows' glyph boxes differ by a fifth on a fax."""
    words = [Word("CHRISTOPHE", 22.6, 31.1, 139.4, 55.1), Word("R", 141.2, 33.5, 152.1, 54.7),
             Word("CAM", 23.3, 61.8, 60.0, 81.9), Word("ERON", 62.5, 61.8, 102.4, 81.9),
             Word("NP", 22.6, 93.2, 35.3, 100.9),
             Word("Chronic", 22.6, 300.0, 50.0, 307.0), Word("disease", 53.0, 300.0, 80.0, 307.0),
             Word("management", 83.0, 300.0, 130.0, 307.0)]
    fields = header_fields(build_rows([_word_page(words)]))
    assert fields["name"].value == "CHRISTOPHER CAMERON"


def test_first_name_over_a_letter_split_last_name() -> None:
    """'JENNIFER' over 'CAM ERON': the split row alone reads like a name too, as large as
    the pair; the two rows together are the name."""
    words = [Word("JENNIFER", 9.2, 39.9, 97.1, 53.3), Word("CAM", 9.5, 61.1, 48.7, 75.2),
             Word("ERON", 51.2, 61.1, 100.9, 75.2), Word("FNP-C", 9.5, 92.1, 39.2, 99.9)]
    assert header_fields(build_rows([_word_page(words)]))["name"].value == "JENNIFER CAMERON"


def test_single_row_letter_split_name() -> None:
    words = [Word("JENNIFER", 9.2, 39.9, 97.1, 53.3), Word("CAM", 102.0, 39.9, 141.2, 53.3),
             Word("ERON", 143.7, 39.9, 193.4, 53.3), Word("FNP-C", 9.5, 92.1, 39.2, 99.9)]
    assert header_fields(build_rows([_word_page(words)]))["name"].value == "JENNIFER CAMERON"


@pytest.mark.parametrize(("line", "email"), [
    ("destiny huffman @ protonmail.com", "destiny_huffman@protonmail.com"),  # '_' lost
    ("christopher! phillips @ gmail.com", "christopher_phillips@gmail.com"),  # '_' read as '!'
    ("tyler .boyd @gmail .com", "tyler.boyd@gmail.com"),  # spaces before the dots
    ("bryan, thompson@icloud.com", "bryan_thompson@icloud.com"),  # '_' read as ','
    ("bryan_ thompson@icloud. com", "bryan_thompson@icloud.com"),  # spaced '_' and dot
    ("kschmidt gmail.com", "kschmidt@gmail.com"),  # '@' lost
    ("thansenagmail.com", "thansen@gmail.com"),  # '@' read as a letter
    ("email jdoe@gmail.com", "jdoe@gmail.com"),  # a label, not half an address
    ("Contact: jdoe@gmail.com", "jdoe@gmail.com"),
    ("contact jdoe@gmail.com", "jdoe@gmail.com"),  # a label word without its colon
    ("work j.doe@mercy.org", "j.doe@mercy.org"),
    ("I use gmail.com", None),  # a sentence, no address
])
def test_email_as_a_fax_reads_it(line: str, email: str | None) -> None:
    page = _page([(72, 60, "Ana M. Lopez, MD", 20), (72, 90, line, 9)])
    got = header_fields(build_rows([page])).get("email")
    assert (got.value if got else None) == email


def test_fax_specks_do_not_stop_a_dates_column_from_rejoining() -> None:
    """An academic CV with dates and headings in a left column: OCR reads that column as
    a block of its own, and a fax streak adds a '~' to it. The block must still be seen
    as a dates column so each date goes back beside the entry it faces."""
    rows = [(58, 60, "Melissa Gutierrez, MD", 16), (58, 90, "mg@icloud.com", 9),
            (58, 140, "EXPERIENCE", 11), (58, 160, "Sept. 2005 - Oct. 2008", 9),
            (58, 200, "~", 9), (58, 220, "June 2009 - Present", 9),
            (198, 160, "St. Jude Hospital", 10), (198, 174, "Associate Medical Director", 10),
            (198, 220, "Naperville Urgent Care", 10), (198, 234, "Staff Physician", 10)]
    words = []
    for x, top, text, size in rows:
        for token in text.split():
            width = 0.5 * size * len(token)
            words.append(Word(token, x, top, x + width, top + size))
            x += width + 0.3 * size
    lines = build_lines(words)
    for ln in lines:  # the column cutter's blocks, as OCR of the fax gave them
        ln.block = 0 if ln.bbox[1] < 130 else (1 if ln.bbox[0] < 150 else 2)
    page = Page(file="p.tif", number=1, width=612, height=792, words=words, lines=lines, ocr=True)
    _, entries = read_cv([page])
    got = {(e["employer"].value, e["start_date"].value) for e in entries["work_history"]}
    assert got == {("St. Jude Hospital", "2005-09"), ("Naperville Urgent Care", "2009-06")}


def test_header_block_before_a_lost_heading_is_not_an_entry_lead() -> None:
    """The EDUCATION heading of a typed CV lost by OCR: the entries follow the contact
    block after white space; dates above each entry must stay with that entry."""
    page = _page([
        (56, 46, "PATRICIA RODRIGUEZ, PHARMD", 10), (56, 68, "patricia.rodriguez@outlook.com", 9),
        (56, 82, "(713) 961-4430", 9),
        (56, 133, "07/2012 to 06/2013", 9), (56, 145, "PGY1 Pharmacy Residency, Cleveland Clinic Foundation", 9),
        (56, 165, "08/2008 to 05/2012", 9), (56, 177, "Doctor of Pharmacy, Tufts University School of Pharmacy", 9),
        (56, 230, "HOSPITAL APPOINTMENTS", 9),
        (56, 250, "07/2013 to 11/2015", 9), (56, 262, "Clinical Pharmacist", 9),
        (56, 274, "Rochester Urgent Care, Rochester, NY", 9),
    ])
    _, entries = read_cv([page])
    got = {(e["institution"].value, e["start_date"].value) for e in entries["education"]}
    assert got == {("Cleveland Clinic Foundation", "2012-07"),
                   ("Tufts University School of Pharmacy", "2008-08")}
    assert [e["employer"].value for e in entries["work_history"]] == ["Rochester Urgent Care"]


@pytest.mark.parametrize(("text", "start", "end"), [
    ("August 2012 May 2016", "2012-08", "2016-05"),  # dash lost
    ("June 2022. July 2022", "2022-06", "2022-07"),  # dash read as a full stop
    ("September 2021.-May 2022", "2021-09", "2022-05"),
    ("Aug, 1992:May 1996", "1992-08", "1996-05"),
    ("February 2026. Present", "2026-02", None),
    ("Dec| 2022 ~ May 2025", "2022-12", "2025-05"),  # a speck glued to the month
    ("Aug 2018 - ‘May 2020", "2018-08", "2020-05"),
])
def test_range_as_a_fax_reads_it(text: str, start: str, end: str | None) -> None:
    [found] = find_date_ranges(text)
    assert (found.start.value, found.end.value if found.end else None) == (start, end)
    assert found.span == (0, len(text))


def test_no_range_made_from_a_citation() -> None:
    assert find_date_ranges("Chest. 2011;39:575") == []


@pytest.mark.parametrize(("headings", "heading"), [
    (("Academic Background", "Licenses"), [(37, 210, "dapaatiens Appointments", 15)]),
    (("ACADEMIC BACKGROUND", "LICENSES"), [(37, 210, "PROWHSEZONAL", 10), (200, 210, "EXPERIENCE", 10)]),
])
def test_fax_read_heading_with_a_garbled_word_or_split_in_two_cells(
        headings: tuple[str, str], heading: list[tuple[float, float, str, float]]) -> None:
    """A fax garbles the first word of a heading ('dapaatiens Appointments' for 'Hospital
    Appointments') and its glyph boxes grow with specks, so it no longer matches the
    known headings' size; or OCR splits it into two cells at the garbled word. It names
    another kind of section than the current one: it is a heading."""
    page = _page([
        (37, 60, "Bryan D. Thompson, PA-C", 14),
        (37, 108, headings[0], 10),
        (40, 130, "Duke University, Master of Physician Assistant Studies, 2014 - 2016", 8),
        *heading,
        (40, 240, "Medford Urgent Care, Physician Assistant, 2023 - 2024", 8),
        (40, 260, "Medford Community Hospital, Physician Assistant, 2022 - 2023", 8),
        (37, 300, headings[1], 10),
        (40, 320, "Oregon Physician Assistant License, expires 04/2029", 8),
    ])
    _, entries = read_cv([page])
    assert [e["employer"].value for e in entries["work_history"]] == [
        "Medford Urgent Care", "Medford Community Hospital"]
    assert [e["institution"].value for e in entries["education"]] == ["Duke University"]
