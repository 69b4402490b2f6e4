"""Board certification verification printouts: an ABMS-style credentials profile and the
national certifying bodies' look-up pages (NCCPA, ANCC, AANPCB, NBCRNA, BPS).

The ABMS member boards' shared look-up prints the physician once, then one block per
board with a row per certificate: certificate name, status, initial certification date,
expiration or duration ("Lifetime" for older time-unlimited certificates) and whether the
physician participates in MOC. The bodies that certify NPs, PAs, CRNAs and pharmacists
print a "verification of certification" page with the credential, certification number,
status and a certification period. Arrangement, wording and the browser frame are drawn
from the rng; the labelled certificate is listed first, other certificates after it.
"""

from __future__ import annotations

import random
from datetime import timedelta

from credintake.sample_docs.persona import BoardCert, Persona
from credintake.sample_docs.render import Doc, Rec, fmt_date
from credintake.sample_docs.templates import template
from credintake.sample_docs.templates._layout import field_block, print_frame

T = "board_certification"


def _certs(p: Persona, rec: Rec) -> list[BoardCert]:
    first = p.board_certs[rec.item % len(p.board_certs)]
    return [first] + [c for c in p.board_certs if c is not first]


def _acronym(board: str) -> str:
    return "".join(w[0] for w in board.split() if w[0].isupper())


def _status(bc: BoardCert, p: Persona) -> str:
    return "Certified" if not bc.expiration_date or bc.expiration_date >= p.as_of else "Not Certified"


@template(T, "certification_profile")
def certification_profile(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """ABMS-style profile: physician header, 'Certified by' board block, certificate rows with MOC."""
    certs = _certs(p, rec)
    site = rng.choice(("Board Certification Verification", "Is Your Doctor Board Certified?",
                       "Certification Status Search", "Board Certification Credentials Profile"))
    print_frame(doc, rng, p, site, f"https://www.{rng.choice(('certificationstatus', 'boardcertified', 'abms'))}"
                f".org/{rng.choice(('results', 'profile', 'verify'))}?id={rng.randrange(10**6, 10**8)}")
    doc.family(rng.choice(("helv", "times")))
    doc.jitter(rng, 8)
    doc.text(40, 56, site, doc.f("b"), 15)
    doc.text(40, 72, rng.choice(("Search results for board certification by a Member Board",
                                 "Certification information reported by the certifying board")), doc.f("i"), 8.5)
    ds = rng.choice(("mdy", "mdy_short", "abbr", "long"))
    name = rec.put("holder_name", p.full_name(middle=rng.choice(("full", "initial", "none")),
                                              credential=p.credential if rng.random() < 0.7 else None,
                                              upper=rng.random() < 0.3))
    y = 104
    doc.text(40, y, name, doc.f("b"), rng.choice((13, 14, 16)))
    doc.text(40, y + 15, f"{rng.choice(('Location', 'City, State'))}: {p.city}, {p.practice_state}", doc.f("r"), 9)
    y += 44
    heads = ["Certificate", "Status", rng.choice(("Initial Certification", "Initial Certification Date", "Certified Since")),
             rng.choice(("Expiration/Duration", "Expiration Date", "Valid Through")), "Participating in MOC"]
    block_board = None
    for i, bc in enumerate(certs):
        first = i == 0
        if bc.board != block_board:
            block_board = bc.board
            lab = rng.choice(("Certified by:", "Member Board:", "Board:"))
            w = doc.text(40, y, lab, doc.f("b"), 10)
            board_txt = rec.put("board", bc.board) if first else bc.board
            doc.text(40 + w + 6, y, board_txt, doc.f("r"), 10)
            y += 20
        spec = rec.put("specialty", bc.specialty) if first else bc.specialty
        iss = rec.date("issue_date", bc.issue_date, ds) if first else fmt_date(bc.issue_date, ds)[0]
        if bc.expiration_date:
            exp = rec.date("expiration_date", bc.expiration_date, ds) if first else fmt_date(bc.expiration_date, ds)[0]
        else:
            exp = rng.choice(("Lifetime", "Time-Unlimited", "Does not expire"))
        moc = ("Not Required" if not bc.expiration_date else rng.choice(("Yes", "Yes", "No")))
        y = field_block(doc, list(zip(heads, [spec, _status(bc, p), iss, exp, moc])), 50, y, doc.W - 100, rng,
                        rng.choice(("grid", "grid", "colon", "stacked")), regular=doc.f("r"), bold=doc.f("b"))
        y += 6
    doc.wrap(40, y + 10, doc.W - 80, (
        f"Verified {fmt_date(p.as_of - timedelta(days=rng.randrange(0, 10)), 'long')[0]}. Certification data are "
        "supplied by the certifying boards and are a primary source equivalent for credentialing. A physician "
        "who is not listed may hold certification from a board that is not a member board."), doc.f("r"), 8)


@template(T, "national_verification")
def national_verification(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """NCCPA/ANCC/AANPCB-style verification page: credential, number, status, certification period."""
    bc = _certs(p, rec)[0]
    ac = _acronym(bc.board)
    print_frame(doc, rng, p, f"{ac} - {rng.choice(('Verify Certification', 'Certification Verification'))}",
                f"https://{rng.choice(('verify', 'www', 'portal'))}.{ac.lower()}.org/{rng.choice(('verification', 'lookup', 'certverify'))}")
    doc.family(rng.choice(("helv", "helv", "times")))
    doc.jitter(rng, 10)
    y = 60
    if rng.random() < 0.5:
        doc.rect(30, y - 18, doc.W - 60, 34, 0, fill=0.88, stroke=False)
    doc.text(40, y + 4, rec.put("board", bc.board), doc.f("b"), 14 if len(bc.board) < 55 else 11)
    doc.text(40, y + 34, rng.choice(("Verification of Certification", "Certification Verification Results",
                                     "Certificant Verification")), doc.f("b"), 12)
    ds = rng.choice(("mdy", "mdy_short", "long", "abbr", "iso"))
    rows = [(rng.choice(("Name", "Certificant Name", "Certificant")),
             rec.put("holder_name", p.full_name(middle=rng.choice(("initial", "none")), upper=rng.random() < 0.4,
                                                credential=p.credential if rng.random() < 0.4 else None))),
            (rng.choice(("Certification", "Credential", "Specialty")), rec.put("specialty", bc.specialty)),
            (rng.choice(("Certification Number", "Certificate Number", "ID Number")), bc.cert_number),
            (rng.choice(("Certification Status", "Status")), rng.choice(("Certified", "Active")) if _status(bc, p) == "Certified"
             else rng.choice(("Expired", "Not Certified"))),
            (rng.choice(("Original Certification Date", "Initial Certification Date", "Certification Start Date",
                         "Certified Since")), rec.date("issue_date", bc.issue_date, ds))]
    if bc.expiration_date:
        rows.append((rng.choice(("Expiration Date", "Certification Expiration Date", "Certified Through",
                                 "Certification End Date", "Valid Through")),
                     rec.date("expiration_date", bc.expiration_date, ds)))
    rows.append((rng.choice(("Verification Date", "Date Verified")), fmt_date(p.as_of - timedelta(days=rng.randrange(0, 6)), ds)[0]))
    if rng.random() < 0.5:
        rows.append(("Disciplinary Action", rng.choice(("None", "No"))))
    y = field_block(doc, rows, 40, y + 62, doc.W - 80, rng, regular=doc.f("r"), bold=doc.f("b"))
    doc.wrap(40, y + 16, doc.W - 80, (
        "This page serves as primary source verification of certification. Certification status may change; the "
        "date verified is the date of this search, not a certification date."), doc.f("i"), 8)
