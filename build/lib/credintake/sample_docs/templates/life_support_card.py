"""Life-support cards: AHA-style eCard in a page corner, full-page eCard, Red Cross certificate, card front/back."""

from __future__ import annotations

import random
from datetime import timedelta

from credintake.sample_docs.persona import LifeSupport, Persona
from credintake.sample_docs.render import Doc, Rec, fmt_date
from credintake.sample_docs.templates import template

T = "life_support_card"
COURSE_WORDS = {
    "BLS": ("BLS Provider", "Basic Life Support (BLS)", "BLS for Healthcare Providers"),
    "ACLS": ("ACLS Provider", "Advanced Cardiovascular Life Support", "ACLS"),
    "PALS": ("PALS Provider", "Pediatric Advanced Life Support", "PALS"),
    "NRP": ("NRP Provider", "Neonatal Resuscitation Program", "NRP"),
}


def _card(p: Persona, rec: Rec) -> LifeSupport:
    return p.life_support[rec.item % len(p.life_support)]


def _issuer(c: LifeSupport) -> str:
    return "American Academy of Pediatrics" if c.course == "NRP" else "American Heart Association"


def _ids(rng: random.Random) -> tuple[str, str]:
    return f"TC{rng.randrange(10**5, 10**6)}", f"{rng.randrange(10**9, 10**10)}"


