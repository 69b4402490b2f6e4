"""Board certification: diplomate wall certificate, online verification, letter, wallet card."""

from __future__ import annotations

import random
from datetime import timedelta

from credintake.sample_docs.persona import BoardCert, Persona
from credintake.sample_docs.render import Doc, Rec, fmt_date
from credintake.sample_docs.templates import template
from credintake.sample_docs.templates._common import browser_frame, day_style

T = "board_certification"


def _cert(p: Persona, rec: Rec) -> BoardCert:
    return p.board_certs[rec.item % len(p.board_certs)]


def _acronym(board: str) -> str:
    return "".join(w[0] for w in board.split() if w[0].isupper() and w not in ("A",))


@template(T, "diplomate_certificate")
def diplomate_certificate(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Ornate prose certificate: 'is hereby certified as a Diplomate in ...'."""
    bc = _cert(p, rec)
    doc.family("times")
    c = doc.W / 2
    doc.rect(26, 26, doc.W - 52, doc.H - 52, 3)
    doc.rect(36, 36, doc.W - 72, doc.H - 72, 0.8)
    doc.text(c, 120, rec.put("board", bc.board), "Times-Bold", 20 if len(bc.board) < 40 else 15, "c")
    doc.text(c, 146, rng.choice(("Incorporated", "Founded 1936", "A Member Board of the ABMS", "")), "Times-Italic", 10, "c")
    doc.text(c, 200, "Be it known that", "Times-Italic", 14, "c")
    doc.text(c, 238, rec.put("holder_name", p.full_name(middle="full", credential=p.credential_printed(rng),
                                                         dots=True)), "Times-Bold", 22, "c")
    diplomate = p.profession in ("MD", "DO")
    y = doc.wrap(80, 280, doc.W - 160, (
        "has met all the requirements established by this Board and, having passed the examination, is hereby "
        f"certified as a {'Diplomate in' if diplomate else 'qualified practitioner in'}"), "Times-Roman", 13, align="c")
    doc.text(c, y + 14, rec.put("specialty", bc.specialty), "Times-Bold", 18, "c")
    style = rng.choice(("words", "long", "mdy"))
    d = rec.date("issue_date", bc.issue_date, style)
    y = doc.wrap(80, y + 50, doc.W - 160, f"Certified {d}" if style != "words" else f"Given {d}.", "Times-Italic", 12,
                 align="c")
    if bc.expiration_date and rng.random() < 0.75:
        lab = rng.choice(("Valid through", "This certificate expires", "Valid until"))
        doc.text(c, y + 10, f"{lab} {rec.date('expiration_date', bc.expiration_date, rng.choice(('long', 'mdy')))}",
                 "Times-Roman", 12, "c")
    doc.text(c, y + 34, f"Certificate No. {bc.cert_number}", "Times-Roman", 10, "c")
    doc.seal(c, doc.H - 200, 45, [_acronym(bc.board), "SEAL", str(rng.randrange(1930, 1990))])
    doc.signature(70, doc.H - 120, 180, p.other_person(rng, "MD"), "Chair, Board of Directors")
    doc.signature(doc.W - 250, doc.H - 120, 180, p.other_person(rng, "MD"), "President and CEO")


@template(T, "verification_printout")
def verification_printout(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Board web verification: 'Certified Since', 'Valid Through', MOC status, browser dates."""
    bc = _cert(p, rec)
    ac = _acronym(bc.board).lower()
    browser_frame(doc, rng, p, f"Verify a Physician | {bc.board}", f"https://www.{ac}.org/verify-certification/results")
    doc.family("helv")
    doc.text(50, 70, rec.put("board", bc.board), "Helvetica-Bold", 14)
    doc.text(50, 96, "Certification Verification Results", "Helvetica", 11)
    doc.text(50, 124, rec.put("holder_name", p.full_name(middle=rng.choice(("initial", "none")), credential=p.credential)),
             "Helvetica-Bold", 12)
    doc.text(50, 138, f"{p.city}, {p.practice_state}", "Helvetica", 9)
    heads = ["Certification", rng.choice(("Certified Since", "Initial Certification", "Original Certification")),
             rng.choice(("Valid Through", "Expiration", "Certified Through")), "Status", "MOC"]
    xs = [50, 230, 330, 430, 500]
    y = 170
    doc.rect(46, y - 13, 520, 18, 0.4, fill=0.88)
    for x, h in zip(xs, heads):
        doc.text(x, y, h, "Helvetica-Bold", 8.5)
    ds = day_style(rng, ("mdy", "iso", "abbr", "mdy_short"))
    y += 20
    doc.wrap(xs[0], y, 170, rec.put("specialty", bc.specialty), "Helvetica", 8.5)
    doc.text(xs[1], y, rec.date("issue_date", bc.issue_date, ds), "Helvetica", 8.5)
    doc.text(xs[2], y, rec.date("expiration_date", bc.expiration_date, ds) if bc.expiration_date else "Lifetime",
             "Helvetica", 8.5)
    doc.text(xs[3], y, "Certified" if not bc.expiration_date or bc.expiration_date >= p.as_of else "Not Certified",
             "Helvetica", 8.5)
    doc.text(xs[4], y, rng.choice(("Yes", "Participating", "Meeting MOC Requirements")), "Helvetica", 8.5)
    doc.wrap(50, y + 40, 500, (f"Last MOC activity: {fmt_date(p.as_of - timedelta(days=rng.randrange(30, 500)), ds)[0]}. "
                               "This information is provided as a primary source verification of certification status "
                               "and is accepted by The Joint Commission, NCQA and URAC."), "Helvetica", 8)


@template(T, "verification_letter")
def verification_letter(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Letter on board letterhead addressed to a credentialing office; the letter date is a distractor."""
    bc = _cert(p, rec)
    doc.family(rng.choice(("times", "helv")))
    doc.text(60, 60, rec.put("board", bc.board), doc.f("b"), 15)
    doc.text(60, 74, f"{rng.randrange(100, 9999)} {rng.choice(('Market Street', 'Corporate Woods Pkwy', 'Park Avenue'))}, "
             f"{rng.choice(('Philadelphia, PA', 'Chicago, IL', 'Lexington, KY', 'Raleigh, NC'))}", doc.f("r"), 9)
    doc.line(60, 84, doc.W - 60, 84, 1)
    letter_date = p.as_of - timedelta(days=rng.randrange(2, 60))
    doc.text(60, 120, fmt_date(letter_date, "long")[0], doc.f("r"), 11)
    doc.text(60, 150, "Medical Staff Credentialing Office", doc.f("r"), 11)
    doc.text(60, 164, "RE: Verification of Certification", doc.f("b"), 11)
    ds = rng.choice(("long", "mdy"))
    name = rec.put("holder_name", p.full_name(middle="initial", credential=p.credential, dots=True))
    body = (f"This letter verifies that {name} was certified by the {bc.board} in "
            f"{rec.put('specialty', bc.specialty)} on {rec.date('issue_date', bc.issue_date, ds)}.")
    if bc.expiration_date:
        body += f" The certification is valid through {rec.date('expiration_date', bc.expiration_date, ds)}."
    else:
        body += " This certificate was issued without a time limit."
    body += (" Board certification status can change; please verify online for the most current information. "
             "This letter does not address licensure or privileges.")
    y = doc.wrap(60, 200, doc.W - 120, body, doc.f("r"), 11, 16)
    doc.text(60, y + 30, "Sincerely,", doc.f("r"), 11)
    doc.signature(60, y + 80, 200, p.other_person(rng), "Manager, Credentials Verification", size=10)


@template(T, "wallet_card")
def wallet_card(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Certification card on a letter page: month-year 'Certified' and full expiration date."""
    bc = _cert(p, rec)
    doc.family(rng.choice(("helv", "courier")))
    x, y = 60, rng.choice((60, 220))
    doc.rect(x, y, 270, 160, 1.2, radius=8)
    ac = _acronym(bc.board)
    doc.text(x + 12, y + 22, ac, doc.f("b"), 16)
    doc.text(x + 12, y + 34, rec.put("board", bc.board), doc.f("r"), 6 if len(bc.board) > 50 else 7)
    doc.text(x + 12, y + 62, rec.put("holder_name", p.full_name(middle="initial", upper=True, credential=p.credential)),
             doc.f("b"), 10)
    doc.text(x + 12, y + 78, rec.put("specialty", bc.specialty), doc.f("r"), 8.5)
    doc.text(x + 12, y + 100, rng.choice(("Certification No.", "ID #")) + f" {bc.cert_number}", doc.f("r"), 8)
    doc.text(x + 12, y + 114, "Certified: " + rec.date("issue_date", bc.issue_date, rng.choice(("my", "mdy"))), doc.f("r"), 8)
    if bc.expiration_date:
        doc.text(x + 12, y + 128, rng.choice(("Expiration Date: ", "Expires: ", "Valid Through: "))
                 + rec.date("expiration_date", bc.expiration_date, rng.choice(("mdy", "abbr"))), doc.f("b"), 8)
    doc.text(x + 12, y + 150, "Verify at www." + ac.lower() + ".org", doc.f("i"), 6.5)


@template(T, "landscape_certificate")
def landscape_certificate(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Landscape certificate (AOA, NCCPA, AANP style) with a 'Certification Period' range."""
    bc = _cert(p, rec)
    doc.landscape()
    doc.family(rng.choice(("times", "helv")))
    doc.rect(30, 30, doc.W - 60, doc.H - 60, 4)
    c = doc.W / 2
    doc.text(c, 100, rec.put("board", bc.board), doc.f("b"), 20 if len(bc.board) < 50 else 14, "c")
    doc.text(c, 150, "certifies that", doc.f("i"), 13, "c")
    doc.text(c, 195, rec.put("holder_name", p.full_name(middle="initial", credential=p.credential, upper=True)),
             doc.f("b"), 24, "c")
    doc.text(c, 235, "has fulfilled the requirements for certification in", doc.f("r"), 13, "c")
    doc.text(c, 272, rec.put("specialty", bc.specialty), doc.f("b"), 20, "c")
    ds = rng.choice(("mdy", "long", "abbr"))
    if bc.expiration_date:
        doc.text(c, 320, f"Certification Period: {rec.date('issue_date', bc.issue_date, ds)} - "
                 f"{rec.date('expiration_date', bc.expiration_date, ds)}", doc.f("r"), 12, "c")
    else:
        doc.text(c, 320, f"Date of Certification: {rec.date('issue_date', bc.issue_date, ds)}", doc.f("r"), 12, "c")
    doc.text(c, 342, f"Certificate Number {bc.cert_number}", doc.f("r"), 10, "c")
    doc.seal(120, 470, 46, [_acronym(bc.board), "OFFICIAL", "SEAL"])
    doc.signature(doc.W - 300, 480, 200, p.other_person(rng), "President", size=9)
