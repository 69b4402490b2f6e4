"""Pages that are not credentials: cover letter, fax cover sheet, attestation form, packet checklist.

They mention licences, dates and names on purpose (a classifier must not take them for
credentials) and carry no labelled fields.
"""

from __future__ import annotations

import random
from datetime import timedelta

from credintake.sample_docs.persona import Persona
from credintake.sample_docs.render import Doc, Rec, fmt_date
from credintake.sample_docs.templates import template

T = "other"


@template(T, "cover_letter")
def cover_letter(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Provider's letter to the medical staff office listing what is enclosed."""
    doc.family(rng.choice(("times", "helv")))
    R = doc.f("r")
    y = 70
    for s in (p.full_name(middle="initial", credential=p.credential), p.street, f"{p.city}, {p.practice_state} {p.zip}",
              p.phone, p.email):
        doc.text(60, y, s, R, 11)
        y += 14
    y += 20
    doc.text(60, y, fmt_date(p.as_of - timedelta(days=rng.randrange(2, 40)), "long")[0], R, 11)
    y += 34
    for s in ("Medical Staff Services", f"{p.city} Regional Medical Center", "Attn: Credentialing Coordinator"):
        doc.text(60, y, s, R, 11)
        y += 14
    y += 20
    doc.text(60, y, "Dear Credentialing Committee,", R, 11)
    body = ("Please find enclosed my application for appointment to the medical staff together with copies of my "
            f"{p.practice_license.state} license, DEA registration, board certification, certificate of insurance and "
            "curriculum vitae. My BLS and ACLS cards are also attached. Please do not hesitate to contact me should you "
            "require any additional information or primary source verifications.")
    y = doc.wrap(60, y + 24, doc.W - 120, body, R, 11, 16)
    doc.text(60, y + 24, "Sincerely,", R, 11)
    doc.text(60, y + 70, p.full_name(middle="none", credential=p.credential), R, 11)
    doc.text(60, y + 100, "Enclosures (12)", doc.f("i"), 10)


@template(T, "fax_cover")
def fax_cover(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Fax cover sheet: To/From/Pages/Date grid and a confidentiality notice."""
    doc.family(rng.choice(("helv", "courier")))
    B, R = doc.f("b"), doc.f("r")
    doc.text(60, 90, "FAX", B, 42)
    doc.text(60, 116, rng.choice(("Cover Sheet", "Transmittal", "Facsimile Cover Page")), R, 14)
    rows = [("To:", "Credentialing Department"), ("Fax:", f"({rng.randrange(201, 989)}) {rng.randrange(200, 999)}-{rng.randrange(10000):04d}"),
            ("From:", p.full_name(middle="none", credential=p.credential)), ("Phone:", p.phone),
            ("Date:", fmt_date(p.as_of - timedelta(days=rng.randrange(0, 30)), rng.choice(("mdy", "long")))[0]),
            ("Pages:", f"{rng.randrange(3, 25)} (including cover)"),
            ("Re:", rng.choice(("Credentialing application", "Reappointment documents", "Requested documents")))]
    y = 170
    for lab, val in rows:
        doc.text(60, y, lab, B, 12)
        doc.text(150, y, val, R, 12)
        doc.line(148, y + 4, 540, y + 4, 0.4)
        y += 28
    doc.text(60, y + 20, "[ ] Urgent   [X] For Review   [ ] Please Comment   [ ] Please Reply", R, 10)
    doc.wrap(60, y + 60, doc.W - 120, ("CONFIDENTIALITY NOTICE: The documents accompanying this facsimile transmission "
                                       "contain confidential information which is legally privileged. If you have received "
                                       "this fax in error, please notify the sender immediately and destroy the documents."),
             R, 8.5)


@template(T, "attestation_form")
def attestation_form(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Attestation and release page of an application, with yes/no questions and a signature date."""
    doc.family("times")
    doc.text(doc.W / 2, 60, "ATTESTATION QUESTIONS AND RELEASE", "Times-Bold", 14, "c")
    doc.text(60, 90, f"Applicant: {p.full_name(middle='full')}", "Times-Roman", 11)
    doc.text(360, 90, f"NPI: {p.npi}", "Times-Roman", 11)
    qs = ("Has your license to practice in any jurisdiction ever been denied, limited, suspended or revoked?",
          "Has your DEA registration ever been restricted or surrendered?",
          "Have you ever been the subject of a professional liability claim that resulted in a payment?",
          "Are you currently using illegal drugs?",
          "Have you ever been convicted of a felony?",
          "Do you have any condition that would limit your ability to perform the privileges requested?")
    y = 130
    for i, q in enumerate(qs, 1):
        y2 = doc.wrap(80, y, 380, f"{i}. {q}", "Times-Roman", 10)
        doc.text(480, y, "[ ] Yes  [X] No", "Times-Roman", 10)
        y = y2 + 8
    y = doc.wrap(60, y + 20, doc.W - 120, (
        "I attest that the information in this application is correct and complete. I authorize the release of "
        "information by any person or entity to the organization for the purpose of credentialing, and I understand "
        "that misstatements may be grounds for denial of appointment."), "Times-Roman", 10)
    doc.line(60, y + 50, 300, y + 50, 0.5)
    doc.text(60, y + 62, f"Signature: {p.full_name(middle='initial')}", "Times-Italic", 10)
    doc.text(340, y + 50, fmt_date(p.attestation_date, rng.choice(("mdy", "long")))[0], "Times-Roman", 11)
    doc.line(340, y + 54, 500, y + 54, 0.5)
    doc.text(340, y + 64, "Date", "Times-Roman", 9)


@template(T, "packet_checklist")
def packet_checklist(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """The hospital's checklist of required documents, some boxes ticked."""
    doc.family("helv")
    doc.text(60, 60, f"{p.city} Health - Credentialing Checklist", "Helvetica-Bold", 14)
    doc.text(60, 78, f"Provider: {p.full_name(middle='none')}    Type: {p.profession}    Due: "
             f"{fmt_date(p.as_of + timedelta(days=rng.randrange(5, 45)), 'mdy')[0]}", "Helvetica", 9.5)
    items = ("Signed application and attestation", "Current state license(s)", "DEA certificate",
             "Board certification", "Medical school diploma", "Residency / fellowship certificates",
             "Certificate of insurance (COI)", "Curriculum vitae with month/year dates", "BLS / ACLS card",
             "Government-issued photo ID", "Immunization records", "Peer references (3)")
    y = 120
    for it in items:
        doc.rect(60, y - 9, 10, 10, 0.6)
        if rng.random() < 0.6:
            doc.text(61.5, y, "X", "Helvetica-Bold", 10)
        doc.text(80, y, it, "Helvetica", 10.5)
        y += 22
    doc.wrap(60, y + 20, doc.W - 120, "Incomplete applications will not be processed. Questions: medicalstaff@example.org",
             "Helvetica-Oblique", 9)


@template(T, "reference_letter")
def reference_letter(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Peer reference letter: names an employer, years and the applicant, but is no credential."""
    j = rng.choice(p.jobs)
    doc.family(rng.choice(("times", "helv")))
    R = doc.f("r")
    ref = p.other_person(rng, "MD")
    doc.text(60, 64, j.employer, doc.f("b"), 14)
    doc.text(60, 78, f"{j.city}, {j.state}", R, 9)
    doc.text(60, 120, fmt_date(p.as_of - timedelta(days=rng.randrange(3, 60)), "long")[0], R, 11)
    doc.text(60, 150, "RE: Professional reference", doc.f("b"), 11)
    body = (f"I have worked with {p.full_name(middle='none', credential=p.credential)} since {j.start_date.year}, "
            f"when {p.first} joined our group as {j.title}. I have directly observed {p.first}'s clinical judgment, "
            "technical skills and professionalism, and rate them as excellent. I am not aware of any malpractice claims, "
            "disciplinary actions or impairment. Please contact me with any questions.")
    y = doc.wrap(60, 180, doc.W - 120, body, R, 11, 16)
    doc.signature(60, y + 70, 220, ref, f"Medical Director, {j.employer}", size=10)


@template(T, "immunization_record")
def immunization_record(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Employee health immunization record: a table full of dates that are no credential's."""
    doc.family("helv")
    doc.text(50, 60, f"{p.jobs[-1].employer} - Employee Health", "Helvetica-Bold", 13)
    doc.text(50, 78, "IMMUNIZATION AND TB SCREENING RECORD", "Helvetica", 10)
    doc.text(50, 100, f"Name: {p.full_name(middle='none')}", "Helvetica", 10)
    doc.text(330, 100, f"Employee ID: {rng.randrange(100000, 999999)}", "Helvetica", 10)
    cols = [(50, "Vaccine / Test"), (240, "Date"), (330, "Result / Lot"), (450, "Next Due")]
    y = 134
    doc.rect(46, y - 12, 520, 17, 0.4, fill=0.88)
    for x, h in cols:
        doc.text(x, y, h, "Helvetica-Bold", 9)
    y += 20
    for name, every in (("Influenza", 365), ("Tdap", 3650), ("Hepatitis B series", 0), ("MMR titer", 0),
                        ("Varicella titer", 0), ("TB (IGRA)", 365), ("COVID-19", 0)):
        d = p.as_of - timedelta(days=rng.randrange(20, 1500))
        doc.text(50, y, name, "Helvetica", 9)
        doc.text(240, y, fmt_date(d, "mdy")[0], "Helvetica", 9)
        doc.text(330, y, rng.choice(("Immune", "Negative", f"Lot {rng.randrange(10000, 99999)}", "Given")), "Helvetica", 9)
        doc.text(450, y, fmt_date(d + timedelta(days=every), "mdy")[0] if every else "-", "Helvetica", 9)
        doc.line(46, y + 6, 566, y + 6, 0.3, gray=0.6)
        y += 20


@template(T, "privileges_letter")
def privileges_letter(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """A hospital's current-privileges letter: appointment period dates, not a work-history document."""
    j = p.jobs[-1]
    doc.family("times")
    doc.text(60, 60, j.employer, "Times-Bold", 15)
    doc.text(60, 76, "Medical Staff Office", "Times-Italic", 10)
    doc.line(60, 84, doc.W - 60, 84, 0.8)
    doc.text(60, 118, fmt_date(p.as_of - timedelta(days=rng.randrange(5, 90)), "long")[0], "Times-Roman", 11)
    start = p.as_of - timedelta(days=rng.randrange(100, 600))
    body = (f"This is to confirm that {p.full_name(middle='initial', credential=p.credential)} holds "
            f"{rng.choice(('Active', 'Courtesy', 'Consulting'))} Staff membership with clinical privileges in "
            f"{p.specialty} at {j.employer}. The current appointment period is {fmt_date(start, 'long')[0]} through "
            f"{fmt_date(start + timedelta(days=730), 'long')[0]}. No privileges have been restricted, suspended or "
            "revoked, and no investigations are pending.")
    y = doc.wrap(60, 150, doc.W - 120, body, "Times-Roman", 11.5, 17)
    doc.signature(60, y + 70, 220, p.other_person(rng), "Medical Staff Coordinator", size=10)


@template(T, "collaborative_agreement")
def collaborative_agreement(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Collaborative / supervision agreement signature page (NPs and PAs), with a physician's name and licence."""
    doc.family(rng.choice(("times", "helv")))
    B, R = doc.f("b"), doc.f("r")
    doc.text(doc.W / 2, 64, rng.choice(("COLLABORATIVE PRACTICE AGREEMENT", "SUPERVISION AGREEMENT")), B, 14, "c")
    doc.text(doc.W / 2, 82, f"State of {p.practice_state} - Signature Page", R, 10, "c")
    doc_name = p.other_person(rng, "MD")
    body = (f"This agreement between {p.full_name(middle='none', credential=p.credential)} and the collaborating "
            f"physician {doc_name} (license {p.practice_state} {rng.randrange(10000, 99999)}) describes prescriptive "
            "authority, chart review (10% of charts monthly), consultation and referral. It is effective on "
            f"{fmt_date(p.jobs[-1].start_date, 'long')[0]} and is reviewed annually.")
    y = doc.wrap(60, 120, doc.W - 120, body, R, 11, 16)
    for who in (p.full_name(middle="none", credential=p.credential), doc_name):
        y += 60
        doc.line(60, y, 300, y, 0.5)
        doc.text(60, y + 12, who, R, 10)
        doc.text(360, y, fmt_date(p.as_of - timedelta(days=rng.randrange(10, 300)), "mdy")[0], R, 10)
        doc.text(360, y + 12, "Date", R, 9)
