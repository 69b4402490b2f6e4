"""A company's legal form printed after its name and a comma ("Coastal Medical Group,
P.C.") belongs to the name; a bare "PA" after a comma may be a state and is not joined."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from credintake.extractor.fields import extract
from credintake.extractor.read import read_file
from credintake.settings import Settings

W, H = letter


def test_legal_form_stays_with_the_employer_on_one_line_entries() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, H - 60, "PROFESSIONAL EXPERIENCE")
    c.setFont("Helvetica", 10)
    for k, (line, dates) in enumerate([
            ("Staff Physician, Coastal Medical Group, P.C., Norfolk, VA", "2015 - 2018"),
            ("Medical Director, Bayside Urgent Care, LLC, Virginia Beach, VA", "2018 - Present"),
            ("Hospitalist, Riverside Physicians, PA, Newport News, VA", "2012 - 2015")]):
        c.drawString(72, H - 80 - 16 * k, line)
        c.drawRightString(540, H - 80 - 16 * k, dates)
    c.showPage()
    c.save()
    jobs = extract("cv", read_file("cv.pdf", buf.getvalue(), Settings()).pages).entries
    got = [(j["employer"].value, j["title"].value, j["city"].value) for j in jobs["work_history"]]
    assert got == [("Coastal Medical Group, P.C.", "Staff Physician", "Norfolk"),
                   ("Bayside Urgent Care, LLC", "Medical Director", "Virginia Beach"),
                   ("Riverside Physicians", "Hospitalist", "Newport News")]
