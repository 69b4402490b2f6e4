"""Diploma: ornate centred certificates (English or Latin), registrar's degree verification, notarised copy."""

from __future__ import annotations

import random
from datetime import timedelta

from credintake.sample_docs.persona import Persona
from credintake.sample_docs.render import Doc, Rec, fmt_date
from credintake.sample_docs.templates import template
from credintake.sample_docs.templates._common import browser_frame

T = "diploma"


def _frame(doc: Doc) -> None:
    doc.rect(24, 24, doc.W - 48, doc.H - 48, 3)
    doc.rect(32, 32, doc.W - 64, doc.H - 64, 0.6)


@template(T, "classic")
def classic(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """English prose diploma with date in words and two officers' signatures."""
    d = p.degree
    doc.family("times")
    _frame(doc)
    c = doc.W / 2
    doc.text(c, 110, rec.put("institution", d.institution), "Times-Bold", 20 if len(d.institution) < 45 else 15, "c")
    doc.text(c, 150, "upon the recommendation of the Faculty has conferred upon", "Times-Italic", 13, "c")
    doc.text(c, 200, rec.put("holder_name", p.full_name(middle="full", suffix=True, when=d.end_date)), "Times-Bold", 26, "c")
    doc.text(c, 240, "the degree of", "Times-Italic", 13, "c")
    doc.text(c, 280, rec.put("degree", d.degree), "Times-Bold", 22, "c")
    y = doc.wrap(80, 320, doc.W - 160, "together with all the rights, privileges and honors thereunto appertaining.",
                 "Times-Roman", 13, align="c")
    style = rng.choice(("words", "words", "long"))
    t = rec.date("completion_date", d.end_date, style)
    doc.wrap(80, y + 20, doc.W - 160, f"Given at {d.city}, {d.state}, {t}." if style == "words" else
             f"Given at {d.city}, {d.state}, on {t}.", "Times-Italic", 13, align="c")
    doc.seal(c, doc.H - 180, 42, ["SIGILLUM", d.institution.split()[0].upper(), str(rng.randrange(1820, 1970))])
    doc.signature(70, doc.H - 110, 180, p.other_person(rng), "President of the University")
    doc.signature(doc.W - 250, doc.H - 110, 180, p.other_person(rng, "MD"), "Dean of the School")


@template(T, "latin")
def latin(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Latin diploma: the degree in English below the Latin line; date in digits."""
    d = p.degree
    doc.family("times")
    _frame(doc)
    c = doc.W / 2
    doc.text(c, 100, "PRAESES ET CURATORES", "Times-Roman", 12, "c")
    doc.text(c, 132, rec.put("institution", d.institution.upper()), "Times-Bold", 17 if len(d.institution) < 40 else 13, "c")
    doc.wrap(70, 170, doc.W - 140, "omnibus ad quos hae litterae pervenerint salutem. Notum sit quod", "Times-Italic", 13,
             align="c")
    doc.text(c, 226, rec.put("holder_name", p.full_name(middle="full", upper=rng.random() < 0.5, when=d.end_date)), "Times-Bold", 24, "c")
    doc.wrap(70, 262, doc.W - 140, "ad gradum admissus est et omnia iura et privilegia ad hunc gradum pertinentia", "Times-Italic",
             13, align="c")
    doc.text(c, 310, rec.put("degree", d.degree), "Times-Bold", 20, "c")
    doc.text(c, 332, f"({d.abbrev})", "Times-Roman", 12, "c")
    doc.text(c, 380, "Datum " + rec.date("completion_date", d.end_date, rng.choice(("long", "dmy_long"))), "Times-Roman", 13, "c")
    doc.seal(110, doc.H - 150, 40, ["SIGILLVM", "VNIVERSITATIS"])
    doc.signature(doc.W - 270, doc.H - 120, 200, p.other_person(rng), "Praeses")


@template(T, "registrar_verification")
def registrar_verification(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Degree verification printout (clearinghouse-style table) with print-date distractors."""
    d = p.degree
    browser_frame(doc, rng, p, "Degree Verification Certificate", "https://secure.degreeverify.example.org/dv/certificate")
    doc.family("helv")
    doc.text(50, 70, "DEGREE VERIFICATION CERTIFICATE", "Helvetica-Bold", 14)
    doc.text(50, 86, f"Transaction ID {rng.randrange(10**8, 10**9)}   Requested {fmt_date(p.as_of - timedelta(days=rng.randrange(1, 30)), 'mdy')[0]}",
             "Helvetica", 8.5)
    ds = rng.choice(("mdy", "iso", "long"))
    rows = [("Student Name", rec.put("holder_name", p.full_name(middle="full", last_first=True, upper=True, when=d.end_date))),
            ("School", rec.put("institution", d.institution)),
            ("Degree Title", rec.put("degree", d.degree.upper())),
            ("Date Awarded", rec.date("completion_date", d.end_date, ds)),
            ("Major/Course of Study", "Medicine" if p.profession in ("MD", "DO") else p.specialty),
            ("Attendance From", fmt_date(d.start_date, ds)[0]),
            ("Attendance To", fmt_date(d.end_date - timedelta(days=rng.randrange(1, 12)), ds)[0])]
    y = 120
    for lab, val in rows:
        doc.rect(50, y - 13, 180, 20, 0.4, fill=0.93)
        doc.rect(230, y - 13, 320, 20, 0.4)
        doc.text(56, y + 1, lab, "Helvetica-Bold", 9)
        doc.text(236, y + 1, val, "Helvetica", 9)
        y += 20
    doc.wrap(50, y + 30, 500, ("The school has authorized the verification agent to act as its agent for degree "
                               "verifications. This certificate is not a transcript."), "Helvetica", 8)


@template(T, "modern_certificate")
def modern_certificate(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Plain sans-serif diploma (nursing/PA programs) with digits date and 'Conferred' label."""
    d = p.degree
    doc.family("helv")
    doc.rect(40, 40, doc.W - 80, doc.H - 80, 1.5)
    c = doc.W / 2
    doc.text(c, 140, rec.put("institution", d.institution), "Helvetica-Bold", 16 if len(d.institution) < 50 else 12, "c")
    doc.text(c, 170, f"{d.city}, {d.state}", "Helvetica", 10, "c")
    doc.text(c, 230, "hereby certifies that", "Helvetica", 12, "c")
    doc.text(c, 270, rec.put("holder_name", p.full_name(middle="initial", dots=True, when=d.end_date)), "Helvetica-Bold", 22, "c")
    doc.wrap(80, 310, doc.W - 160, "has completed the prescribed course of study and is awarded the degree of",
             "Helvetica", 12, align="c")
    doc.text(c, 360, rec.put("degree", d.degree), "Helvetica-Bold", 18, "c")
    lab = rng.choice(("Conferred", "Date Conferred", "Awarded"))
    doc.text(c, 410, f"{lab}: {rec.date('completion_date', d.end_date, rng.choice(('mdy', 'long', 'ordinal')))}",
             "Helvetica", 12, "c")
    doc.signature(90, doc.H - 120, 180, p.other_person(rng), "Chancellor")
    doc.signature(doc.W - 270, doc.H - 120, 180, p.other_person(rng), "Registrar")


@template(T, "landscape")
def landscape(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Landscape diploma: school name in bold italic, degree abbreviation, 'Conferred' date in digits or words."""
    d = p.degree
    doc.landscape()
    doc.family("times")
    _frame(doc)
    c = doc.W / 2
    doc.text(c, 100, rec.put("institution", d.institution), "Times-BoldItalic", 24 if len(d.institution) < 45 else 18, "c")
    doc.text(c, 140, "To all persons to whom these presents may come, greeting. Be it known that", "Times-Roman", 12, "c")
    doc.text(c, 190, rec.put("holder_name", p.full_name(middle="full", upper=rng.random() < 0.3, when=d.end_date)), "Times-BoldItalic", 28, "c")
    doc.text(c, 230, "having completed the requirements prescribed by the Faculty, has been admitted to the degree of",
             "Times-Roman", 12, "c")
    doc.text(c, 272, rec.put("degree", d.degree), "Times-Bold", 24, "c")
    style = rng.choice(("words", "long", "mdy"))
    t = rec.date("completion_date", d.end_date, style)
    doc.text(c, 320, (f"Conferred {t}" if style != "words" else f"Conferred {t}"), "Times-Italic", 13, "c")
    doc.seal(c, 440, 44, ["UNIVERSITY", "SEAL", str(rng.randrange(1840, 1970))])
    doc.signature(90, 500, 190, p.other_person(rng), "Chair, Board of Trustees")
    doc.signature(doc.W - 280, 500, 190, p.other_person(rng), "President")
