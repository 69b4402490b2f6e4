"""Institutional (academic medical centre) CV templates: capitalised headings with a colon,
lettered outline sub-headings ("A. Undergraduate", "B. Clinical Fellowships"), education
entries as institution / place / degree and date on three lines, and jobs as title /
employer / place / dates on four. Drawn with reportlab and read end to end."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from credintake.extractor.fields import extract
from credintake.extractor.read import read_file
from credintake.settings import Settings

W, H = letter


def _institutional_cv() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    y = 60.0

    def line(x: float, s: str, right: str | None = None, bold: bool = False) -> None:
        nonlocal y
        c.setFont("Times-Bold" if bold else "Times-Roman", 11)
        c.drawString(x, H - y, s)
        if right:
            c.drawRightString(540, H - y, right)
        y += 14

    line(250, "CURRICULUM VITAE", bold=True)
    line(108, "Name: Adrian K. Moreno")
    y += 10
    line(72, "EDUCATION:", bold=True)
    line(108, "A. Undergraduate")
    for rows in (("Lakeshore College", "Evanston, IL", "BA Chemistry", "May 2009"),
                 ("Granite State University", "Concord, NH", "MD", "May 2014")):
        line(144, rows[0])
        line(144, rows[1])
        line(144, rows[2], right=rows[3])
        if rows[0].startswith("Lakeshore"):
            line(108, "B. Graduate and Professional")
    y += 10
    line(72, "POSTGRADUATE TRAINING:", bold=True)
    line(108, "A. Internship and Residencies")
    hospital = "Granite State University Hospital"
    for inst, program, dates in ((hospital, "Intern, Internal Medicine", "July 2014 - June 2015"),
                                 (hospital, "Resident, Internal Medicine", "July 2015 - June 2017")):
        line(144, inst)
        line(144, program)
        line(144, dates)
    line(108, "B. Clinical Fellowships")
    line(144, "Northfield Cancer Center")
    line(144, "Fellow, Pulmonary and Critical Care")
    line(144, "July 2017 - June 2020")
    line(108, "C. Postdoctoral Appointments")
    line(144, "N/A")
    y += 10
    line(72, "HOSPITAL APPOINTMENTS:", bold=True)
    line(108, "N/A")
    line(72, "OTHER EMPLOYMENT:", bold=True)
    for title, employer, place, dates in (
            ("Chief Executive and Co-Founder", "Tidewater Analytics, Inc.", "Norfolk, VA",
             "Mar 2010 - Jun 2012"),
            ("Software Developer", "Brightline Labs", "Richmond, VA", "Jan 2009 - Feb 2010"),
            ("Cardiac Outcomes Group Research Assistant", "Harborview Heart Institute",
             "Baltimore, MD", "Jun 2008 - Dec 2008")):
        line(108, title)
        line(108, employer)
        line(108, place)
        line(108, dates)
    line(72, "LICENSURE:", bold=True)
    line(108, "Medical Doctor, Virginia, Exp: 06/30/2026")
    c.showPage()
    c.save()
    return buf.getvalue()


def _entries() -> dict[str, list[dict[str, object]]]:
    pages = read_file("cv.pdf", _institutional_cv(), Settings()).pages
    got = extract("cv", pages).entries
    return {k: [{f: v.value for f, v in e.items()} for e in rows] for k, rows in got.items()}


def test_jobs_keep_the_legal_suffix_and_read_the_title_line() -> None:
    jobs = _entries()["work_history"]
    got = [(j.get("employer"), j.get("title"), j.get("city"), j.get("start_date")) for j in jobs]
    assert got == [
        ("Tidewater Analytics, Inc.", "Chief Executive and Co-Founder", "Norfolk", "2010-03"),
        ("Brightline Labs", "Software Developer", "Richmond", "2009-01"),
        ("Harborview Heart Institute", "Cardiac Outcomes Group Research Assistant", "Baltimore",
         "2008-06")]


def test_outline_sub_headings_are_structure_not_degrees() -> None:
    education = _entries()["education"]
    degrees = [e.get("degree") for e in education]
    assert not any(str(d).startswith(("A. ", "B. ", "C. ")) for d in degrees)
    assert [e.get("institution") for e in education] == [
        "Lakeshore College", "Granite State University", "Granite State University Hospital",
        "Granite State University Hospital", "Northfield Cancer Center"]
    assert degrees[:2] == ["BA Chemistry", "MD"]
    assert degrees[2:] == ["Intern, Internal Medicine", "Resident, Internal Medicine",
                           "Fellow, Pulmonary and Critical Care"]
    assert [e.get("start_date") for e in education[2:]] == ["2014-07", "2015-07", "2017-07"]


def test_degree_line_whose_subject_has_an_organisation_word() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Times-Bold", 11)
    c.drawString(72, H - 60, "EDUCATION:")
    c.setFont("Times-Roman", 11)
    for k, s in enumerate(["Cascade University", "Portland, OR",
                           "MS Health and Clinical Informatics", "Hillcrest College",
                           "Salem, OR", "Post Baccalaureate"]):
        c.drawString(144, H - 76 - 14 * k, s)
    c.drawRightString(540, H - 76 - 28, "June 2022")
    c.drawRightString(540, H - 76 - 70, "May 2011")
    c.showPage()
    c.save()
    got = extract("cv", read_file("cv.pdf", buf.getvalue(), Settings()).pages).entries
    rows = [(e.get("institution"), e.get("degree")) for e in got["education"]]
    assert [(i.value, d.value) for i, d in rows] == [
        ("Cascade University", "MS Health and Clinical Informatics"),
        ("Hillcrest College", "Post Baccalaureate")]


def test_numbered_entries_are_not_outline_headings() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Times-Bold", 11)
    c.drawString(72, H - 60, "POSTGRADUATE TRAINING:")
    c.setFont("Times-Roman", 11)
    c.drawString(90, H - 76, "I. Residencies")
    c.drawString(108, H - 92, "1. Residency in General Surgery, Lakeview Hospital, Toledo, OH")
    c.drawRightString(540, H - 92, "2015 - 2020")
    c.drawString(90, H - 108, "II. Fellowships")
    c.drawString(108, H - 124, "2. Fellowship in Trauma Surgery, Summit Medical Center, Akron, OH")
    c.drawRightString(540, H - 124, "2020 - 2021")
    c.showPage()
    c.save()
    got = extract("cv", read_file("cv.pdf", buf.getvalue(), Settings()).pages).entries
    rows = [(e["institution"].value, e["degree"].value, e["start_date"].value)
            for e in got["education"]]
    assert rows == [("Lakeview Hospital", "General Surgery", "2015"),
                    ("Summit Medical Center", "Trauma Surgery", "2020")]


def test_school_name_wrapped_before_its_connector_is_read_whole() -> None:
    """LaTeX CVs run degree, year and school on one line and wrap it where the line ends:
    "... | 2014 University" over "of Lakeland - North Campus, Tampa, FL ..."."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Times-Bold", 12)
    c.drawString(72, H - 60, "Education")
    c.setFont("Times-Roman", 10)
    c.drawString(134, H - 80, "Doctor of Medicine | 2020 Harborview College of Medicine,")
    c.drawString(134, H - 92, "Tampa, FL")
    c.drawString(134, H - 110, "Bachelor of Science in Marine Biology | 2016 University")
    c.drawString(134, H - 122, "of Lakeland – North Campus, Lakeland, FL Graduated with Honors")
    c.showPage()
    c.save()
    got = extract("cv", read_file("cv.pdf", buf.getvalue(), Settings()).pages).entries
    assert [e["institution"].value for e in got["education"]] == [
        "Harborview College of Medicine", "University of Lakeland"]
