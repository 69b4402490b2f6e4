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
