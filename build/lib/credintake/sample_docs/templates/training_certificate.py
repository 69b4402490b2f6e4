"""Training certificates: GME prose certificate, fellow certificate, verification form, intern certificate."""

from __future__ import annotations

import random
from datetime import timedelta

from credintake.sample_docs.persona import Persona, Training
from credintake.sample_docs.render import Doc, Rec, fmt_date
from credintake.sample_docs.templates import template

T = "training_certificate"
ROLE = {"internship": "Intern", "residency": "Resident", "fellowship": "Fellow"}


def _tr(p: Persona, rec: Rec) -> Training:
    return p.training[rec.item % len(p.training)]


@template(T, "gme_prose")
def gme_prose(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """'has satisfactorily completed a program of graduate medical education in X as a Resident from ... to ...'."""
    t = _tr(p, rec)
    doc.family("times")
    doc.rect(30, 30, doc.W - 60, doc.H - 60, 2)
    c = doc.W / 2
    doc.text(c, 110, rec.put("institution", t.institution), "Times-Bold", 20 if len(t.institution) < 42 else 15, "c")
    doc.text(c, 134, rng.choice(("Graduate Medical Education", "Office of Graduate Medical Education",
                                 "Department of Medicine")), "Times-Italic", 12, "c")
    doc.text(c, 190, "This is to certify that", "Times-Italic", 14, "c")
    doc.text(c, 230, rec.put("holder_name", p.full_name(middle="initial", credential=p.credential_printed(rng), dots=True, when=t.end_date)),
             "Times-Bold", 22, "c")
    ds = rng.choice(("long", "long", "mdy", "ordinal"))
    body = (f"has satisfactorily completed a program of graduate medical education in {rec.put('program', t.program)} as a "
            f"{rec.put('training_type', t.kind, ROLE[t.kind])} from {rec.date('start_date', t.start_date, ds)} to "
            f"{rec.date('end_date', t.end_date, ds)}.")
    y = doc.wrap(80, 272, doc.W - 160, body, "Times-Roman", 14, 20, align="c")
    doc.wrap(80, y + 16, doc.W - 160, "In testimony whereof we have subscribed our names and affixed the seal of the institution.",
             "Times-Italic", 11, align="c")
    doc.seal(c, doc.H - 190, 40, ["GRADUATE", "MEDICAL", "EDUCATION"])
    doc.signature(70, doc.H - 110, 180, t.director + ", MD", "Program Director")
    doc.signature(doc.W - 250, doc.H - 110, 180, t.dio + ", MD", "Designated Institutional Official")


@template(T, "fellow_certificate")
def fellow_certificate(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Sans-serif certificate: role line first, dates as 'through', issue date as distractor."""
    t = _tr(p, rec)
    doc.family("helv")
    doc.rect(44, 44, doc.W - 88, doc.H - 88, 1.2)
    c = doc.W / 2
    doc.text(c, 120, "CERTIFICATE OF COMPLETION", "Helvetica-Bold", 20, "c")
    doc.text(c, 150, rec.put("institution", t.institution), "Helvetica", 13, "c")
    doc.text(c, 200, "awarded to", "Helvetica-Oblique", 12, "c")
    doc.text(c, 236, rec.put("holder_name", p.full_name(middle="none", credential=p.credential, when=t.end_date)), "Helvetica-Bold", 22, "c")
    word = {"internship": "Internship", "residency": "Residency", "fellowship": "Fellowship"}[t.kind]
    ds = rng.choice(("mdy", "abbr", "long"))
    doc.text(c, 290, f"for completion of the {rec.put('training_type', t.kind, word)} Program in", "Helvetica", 13, "c")
    doc.text(c, 316, rec.put("program", t.program), "Helvetica-Bold", 16, "c")
    doc.text(c, 350, f"{rec.date('start_date', t.start_date, ds)} through {rec.date('end_date', t.end_date, ds)}",
             "Helvetica", 12, "c")
    doc.text(c, 390, f"Issued {fmt_date(t.end_date + timedelta(days=rng.randrange(0, 20)), ds)[0]}", "Helvetica", 9, "c")
    doc.signature(100, doc.H - 130, 170, t.director, "Program Director", size=9)
    doc.signature(doc.W - 270, doc.H - 130, 170, p.other_person(rng, "MD"), "Chair, Department", size=9)


@template(T, "verification_form")
def verification_form(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Hospital's 'Verification of Postgraduate Training' form filled by the program (checkboxes)."""
    t = _tr(p, rec)
    doc.family(rng.choice(("helv", "courier")))
    doc.text(50, 56, "VERIFICATION OF POSTGRADUATE TRAINING", doc.f("b"), 13)
    doc.text(50, 70, "To be completed by the training program and returned to Medical Staff Services", doc.f("i"), 8)
    y = 100
    fields = [("Trainee name", rec.put("holder_name", p.full_name(middle="full", credential=None, when=t.end_date))),
              ("Institution / Sponsor", rec.put("institution", t.institution)),
              ("Specialty / Program", rec.put("program", t.program))]
    for lab, val in fields:
        doc.text(50, y, lab + ":", doc.f("b"), 9)
        doc.text(190, y, val, doc.f("r"), 10)
        doc.line(188, y + 3, 560, y + 3, 0.4)
        y += 24
    doc.text(50, y, "Type of training:", doc.f("b"), 9)
    x = 190
    for kind in ("internship", "residency", "fellowship"):
        doc.rect(x, y - 8, 9, 9, 0.6)
        word = kind.capitalize()
        if kind == t.kind:
            doc.text(x + 1.5, y, "X", doc.f("b"), 9)
            rec.put("training_type", kind, word)
        doc.text(x + 14, y, word, doc.f("r"), 9)
        x += 100
    y += 26
    ds = rng.choice(("mdy", "mdy_dash", "iso"))
    doc.text(50, y, "Dates attended:  From", doc.f("b"), 9)
    doc.text(190, y, rec.date("start_date", t.start_date, ds), doc.f("r"), 10)
    doc.text(300, y, "To", doc.f("b"), 9)
    doc.text(330, y, rec.date("end_date", t.end_date, ds), doc.f("r"), 10)
    y += 26
    for q in ("Did the trainee successfully complete the program?", "Was the trainee ever placed on probation?",
              "Were privileges ever restricted?"):
        doc.text(50, y, q, doc.f("r"), 9)
        ans = "Yes" if q.startswith("Did") else "No"
        doc.text(430, y, f"[{'X' if ans == 'Yes' else ' '}] Yes   [{'X' if ans == 'No' else ' '}] No", doc.f("r"), 9)
        y += 18
    y += 20
    doc.text(50, y, "Completed by:", doc.f("b"), 9)
    doc.text(190, y, f"{t.director}, Program Director", doc.f("r"), 10)
    doc.text(50, y + 20, "Date:", doc.f("b"), 9)
    doc.text(190, y + 20, fmt_date(p.as_of - timedelta(days=rng.randrange(5, 90)), ds)[0], doc.f("r"), 10)
    doc.text(50, y + 40, "Phone:", doc.f("b"), 9)
    doc.text(190, y + 40, f"({rng.randrange(201, 989)}) {rng.randrange(200, 999)}-{rng.randrange(10000):04d}", doc.f("r"), 10)


@template(T, "intern_certificate")
def intern_certificate(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Times certificate with role word first ('served as Resident Physician') and numeric dates."""
    t = _tr(p, rec)
    doc.family("times")
    doc.rect(50, 60, doc.W - 100, 480, 1.5)
    c = doc.W / 2
    doc.text(c, 110, rec.put("institution", t.institution.upper()), "Times-Bold", 15, "c")
    doc.text(c, 130, f"{t.city}, {t.state}", "Times-Roman", 11, "c")
    doc.text(c, 180, "Be it known that", "Times-Italic", 13, "c")
    doc.text(c, 214, rec.put("holder_name", p.full_name(middle="initial", credential=p.credential, when=t.end_date)), "Times-Bold", 20, "c")
    role = {"internship": "Intern", "residency": "Resident Physician", "fellowship": "Clinical Fellow"}[t.kind]
    ds = rng.choice(("mdy", "mdy_short", "dmy_long"))
    y = doc.wrap(90, 250, doc.W - 180, (f"served as {rec.put('training_type', t.kind, role)} in the Department of "
                                        f"{rec.put('program', t.program)} from {rec.date('start_date', t.start_date, ds)} "
                                        f"until {rec.date('end_date', t.end_date, ds)}, and has fulfilled all requirements "
                                        "of the program."), "Times-Roman", 13, 19, align="c")
    doc.signature(90, 480, 170, t.director + ", MD", "Program Director", size=9)
    doc.signature(doc.W - 260, 480, 170, p.other_person(rng, "MD"), "Chief Executive Officer", size=9)


@template(T, "completion_letter")
def completion_letter(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Program director's letter on hospital letterhead; the letter date is a distractor."""
    t = _tr(p, rec)
    doc.family(rng.choice(("times", "helv")))
    doc.text(60, 60, rec.put("institution", t.institution), doc.f("b"), 15)
    word = {"internship": "Internship", "residency": "Residency", "fellowship": "Fellowship"}[t.kind]
    doc.text(60, 76, f"{t.program} {word} Program  |  {t.city}, {t.state}", doc.f("r"), 9)
    doc.line(60, 84, doc.W - 60, 84, 0.8)
    doc.text(60, 120, fmt_date(p.as_of - timedelta(days=rng.randrange(10, 200)), "long")[0], doc.f("r"), 11)
    doc.text(60, 150, "To Whom It May Concern:", doc.f("r"), 11)
    ds = rng.choice(("long", "mdy", "abbr"))
    name = rec.put("holder_name", p.full_name(middle="none", credential=p.credential, when=t.end_date))
    body = (f"I am pleased to verify that {name} trained in our {rec.put('program', t.program)} "
            f"{rec.put('training_type', t.kind, word.lower())} program from {rec.date('start_date', t.start_date, ds)} "
            f"through {rec.date('end_date', t.end_date, ds)} and successfully completed all requirements. "
            f"There were no disciplinary actions, and I recommend {p.first} without reservation. The program is accredited "
            "by the ACGME.")
    y = doc.wrap(60, 180, doc.W - 120, body, doc.f("r"), 11, 16)
    doc.text(60, y + 30, "Sincerely,", doc.f("r"), 11)
    doc.signature(60, y + 80, 220, t.director + ", MD", f"Program Director, {t.program}", size=10)
