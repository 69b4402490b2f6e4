"""The CV extractor on designed resume templates (Canva/Word): a coloured sidebar with
photo, name, contacts, skills and interests; a main column with "About Me", "Education"
and "Work Experience", each entry a bold line (degree, or employer and city) with its
period right-aligned on the same line, the school or job title below, and perhaps a grade.

The page is drawn with reportlab and read as a text PDF, and once more as the image-only
PDF such templates are often exported as (OCR).
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from credintake.extractor.cv.lines import is_grade
from credintake.extractor.fields import extract
from credintake.extractor.fields.registry import Extraction
from credintake.extractor.read import read_file
from credintake.sample_docs import degrade
from credintake.settings import Settings

W, H = A4
_SIDEBAR = 190.0


def _text(c: canvas.Canvas, x: float, y: float, s: str, size: float = 9.5,
          font: str = "Helvetica", right: bool = False, white: bool = False) -> None:
    c.setFont(font, size)
    c.setFillColorRGB(*((1, 1, 1) if white else (0.1, 0.1, 0.1)))
    (c.drawRightString if right else c.drawString)(x, H - y, s)


def _sidebar(c: canvas.Canvas, phone: str) -> None:
    c.setFillColorRGB(0.15, 0.3, 0.45)
    c.rect(0, 0, _SIDEBAR, H, stroke=0, fill=1)
    c.setFillColorRGB(0.8, 0.8, 0.8)
    c.circle(_SIDEBAR / 2, H - 90, 50, stroke=0, fill=1)  # the photo
    _text(c, 25, 170, "Sana Farooq", 20, "Helvetica-Bold", white=True)
    _text(c, 25, 190, "Registered Nurse", 11, white=True)
    blocks = [("CONTACT", [phone, "sana.farooq@mail.com", "Lahore, Pakistan",
                           "Nationality: Pakistani", "Birthday: 14/03/1994"]),
              ("SKILLS", ["Patient assessment", "Wound care", "IV cannulation", "Teamwork"]),
              ("INTERESTS", ["Reading", "Travelling"])]
    y = 225
    for heading, items in blocks:
        _text(c, 25, y, heading, 12, "Helvetica-Bold", white=True)
        for i, item in enumerate(items):
            _text(c, 25, y + 20 + 16 * i, item, 9, white=True)
        y += 40 + 16 * len(items)


def _entries(c: canvas.Canvas, y: float, heading: str,
             entries: list[tuple[str, str, str, str | None]]) -> float:
    """Bold first line with the period right-aligned, second line below, grade or bullet."""
    x, right = _SIDEBAR + 25, W - 30
    _text(c, x, y, heading, 15, "Helvetica-Bold")
    y += 24
    for first, period, second, third in entries:
        _text(c, x, y, first, 10.5, "Helvetica-Bold")
        _text(c, right, y, period, right=True)
        _text(c, x, y + 14, second)
        if third:
            _text(c, x, y + 28, third, 9)
        y += 50
    return y + 10


def _designed(phone: str) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _sidebar(c, phone)
    x = _SIDEBAR + 25
    _text(c, x, 60, "About Me", 15, "Helvetica-Bold")
    _text(c, x, 80, "Compassionate registered nurse with six years of experience in medical", 9)
    _text(c, x, 92, "and surgical wards, looking for a position in a teaching hospital.", 9)
    y = _entries(c, 130, "Education", [
        ("B.Sc. Nursing (Post RN 2-Year)", "09/2017 - 08/2019", "University of Health Sciences",
         "CGPA 3.4"),
        ("Diploma in General Nursing", "01/2013 - 12/2015", "Services Institute of Nursing",
         "1st Division")])
    bullet = "• Provided care for post-operative patients on a 40-bed ward."
    _entries(c, y, "Work Experience", [
        ("St Mary Hospital, Springfield", "09/2022 - Nowadays", "Charge Nurse", bullet),
        ("Mayo Hospital, Lahore", "04/2019 - 09/2022", "Staff Nurse", bullet),
        ("Services Hospital, Lahore", "01/2016 - Till date", "Nurse", "Grade A")])
    c.save()
    return buf.getvalue()


def _read(name: str, data: bytes) -> Extraction:
    outcome = read_file(name, data, Settings())
    assert outcome.pages and not outcome.problems
    return extract("cv", outcome.pages)


def _values(ex: Extraction, kind: str) -> list[dict[str, Any]]:
    return [{k: v.value for k, v in e.items()} for e in (ex.entries or {}).get(kind, [])]


_JOBS = [
    {"employer": "St Mary Hospital", "city": "Springfield", "title": "Charge Nurse",
     "start_date": "2022-09", "end_date": None, "current": True},
    {"employer": "Mayo Hospital", "city": "Lahore", "title": "Staff Nurse",
     "start_date": "2019-04", "end_date": "2022-09", "current": False},
    {"employer": "Services Hospital", "city": "Lahore", "title": "Nurse",
     "start_date": "2016-01", "end_date": None, "current": True},
]
_SCHOOLS = [
    {"degree": "B.Sc. Nursing", "institution": "University of Health Sciences",
     "start_date": "2017-09", "end_date": "2019-08"},
    {"degree": "Diploma in General Nursing", "institution": "Services Institute of Nursing",
     "start_date": "2013-01", "end_date": "2015-12"},
]


@pytest.mark.parametrize("phone", ["+92-306-4125355", "+44 7700 900123"])
def test_designed_template_sidebar_and_right_aligned_periods(phone: str) -> None:
    ex = _read("cv.pdf", _designed(phone))
    assert {k: v.value for k, v in ex.fields.items()} == {
        "name": "Sana Farooq", "email": "sana.farooq@mail.com", "phone": phone}
    assert _values(ex, "work_history") == _JOBS
    assert _values(ex, "education") == _SCHOOLS


@pytest.mark.slow
def test_designed_template_exported_as_image() -> None:
    image = next(degrade.render_pages(_designed("+92-306-4125355"), 200))
    ex = _read("cv.pdf", degrade.image_pdf([image]))
    assert ex.fields["phone"].value == "+92-306-4125355"
    jobs = _values(ex, "work_history")
    assert [(j["employer"], j.get("title"), j.get("city"), j["start_date"], j["current"])
            for j in jobs] == [(j["employer"], j["title"], j["city"], j["start_date"], j["current"])
                               for j in _JOBS]
    assert [e.get("institution") for e in _values(ex, "education")] == \
        [e["institution"] for e in _SCHOOLS]


def test_title_over_employer_with_open_ends_and_an_unknown_title() -> None:
    """The other order (title and period, then employer and city); a title no lexicon
    lists ("Ward In-charge") is read by its position; "City" inside a name is no
    placeholder."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _sidebar(c, "+44 7700 900123")
    y = _entries(c, 60, "Work Experience", [
        ("Staff Nurse", "03/2021 - Present", "King Fahad Medical City, Riyadh", None),
        ("Ward In-charge", "2018 - To date", "Shifa International Hospital, Islamabad",
         "• Led a team of 12 nurses."),
        ("Charge Nurse", "Jan 2015 - Current", "Aga Khan University Hospital, Karachi", None)])
    _entries(c, y, "Education", [
        ("MSN", "2012 - 2014", "Aga Khan University, Karachi", "Grade A")])
    c.save()
    ex = _read("cv.pdf", buf.getvalue())
    assert ex.fields["phone"].value == "+44 7700 900123"
    assert [(j["employer"], j.get("title"), j.get("city"), j["start_date"], j["current"])
            for j in _values(ex, "work_history")] == [
        ("King Fahad Medical City", "Staff Nurse", "Riyadh", "2021-03", True),
        ("Shifa International Hospital", "Ward In-charge", "Islamabad", "2018", True),
        ("Aga Khan University Hospital", "Charge Nurse", "Karachi", "2015-01", True)]
    assert _values(ex, "education") == [
        {"degree": "MSN", "institution": "Aga Khan University", "start_date": "2012",
         "end_date": "2014"}]


