"""CME certificates: AMA PRA prose, attendance certificate, transcript table, online module printout.

Claimed credits are labelled; the 'maximum designated' credits printed nearby are a distractor.
"""

from __future__ import annotations

import random
from datetime import timedelta

from credintake.sample_docs.persona import Cme, Persona
from credintake.sample_docs.render import Doc, Rec, fmt_date
from credintake.sample_docs.templates import template
from credintake.sample_docs.templates._common import browser_frame, day_style

T = "cme_certificate"


def _cme(p: Persona, rec: Rec) -> Cme:
    return p.cme[rec.item % len(p.cme)]


def _cr(x: float, rng: random.Random) -> str:
    return rng.choice((f"{x:.2f}", f"{x:g}")) if x != int(x) else rng.choice((f"{x:.2f}", f"{x:.1f}", f"{x:g}"))


@template(T, "ama_pra")
def ama_pra(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Classic AMA PRA statement certificate with the maximum-credits designation statement."""
    m = _cme(p, rec)
    doc.family("times")
    doc.rect(36, 36, doc.W - 72, 520, 1.5)
    c = doc.W / 2
    doc.text(c, 90, m.provider, "Times-Bold", 16, "c")
    doc.text(c, 120, "CERTIFICATE OF CME CREDIT", "Times-Bold", 14, "c")
    doc.text(c, 160, "This is to certify that", "Times-Italic", 12, "c")
    doc.text(c, 192, rec.put("holder_name", p.full_name(middle="initial", credential=p.credential_printed(rng), dots=True)),
             "Times-Bold", 20, "c")
    doc.text(c, 222, "has participated in the live activity titled", "Times-Italic", 12, "c")
    y = doc.wrap(80, 252, doc.W - 160, rec.put("activity_title", m.title), "Times-Bold", 15, align="c")
    ds = rng.choice(("long", "mdy", "abbr"))
    y = doc.wrap(80, y + 10, doc.W - 160, f"on {rec.date('completion_date', m.completion_date, ds)} and is awarded "
                 f"{rec.put('credits', m.credits, _cr(m.credits, rng))} AMA PRA Category 1 Credit(s)™.",
                 "Times-Roman", 13, align="c")
    doc.wrap(70, y + 30, doc.W - 140, (f"The {m.provider} designates this live activity for a maximum of "
                                       f"{_cr(m.max_credits, rng)} AMA PRA Category 1 Credit(s)™. Physicians should claim "
                                       "only the credit commensurate with the extent of their participation in the activity. "
                                       f"The {m.provider} is accredited by the ACCME to provide continuing medical education "
                                       "for physicians."), "Times-Roman", 9, align="c")
    doc.signature(doc.W / 2 - 100, 520, 200, p.other_person(rng, "MD"), "Director, Continuing Medical Education", size=9)


@template(T, "attendance")
def attendance(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """'Certificate of Attendance' with labelled rows: Credits Claimed vs Maximum Credits."""
    m = _cme(p, rec)
    doc.family("helv")
    doc.rect(0, 0, doc.W, 90, 0, fill=0.9, stroke=False)
    doc.text(50, 50, m.provider, "Helvetica-Bold", 15)
    doc.text(50, 70, "Certificate of Attendance", "Helvetica", 12)
    ds = day_style(rng, ("mdy", "long", "iso", "dmy_long"))
    rows = [("Participant", rec.put("holder_name", p.full_name(middle="none", credential=p.credential))),
            (rng.choice(("Activity", "Course Title", "Program")), rec.put("activity_title", m.title)),
            ("Location", rng.choice(("Online / enduring material", f"{p.city}, {p.practice_state}", "Chicago, IL"))),
            (rng.choice(("Date of Completion", "Date Attended", "Completed")), rec.date("completion_date", m.completion_date, ds)),
            ("Maximum Credits Designated", _cr(m.max_credits, rng)),
            (rng.choice(("Credits Claimed", "Credits Earned", "Hours Claimed")), rec.put("credits", m.credits, _cr(m.credits, rng))),
            ("Credit Type", "AMA PRA Category 1 Credit™")]
    if rng.random() < 0.5:
        rows[4], rows[5] = rows[5], rows[4]
    y = 140
    for lab, val in rows:
        doc.text(60, y, lab, "Helvetica-Bold", 10)
        doc.wrap(260, y, 300, val, "Helvetica", 10)
        y += 26
    doc.wrap(60, y + 20, 490, ("Retain this certificate for your records for at least six years. Accredited by the "
                               "Accreditation Council for Continuing Medical Education."), "Helvetica-Oblique", 8.5)


@template(T, "transcript_row")
def transcript_row(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """One-row credit table (Activity | Date | Max | Claimed), landscape-ish column layout."""
    m = _cme(p, rec)
    doc.family(rng.choice(("helv", "courier")))
    doc.text(50, 60, f"{m.provider} - Statement of Credit", doc.f("b"), 13)
    doc.text(50, 80, "Learner: " + rec.put("holder_name", p.full_name(middle="initial", upper=True)), doc.f("r"), 10)
    doc.text(50, 94, f"Report generated {fmt_date(p.as_of - timedelta(days=rng.randrange(1, 20)), 'mdy')[0]}", doc.f("r"), 8)
    cols = [(50, "Activity Title"), (310, "Date"), (390, "Max"), (440, "Claimed"), (500, "Type")]
    y = 130
    doc.rect(46, y - 13, 520, 18, 0.4, fill=0.88)
    for x, h in cols:
        doc.text(x, y, h, doc.f("b"), 9)
    y += 22
    y2 = doc.wrap(50, y, 250, rec.put("activity_title", m.title), doc.f("r"), 9)
    doc.text(310, y, rec.date("completion_date", m.completion_date, rng.choice(("mdy", "iso"))), doc.f("r"), 9)
    doc.text(390, y, _cr(m.max_credits, rng), doc.f("r"), 9)
    doc.text(440, y, rec.put("credits", m.credits, _cr(m.credits, rng)), doc.f("r"), 9)
    doc.text(500, y, "Cat 1", doc.f("r"), 9)
    doc.line(46, y2 + 2, 566, y2 + 2, 0.4)
    doc.text(50, y2 + 24, f"Total AMA PRA Category 1 Credits™ claimed: {_cr(m.credits, rng)}", doc.f("b"), 9)


@template(T, "online_module")
def online_module(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Online CME certificate printed from a browser (header/footer dates are distractors)."""
    m = _cme(p, rec)
    browser_frame(doc, rng, p, "CME Certificate", "https://www.cme-online.example.com/learner/certificates/print")
    doc.family("helv")
    doc.text(doc.W / 2, 90, "CME Certificate", "Helvetica-Bold", 20, "c")
    doc.text(doc.W / 2, 112, m.provider, "Helvetica", 11, "c")
    doc.text(doc.W / 2, 160, rec.put("holder_name", p.full_name(middle="none", credential=p.credential)),
             "Helvetica-Bold", 16, "c")
    doc.text(doc.W / 2, 186, "has successfully completed", "Helvetica", 11, "c")
    y = doc.wrap(90, 214, doc.W - 180, rec.put("activity_title", m.title), "Helvetica-Bold", 14, align="c")
    ds = rng.choice(("abbr", "long", "mdy"))
    doc.text(doc.W / 2, y + 16, "Date Completed: " + rec.date("completion_date", m.completion_date, ds), "Helvetica", 11, "c")
    doc.text(doc.W / 2, y + 36, f"Credits Earned: {rec.put('credits', m.credits, _cr(m.credits, rng))} AMA PRA Category 1 Credit(s)™",
             "Helvetica", 11, "c")
    doc.wrap(80, y + 80, doc.W - 160, (f"Release date {fmt_date(m.completion_date - timedelta(days=rng.randrange(60, 300)), ds)[0]}; "
                                       f"valid for credit through {fmt_date(m.completion_date + timedelta(days=rng.randrange(200, 400)), ds)[0]}. "
                                       f"Designated for a maximum of {_cr(m.max_credits, rng)} credits."), "Helvetica", 8.5, align="c")


@template(T, "contact_hours")
def contact_hours(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Nursing CE certificate: 'contact hours' (the credits), ANCC accreditation statement, provider number."""
    m = _cme(p, rec)
    doc.landscape()
    doc.family("helv")
    doc.rect(36, 36, doc.W - 72, doc.H - 72, 2)
    c = doc.W / 2
    doc.text(c, 100, "CERTIFICATE OF COMPLETION", "Helvetica-Bold", 22, "c")
    doc.text(c, 126, m.provider, "Helvetica", 12, "c")
    doc.text(c, 180, rec.put("holder_name", p.full_name(middle="none", credential=p.credential)), "Helvetica-Bold", 20, "c")
    doc.text(c, 210, "has successfully completed", "Helvetica", 12, "c")
    y = doc.wrap(120, 240, doc.W - 240, rec.put("activity_title", m.title), "Helvetica-Bold", 16, align="c")
    ds = rng.choice(("mdy", "long", "dmy_long"))
    doc.text(c, y + 14, f"and is awarded {rec.put('credits', m.credits, _cr(m.credits, rng))} contact hours",
             "Helvetica", 13, "c")
    doc.text(c, y + 40, f"Date: {rec.date('completion_date', m.completion_date, ds)}", "Helvetica", 12, "c")
    doc.wrap(100, y + 80, doc.W - 200, (f"{m.provider} is accredited as a provider of nursing continuing professional "
                                        "development by the American Nurses Credentialing Center's Commission on "
                                        f"Accreditation. Provider number P{rng.randrange(1000, 9999)}."),
             "Helvetica-Oblique", 9, align="c")