@template(T, "ecard_corner")
def ecard_corner(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """eCard printed on a letter page: small card in one corner, month-year dates."""
    c = _card(p, rec)
    doc.family("helv")
    x, y = rng.choice(((36, 36), (doc.W - 300, 36), (36, 420)))
    w, h = 264, 170
    doc.rect(x, y, w, h, 0.9, radius=5)
    doc.rect(x, y, w, 26, 0, fill=0.2, stroke=False)
    doc.c.setFillGray(1)
    doc.text(x + 8, y + 17, _issuer(c), "Helvetica-Bold", 9, gray=1.0)
    doc.text(x + 12, y + 46, rec.put("course", c.course, rng.choice(COURSE_WORDS[c.course])), "Helvetica-Bold", 13)
    doc.text(x + 12, y + 66, rec.put("holder_name", p.full_name(middle="none", suffix=False)), "Helvetica-Bold", 10)
    doc.wrap(x + 12, y + 80, w - 24, "has successfully completed the cognitive and skills evaluations in accordance with "
             "the curriculum of the American Heart Association program.", "Helvetica", 6, 7.5)
    ms = rng.choice(("my", "my_abbr", "my_long"))
    doc.text(x + 12, y + 112, "Issue Date", "Helvetica", 6.5)
    doc.text(x + 12, y + 123, rec.date("issue_date", c.issue_date, ms), "Helvetica-Bold", 8.5)
    doc.text(x + 130, y + 112, rng.choice(("Recommended Renewal Date", "Renew By")), "Helvetica", 6.5)
    doc.text(x + 130, y + 123, rec.date("expiration_date", c.expiration_date, ms), "Helvetica-Bold", 8.5)
    tc, inst = _ids(rng)
    doc.text(x + 12, y + 140, f"Training Center: {c.center}", "Helvetica", 6.5)
    doc.text(x + 12, y + 150, f"TC ID: {tc}   Instructor: {c.instructor}   ID: {inst}", "Helvetica", 6)
    doc.text(x + 12, y + 162, f"eCard Code: {c.ecard}", "Helvetica", 6.5)
    doc.text(doc.W / 2, doc.H - 60, "To view or verify authenticity, students and employers should scan this QR code or "
             "go to heart.org/cpr/mycards.", "Helvetica", 7, "c")


@template(T, "ecard_full")
def ecard_full(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Full-page eCard layout with 'Renew By' and long month names."""
    c = _card(p, rec)
    doc.family("helv")
    doc.text(60, 80, _issuer(c), "Helvetica-Bold", 18)
    doc.line(60, 92, doc.W - 60, 92, 2)
    doc.text(60, 140, rec.put("course", c.course, rng.choice(COURSE_WORDS[c.course])), "Helvetica-Bold", 28)
    doc.text(60, 190, rec.put("holder_name", p.full_name(middle="initial", dots=True)), "Helvetica-Bold", 20)
    doc.wrap(60, 215, 480, "has successfully completed the cognitive and skills evaluations in accordance with the "
             "curriculum of the course.", "Helvetica", 10)
    ms = rng.choice(("my_long", "my", "my_dot"))
    pairs = [(rng.choice(("Issued", "Issue Date")), rec.date("issue_date", c.issue_date, ms)),
             (rng.choice(("Renew By", "Recommended Renewal Date", "Expires")), rec.date("expiration_date", c.expiration_date, ms))]
    y = 280
    for lab, val in pairs:
        doc.text(60, y, lab, "Helvetica", 10)
        doc.text(240, y, val, "Helvetica-Bold", 12)
        y += 24
    tc, inst = _ids(rng)
    for lab, val in (("Training Center", c.center), ("TC ID", tc), ("Instructor", c.instructor), ("Instructor ID", inst),
                     ("eCard Code", c.ecard)):
        doc.text(60, y, lab, "Helvetica", 9)
        doc.text(240, y, val, "Helvetica", 9)
        y += 16


@template(T, "redcross_certificate")
def redcross_certificate(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Certificate-style completion with full dates and 'Valid for 2 years'."""
    c = _card(p, rec)
    doc.family("times")
    doc.rect(40, 40, doc.W - 80, 420, 1.5)
    cx = doc.W / 2
    org = "American Red Cross" if c.course != "NRP" else "American Academy of Pediatrics"
    doc.text(cx, 100, org, "Times-Bold", 22, "c")
    doc.text(cx, 130, "Certificate of Completion", "Times-Italic", 16, "c")
    doc.text(cx, 180, rec.put("holder_name", p.full_name(middle="none", upper=rng.random() < 0.3)), "Times-Bold", 22, "c")
    doc.text(cx, 210, "has successfully completed requirements for", "Times-Roman", 12, "c")
    doc.text(cx, 240, rec.put("course", c.course, COURSE_WORDS[c.course][1]), "Times-Bold", 16, "c")
    ds = rng.choice(("mdy", "long"))
    doc.text(cx, 290, f"Date Completed: {rec.date('issue_date', c.issue_date, ds)}", "Times-Roman", 12, "c")
    doc.text(cx, 310, f"Valid for 2 years - Expiration Date: {rec.date('expiration_date', c.expiration_date, ds)}",
             "Times-Roman", 12, "c")
    doc.text(cx, 350, f"Certificate ID: {c.ecard[:6]}-{c.ecard[6:]}", "Times-Roman", 10, "c")
    doc.signature(80, 430, 170, c.instructor, "Instructor", size=9)


@template(T, "card_front_back")
def card_front_back(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Both sides of a wallet card side by side, as copied on a copier; front has name, back has dates."""
    c = _card(p, rec)
    doc.family(rng.choice(("helv", "courier")))
    y = rng.choice((60, 200))
    for x in (40, 320):
        doc.rect(x, y, 250, 150, 1, radius=6)
    doc.text(50, y + 20, _issuer(c).upper(), doc.f("b"), 7.5)
    doc.text(50, y + 50, rec.put("course", c.course, COURSE_WORDS[c.course][0]), doc.f("b"), 14)
    doc.text(50, y + 84, rec.put("holder_name", p.full_name(middle="initial", upper=True, suffix=False)), doc.f("b"), 10)
    doc.line(50, y + 88, 280, y + 88, 0.4)
    doc.text(50, y + 98, "Name", doc.f("r"), 6.5)
    ms = rng.choice(("my", "my_dash", "my_abbr"))
    tc, inst = _ids(rng)
    rows = [("Issue Date", rec.date("issue_date", c.issue_date, ms)),
            ("Renew By", rec.date("expiration_date", c.expiration_date, ms)),
            ("Training Center", c.center[:30]), ("TC ID #", tc), ("Instructor", c.instructor), ("Inst. ID #", inst)]
    yy = y + 22
    for lab, val in rows:
        doc.text(330, yy, lab, doc.f("r"), 6.5)
        doc.text(400, yy, val, doc.f("b"), 7.5)
        yy += 17
    doc.text(330, y + 142, "Holder's Signature ____________________", doc.f("r"), 6.5)


@template(T, "center_letter")
def center_letter(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Training center's verification letter with full dates (used when an eCard cannot be found)."""
    c = _card(p, rec)
    doc.family("times")
    doc.text(60, 64, c.center, "Times-Bold", 15)
    doc.text(60, 80, f"An {_issuer(c)} Training Center", "Times-Italic", 10)
    doc.line(60, 88, doc.W - 60, 88, 0.8)
    doc.text(60, 124, fmt_date(p.as_of - timedelta(days=rng.randrange(5, 60)), "long")[0], "Times-Roman", 11)
    ds = rng.choice(("mdy", "long"))
    name = rec.put("holder_name", p.full_name(middle="initial", credential=p.credential))
    words = rec.put("course", c.course, rng.choice(COURSE_WORDS[c.course][1:]))
    body = (f"This letter confirms that {name} successfully completed the {words} course at our training center on "
            f"{rec.date('issue_date', c.issue_date, ds)}. The course completion card is valid until "
            f"{rec.date('expiration_date', c.expiration_date, ds)}. Instructor: {c.instructor}.")
    y = doc.wrap(60, 160, doc.W - 120, body, "Times-Roman", 11.5, 17)
    doc.signature(60, y + 70, 200, p.other_person(rng), "Training Center Coordinator", size=10)