def test_a_foreign_number_needs_its_country_code() -> None:
    """'306-4125355' without '+92' is no phone (too easily other digits); a US number is."""
    def page(phone: str) -> Extraction:
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=A4)
        _text(c, 72, 60, "Sana Farooq", 20, "Helvetica-Bold")
        _text(c, 72, 80, f"Phone: {phone}")
        _text(c, 72, 120, "Work Experience", 15, "Helvetica-Bold")
        _text(c, 72, 144, "Mayo Hospital, Lahore", 10.5, "Helvetica-Bold")
        _text(c, W - 30, 144, "04/2019 - Present", right=True)
        _text(c, 72, 158, "Staff Nurse")
        c.save()
        return _read("cv.pdf", buf.getvalue())

    assert "phone" not in page("0306 4125355").fields
    assert page("(206) 555-0142").fields["phone"].value == "(206) 555-0142"


@pytest.mark.parametrize("line, grade", [
    ("Grade A", True), ("1st Division", True), ("CGPA 3.4", True), ("GPA: 3.8/4.0", True),
    ("Marks: 812/1100", True), ("78%", True), ("First Class with Distinction", True),
    ("Grady Memorial Hospital", False), ("Division of Cardiology", False),
    ("Second Division, Allama Iqbal Medical College", False)])
def test_grade_lines(line: str, grade: bool) -> None:
    assert is_grade(line) is grade
