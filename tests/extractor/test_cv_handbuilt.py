"""The CV extractor on hand-built CVs in layouts the sample generator does not draw.

Each CV is drawn with reportlab, read by the real PDF reader and extracted through the
registry, so the test covers layout -> rows -> sections -> entries end to end.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from credintake.contract import CV_ENTRY_FIELDS, DOC_TYPE_FIELDS
from credintake.extractor.fields import extract
from credintake.extractor.fields.registry import Extraction
from credintake.extractor.read import read_file
from credintake.settings import Settings

W, H = letter
Draw = Callable[[canvas.Canvas], None]


def _text(c: canvas.Canvas, x: float, y: float, s: str, size: float = 10,
          font: str = "Helvetica", right: bool = False) -> None:
    c.setFont(font, size)
    (c.drawRightString if right else c.drawString)(x, H - y, s)


def _title_employer_dates_below(c: canvas.Canvas) -> None:
    """Title / employer, place / dates on a third line; a dated distractor section."""
    _text(c, 226, 60, "JOHN P. SMITH, DO", 18, "Times-Bold")
    _text(c, 200, 78, "john.smith@mail.org   Cell: 919.555.2301   Fax: 919-555-2302", 9)
    y = 120
    _text(c, 72, y, "Work History", 14, "Times-Bold")
    y += 20
    for title, emp, dates in [("Emergency Physician", "Duke Regional Hospital, Durham, NC", "09/2019 to present"),
                              ("Attending Physician", "WakeMed Health & Hospitals, Raleigh, NC", "07/2016 to 08/2019")]:
        _text(c, 72, y, title, 11, "Times-Bold")
        _text(c, 72, y + 14, emp, 11, "Times-Roman")
        _text(c, 72, y + 28, dates, 11, "Times-Italic")
        _text(c, 90, y + 42, "- Provided emergency care in a level II trauma center with 60,000 annual "
                             "visits.", 11, "Times-Roman")
        y += 66
    _text(c, 72, y, "Postgraduate Training", 14, "Times-Bold")
    _text(c, 72, y + 20, "Emergency Medicine Residency", 11, "Times-Bold")
    _text(c, 72, y + 34, "University of North Carolina Hospitals, Chapel Hill, NC", 11)
    _text(c, 72, y + 48, "July 1, 2013 - June 30, 2016", 11)
    y += 72
    _text(c, 72, y, "Honors and Awards", 14, "Times-Bold")
    _text(c, 72, y + 20, "Resident of the Year, UNC Hospitals", 11)
    _text(c, 540, y + 20, "2015 - 2016", 11, right=True)
    y += 44
    _text(c, 72, y, "Medical Education", 14, "Times-Bold")
    _text(c, 72, y + 20, "Doctor of Osteopathic Medicine, Campbell University School of "
                         "Osteopathic Medicine, 2013", 11)


def _sidebar_education(c: canvas.Canvas) -> None:
    """Two columns: contact, education and skills in a left sidebar; experience at right."""
    _text(c, 40, 60, "Alan Chu", 22, "Helvetica-Bold")
    _text(c, 40, 80, "Family Nurse Practitioner", 11)
    y = 120
    _text(c, 40, y, "CONTACT", 10, "Helvetica-Bold")
    for i, s in enumerate(["alan.chu@gmail.com", "(206) 555-0142", "Seattle, WA"]):
        _text(c, 40, y + 16 + 12 * i, s, 8)
    y += 62
    _text(c, 40, y, "EDUCATION", 10, "Helvetica-Bold")
    y += 16
    for s in ["Master of Science in Nursing", "University of Washington", "2012 - 2014", "",
              "BSN", "Seattle University", "2008 - 2012"]:
        if s:
            _text(c, 40, y, s, 8)
        y += 12
    y += 10
    _text(c, 40, y, "SKILLS", 10, "Helvetica-Bold")
    for i, s in enumerate(["Chronic disease management", "Epic EHR", "Suturing"]):
        _text(c, 40, y + 16 + 12 * i, s, 8)
    y = 120
    _text(c, 230, y, "EXPERIENCE", 10, "Helvetica-Bold")
    y += 16
    for title, emp, dates in [("Family Nurse Practitioner", "Swedish Medical Group · Seattle, WA", "Mar 2017 – Present"),
                              ("Registered Nurse", "Harborview Medical Center · Seattle, WA", "Jun 2012 – Feb 2017")]:
        _text(c, 230, y, title, 9, "Helvetica-Bold")
        _text(c, 230, y + 12, emp, 8)
        _text(c, 230, y + 24, dates, 8, "Helvetica-Oblique")
        _text(c, 236, y + 36, "• Primary care for a panel of 1,800 adult and pediatric patients "
                              "across two clinics.", 8)
        _text(c, 236, y + 48, "• Precepted NP students from the University of Washington.", 8)
        y += 70


def _right_place_and_date_column(c: canvas.Canvas) -> None:
    """Employer and title at left; place and dates stacked at the right margin."""
    _text(c, 72, 60, "Samuel O. Adeyemi, MD", 18, "Times-Bold")
    _text(c, 72, 78, "sadeyemi@uhhospitals.org", 10, "Times-Roman")
    _text(c, 72, 92, "Tel. 216-555-0123   NPI 1245319599", 10, "Times-Roman")
    y = 130
    _text(c, 72, y, "HOSPITAL APPOINTMENTS", 12, "Times-Bold")
    y += 20
    for emp, title, place, dates in [
            ("University Hospitals Cleveland Medical Center", "Staff Anesthesiologist", "Cleveland, OH",
             "Sept. 2019 - current"),
            ("MetroHealth System", "Attending Anesthesiologist", "Cleveland, OH", "07/2014 - 08/2019"),
            ("Summa Health", "Locum Tenens Anesthesiologist", "Akron, Ohio", "01/2014 - 06/2014")]:
        _text(c, 72, y, emp, 11, "Times-Bold")
        _text(c, 540, y, place, 11, "Times-Roman", right=True)
        _text(c, 72, y + 14, title, 11, "Times-Italic")
        _text(c, 540, y + 14, dates, 11, "Times-Roman", right=True)
        y += 36
    _text(c, 72, y, "TRAINING", 12, "Times-Bold")
    _text(c, 72, y + 20, "Cleveland Clinic", 11, "Times-Bold")
    _text(c, 540, y + 20, "Cleveland, OH", 11, "Times-Roman", right=True)
    _text(c, 72, y + 34, "Residency, Anesthesiology", 11, "Times-Italic")
    _text(c, 540, y + 34, "07/2010 - 06/2014", 11, "Times-Roman", right=True)


def _inline_leading_dates(c: canvas.Canvas) -> None:
    """'2021 - Now  Title, Employer, City, ST' one per line; colon headings; two pages."""
    _text(c, 72, 60, "Curriculum Vitae", 12)
    _text(c, 72, 80, "Rebecca Klein, PA-C", 16, "Helvetica-Bold")
    _text(c, 72, 96, "Phone (617) 555-3344 · Email rklein@partners.org · NPI #: 1073509584", 9)
    y = 130
    _text(c, 72, y, "Experience:", 11, "Helvetica-Bold")
    y += 16
    for line in ["2021 - Now  Physician Assistant, Brigham and Women's Hospital, Boston, MA",
                 "2018 - 2021  Physician Assistant, Orthopedics, Boston Medical Center, Boston, MA",
                 "2016 - 2018  Surgical Physician Assistant at Lahey Hospital & Medical Center, Burlington, MA"]:
        _text(c, 72, y, line, 9)
        y += 14
    y += 10
    _text(c, 72, y, "Research Activities:", 11, "Helvetica-Bold")
    _text(c, 72, y + 16, "2017 - 2019  Clinical trial coordinator, Boston Orthopaedic Research Group", 9)
    c.showPage()
    _text(c, 72, 72, "Education:", 11, "Helvetica-Bold")
    _text(c, 72, 88, "2014 - 2016  Master of Physician Assistant Studies, Northeastern University, Boston, MA", 9)
    _text(c, 72, 102, "2010 - 2014  B.S. Biology, Tufts University, Medford, MA", 9)


def _headed_table(c: canvas.Canvas) -> None:
    """A grid with a column-heading row: Dates | Position | Organization | Location."""
    _text(c, 72, 60, "Priya Raman, MD, FACP", 16, "Helvetica-Bold")
    _text(c, 72, 76, "priya.raman@clinic.net  ·  (303) 555-7788", 9)
    y = 110
    _text(c, 72, y, "EMPLOYMENT HISTORY", 11, "Helvetica-Bold")
    y += 18
    cols = (72, 160, 330, 470)
    for x, head in zip(cols, ("Dates", "Position", "Organization", "Location")):
        _text(c, x, y, head, 9, "Helvetica-Bold")
    y += 14
    for row in [("2020 – present", "Medical Director", "Denver Health Medical Center", "Denver, CO"),
                ("2016 – 2020", "Intensivist", "UCHealth Memorial Hospital", "Colorado Springs, CO"),
                ("2014 – 2016", "Critical Care Fellow", "University of Colorado", "Aurora, CO")]:
        for x, cell in zip(cols, row):
            _text(c, x, y, cell, 9)
        y += 14
    y += 12
    _text(c, 72, y, "EDUCATION", 11, "Helvetica-Bold")
    y += 18
    for row in [("2011 – 2014", "Internal Medicine Residency", "Mayo Clinic", "Rochester, MN"),
                ("2007 – 2011", "MD", "University of Michigan Medical School", "Ann Arbor, MI")]:
        for x, cell in zip(cols, row):
            _text(c, x, y, cell, 9)
        y += 14
    y += 12
    _text(c, 72, y, "PROFESSIONAL MEMBERSHIPS", 11, "Helvetica-Bold")
    _text(c, 72, y + 18, "2012 – present", 9)
    _text(c, 160, y + 18, "American College of Chest Physicians", 9)


def _positions_under_employer(c: canvas.Canvas) -> None:
    """Letter-spaced headings; two positions under one employer; dates in parentheses."""
    _text(c, 72, 60, "Elizabeth A. Warren, MD, FHM", 16, "Times-Bold")
    _text(c, 72, 78, "ewarren@mgh.harvard.edu · 617-555-0110 · National Provider Identifier: "
                     "1538146485", 9, "Times-Roman")
    y = 110
    _text(c, 72, y, "P R O F E S S I O N A L   E X P E R I E N C E", 11, "Times-Bold")
    _text(c, 72, y + 18, "Massachusetts General Hospital, Boston, MA", 11, "Times-Bold")
    _text(c, 90, y + 32, "Chief of Hospital Medicine", 10, "Times-Italic")
    _text(c, 540, y + 32, "2019 – present", 10, right=True)
    _text(c, 90, y + 45, "Attending Physician", 10, "Times-Italic")
    _text(c, 540, y + 45, "2014 – 2019", 10, right=True)
    _text(c, 72, y + 65, "Brigham and Women's Hospital, Boston, MA", 11, "Times-Bold")
    _text(c, 90, y + 79, "Hospitalist", 10, "Times-Italic")
    _text(c, 540, y + 79, "2011 – 2014", 10, right=True)
    _text(c, 72, y + 103, "Attending Physician, Mercy Medical Center, Springfield, MA "
                          "(July 2009 – June 2011)", 10, "Times-Roman")
    y += 127
    _text(c, 72, y, "E D U C A T I O N", 11, "Times-Bold")
    _text(c, 72, y + 18, "Harvard Medical School, Boston, MA — M.D., 2005", 10, "Times-Roman")
    y += 42
    _text(c, 72, y, "C O M M I T T E E S", 11, "Times-Bold")
    _text(c, 72, y + 18, "Pharmacy & Therapeutics Committee, Massachusetts General Hospital, "
                         "2016 – present", 10, "Times-Roman")


def _right_contact_and_dates(c: canvas.Canvas) -> None:
    """Contact lines and dates both right-aligned, no full-width line: the column cutter
    reads the right margin as one block of its own."""
    _text(c, 72, 60, "Nora Feld, MD", 20, "Helvetica-Bold")
    for i, s in enumerate(["221 Baker Street", "Minneapolis, MN 55401", "(612) 555-0187", "nfeld@umn.edu"]):
        _text(c, 540, 52 + 12 * i, s, 9, right=True)
    y = 130
    _text(c, 72, y, "EXPERIENCE", 11, "Helvetica-Bold")
    y += 18
    for emp, title, dates in [("Hennepin Healthcare", "Emergency Physician", "Aug 2017 – Present"),
                              ("Regions Hospital", "Staff Physician", "Jul 2014 – Jul 2017"),
                              ("Essentia Health", "Locum Physician", "Jan 2014 – Jun 2014")]:
        _text(c, 72, y, emp, 10, "Helvetica-Bold")
        _text(c, 540, y, dates, 10, right=True)
        _text(c, 72, y + 13, title, 10)
        y += 33
    _text(c, 72, y, "EDUCATION", 11, "Helvetica-Bold")
    _text(c, 72, y + 18, "University of Minnesota Medical School", 10, "Helvetica-Bold")
    _text(c, 540, y + 18, "2006 – 2010", 10, right=True)
    _text(c, 72, y + 31, "Doctor of Medicine", 10)


def _read(draw: Draw, name: str) -> Extraction:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    draw(c)
    c.save()
    outcome = read_file(name, buf.getvalue(), Settings())
    assert outcome.pages and not outcome.problems
    return extract("cv", outcome.pages)


def _values(ex: Extraction, kind: str) -> list[dict[str, Any]]:
    return [{k: v.value for k, v in e.items()} for e in (ex.entries or {}).get(kind, [])]


def _job(employer: str, title: str | None, city: str, state: str, start: str,
         end: str | None) -> dict[str, Any]:
    job: dict[str, Any] = {"employer": employer, "city": city, "state": state, "start_date": start,
                           "end_date": end, "current": end is None}
    if title:
        job["title"] = title
    return job


def test_title_employer_then_dates_below() -> None:
    ex = _read(_title_employer_dates_below, "b.pdf")
    assert {k: v.value for k, v in ex.fields.items()} == {
        "name": "JOHN P. SMITH, DO", "email": "john.smith@mail.org", "phone": "919.555.2301"}
    assert _values(ex, "work_history") == [
        _job("Duke Regional Hospital", "Emergency Physician", "Durham", "NC", "2019-09", None),
        _job("WakeMed Health & Hospitals", "Attending Physician", "Raleigh", "NC", "2016-07", "2019-08"),
    ]
    # the award dated 2015 - 2016 is not an entry; the DO with a year alone is
    assert _values(ex, "education") == [
        {"institution": "University of North Carolina Hospitals", "degree": "Emergency Medicine",
         "start_date": "2013-07-01", "end_date": "2016-06-30"},
        {"institution": "Campbell University School of Osteopathic Medicine",
         "degree": "Doctor of Osteopathic Medicine", "end_date": "2013"},
    ]


def test_sidebar_education_beside_experience() -> None:
    ex = _read(_sidebar_education, "d.pdf")
    assert ex.fields["name"].value == "Alan Chu"
    assert ex.fields["phone"].value == "(206) 555-0142"
    assert _values(ex, "work_history") == [
        _job("Swedish Medical Group", "Family Nurse Practitioner", "Seattle", "WA", "2017-03", None),
        _job("Harborview Medical Center", "Registered Nurse", "Seattle", "WA", "2012-06", "2017-02"),
    ]
    assert _values(ex, "education") == [
        {"institution": "University of Washington", "degree": "Master of Science in Nursing",
         "start_date": "2012", "end_date": "2014"},
        {"institution": "Seattle University", "degree": "BSN", "start_date": "2008", "end_date": "2012"},
    ]


def test_place_and_dates_stacked_at_the_right_margin() -> None:
    ex = _read(_right_place_and_date_column, "e.pdf")
    assert ex.fields["npi"].value == "1245319599"
    assert _values(ex, "work_history") == [
        _job("University Hospitals Cleveland Medical Center", "Staff Anesthesiologist", "Cleveland", "OH",
             "2019-09", None),
        _job("MetroHealth System", "Attending Anesthesiologist", "Cleveland", "OH", "2014-07", "2019-08"),
        _job("Summa Health", "Locum Tenens Anesthesiologist", "Akron", "OH", "2014-01", "2014-06"),
    ]
    assert _values(ex, "education") == [
        {"institution": "Cleveland Clinic", "degree": "Anesthesiology", "start_date": "2010-07",
         "end_date": "2014-06"}]


def test_inline_leading_dates_over_two_pages() -> None:
    ex = _read(_inline_leading_dates, "f.pdf")
    assert {k: v.value for k, v in ex.fields.items()} == {
        "name": "Rebecca Klein, PA-C", "email": "rklein@partners.org", "phone": "(617) 555-3344",
        "npi": "1073509584"}
    assert _values(ex, "work_history") == [
        _job("Brigham and Women's Hospital", "Physician Assistant", "Boston", "MA", "2021", None),
        _job("Boston Medical Center", "Physician Assistant", "Boston", "MA", "2018", "2021"),
        _job("Lahey Hospital & Medical Center", "Surgical Physician Assistant", "Burlington", "MA",
             "2016", "2018"),
    ]
    education = _values(ex, "education")
    assert [(e["institution"], e["start_date"], e["end_date"]) for e in education] == [
        ("Northeastern University", "2014", "2016"), ("Tufts University", "2010", "2014")]
    assert ex.entries["education"][0]["institution"].page == 2


def test_table_with_column_headings() -> None:
    ex = _read(_headed_table, "t.pdf")
    assert ex.fields["name"].value == "Priya Raman, MD, FACP"
    assert _values(ex, "work_history") == [
        _job("Denver Health Medical Center", "Medical Director", "Denver", "CO", "2020", None),
        _job("UCHealth Memorial Hospital", "Intensivist", "Colorado Springs", "CO", "2016", "2020"),
    ]
    # a fellowship listed among the jobs is postgraduate training: education, as the
    # application schema lists it (the work-history gap rule counts it as activity there)
    assert [(e["institution"], e["degree"]) for e in _values(ex, "education")] == [
        ("University of Colorado", "Critical Care Fellow"), ("Mayo Clinic", "Internal Medicine"),
        ("University of Michigan Medical School", "MD")]


def test_positions_under_one_employer_and_letter_spaced_headings() -> None:
    ex = _read(_positions_under_employer, "h.pdf")
    assert ex.fields["npi"].value == "1538146485"
    jobs = _values(ex, "work_history")
    assert jobs == [
        _job("Massachusetts General Hospital", "Chief of Hospital Medicine", "Boston", "MA", "2019", None),
        _job("Massachusetts General Hospital", "Attending Physician", "Boston", "MA", "2014", "2019"),
        _job("Brigham and Women's Hospital", "Hospitalist", "Boston", "MA", "2011", "2014"),
        _job("Mercy Medical Center", "Attending Physician", "Springfield", "MA", "2009-07", "2011-06"),
    ]
    inherited = ex.entries["work_history"][1]["employer"]
    assert inherited.confidence < ex.entries["work_history"][0]["employer"].confidence
    assert _values(ex, "education") == [
        {"institution": "Harvard Medical School", "degree": "M.D.", "end_date": "2005"}]


def test_right_margin_holding_contact_and_dates() -> None:
    ex = _read(_right_contact_and_dates, "j.pdf")
    assert {k: v.value for k, v in ex.fields.items()} == {
        "name": "Nora Feld, MD", "phone": "(612) 555-0187", "email": "nfeld@umn.edu"}
    jobs = [(j["employer"], j.get("title"), j["start_date"], j["end_date"], j["current"])
            for j in _values(ex, "work_history")]
    assert jobs == [("Hennepin Healthcare", "Emergency Physician", "2017-08", None, True),
                    ("Regions Hospital", "Staff Physician", "2014-07", "2017-07", False),
                    ("Essentia Health", "Locum Physician", "2014-01", "2014-06", False)]
    assert _values(ex, "education") == [
        {"institution": "University of Minnesota Medical School", "degree": "Doctor of Medicine",
         "start_date": "2006", "end_date": "2010"}]


def test_values_carry_provenance_and_contract_names() -> None:
    ex = _read(_right_place_and_date_column, "e.pdf")
    assert set(ex.fields) <= set(DOC_TYPE_FIELDS["cv"])
    for kind, rows in ex.entries.items():
        for row in rows:
            assert set(row) <= set(CV_ENTRY_FIELDS[kind])
    first = ex.entries["work_history"][0]
    employer = first["employer"]
    assert (employer.file, employer.page, employer.raw) == (
        "e.pdf", 1, "University Hospitals Cleveland Medical Center")
    x0, y0, x1, y1 = employer.bbox
    assert 70 <= x0 <= 74 and 140 <= y1 <= 156 and x1 > 250
    assert first["end_date"].value is None and first["end_date"].raw == "current"
    assert first["current"].value is True
    assert first["start_date"].raw == "Sept. 2019"
    assert first["start_date"].bbox[0] > 400  # the date sits at the right margin
    assert 0 < employer.confidence <= 1


@pytest.mark.parametrize("draw", [_headed_table])
def test_distractor_sections_give_no_entries(draw: Draw) -> None:
    ex = _read(draw, "x.pdf")
    employers = [e["employer"] for e in _values(ex, "work_history")]
    assert "American College of Chest Physicians" not in employers


def test_empty_pages_give_empty_entries() -> None:
    ex = extract("cv", [])
    assert ex.fields == {} and ex.entries == {"education": [], "work_history": []}
