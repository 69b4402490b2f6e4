"""State license: wallet card, wall certificate, primary-source-verification printouts, renewal form."""

from __future__ import annotations

import random
from datetime import timedelta

from credintake.sample_docs.persona import Persona
from credintake.sample_docs.render import Doc, Rec, fmt_date
from credintake.sample_docs.templates import template
from credintake.sample_docs.templates._common import board_address, browser_frame, day_style, state_name

T = "state_license"


def _lic(p: Persona, rec: Rec):  # noqa: ANN202
    return p.licenses[rec.item % len(p.licenses)]


@template(T, "wallet_card")
def wallet_card(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Wallet card drawn small in the top-left of a letter page, with mailing instructions below."""
    lic = _lic(p, rec)
    doc.family(rng.choice(("helv", "times")))
    x, y, w, h = 48, 48, 252, 158
    doc.rect(x, y, w, h, 1.0, radius=6)
    doc.text(x + w / 2, y + 16, f"STATE OF {state_name(lic.state).upper()}", doc.f("b"), 8, "c")
    doc.text(x + w / 2, y + 27, rec.put("issuing_state", lic.state, lic.board_name), doc.f("r"), 7.5, "c")
    doc.seal(x + 26, y + 62, 17, ["OFFICIAL", "SEAL"])
    lab = rng.choice((("License No.", "Expires"), ("Lic #", "Expiration Date"), ("LICENSE NUMBER", "VALID THROUGH")))
    ds = day_style(rng, ("mdy", "mdy_dash", "abbr", "dmy_upper"))
    yy = y + 48
    doc.text(x + 52, yy, rec.put("holder_name", p.name_variant(rng)), doc.f("b"), 9)
    doc.text(x + 52, yy + 12, rec.put("profession", lic.profession_words), doc.f("r"), 8)
    yy += 32
    doc.labeled(x + 52, yy, lab[0], rec.ident("license_number", lic.number), size=8.5)
    doc.labeled(x + 52, yy + 13, lab[1], rec.date("expiration_date", lic.expiration_date, ds), size=8.5)
    if rng.random() < 0.6:
        doc.labeled(x + 52, yy + 26, rng.choice(("Issued", "Original Issue", "Issue Date")),
                    rec.date("issue_date", lic.issue_date, ds), size=8.5)
    doc.line(x + 130, y + h - 18, x + w - 12, y + h - 18, 0.4)
    doc.text(x + 130, y + h - 9, "Signature of Licensee", doc.f("i"), 6)
    doc.text(x + 12, y + h - 9, f"Printed {fmt_date(lic.expiration_date - timedelta(days=730 + rng.randrange(20)), 'mdy')[0]}",
             doc.f("r"), 6)
    ty = y + h + 40
    doc.line(36, y + h + 18, doc.W - 36, y + h + 18, 0.3, gray=0.5)
    doc.text(40, y + h + 12, "- - - cut here - - -", doc.f("i"), 7)
    doc.wrap(48, ty, 500, (
        "This is your pocket license card. Carry it with you while practicing. Display your wall certificate in "
        "your primary place of practice. Report any change of address to the Board within 30 days. "
        f"{lic.board_name}, {board_address(rng, lic.state)}."), doc.f("r"), 9)


@template(T, "wall_certificate")
def wall_certificate(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Centred prose certificate with seal and board officers' signatures; usually no expiry."""
    lic = _lic(p, rec)
    doc.family("times")
    c = doc.W / 2
    doc.rect(30, 30, doc.W - 60, doc.H - 60, 2.5)
    doc.rect(38, 38, doc.W - 76, doc.H - 76, 0.6)
    doc.text(c, 110, f"State of {state_name(lic.state)}", "Times-BoldItalic", 26, "c")
    doc.text(c, 140, rec.put("issuing_state", lic.state, lic.board_name), "Times-Bold", 16, "c")
    name = rec.put("holder_name", p.full_name(middle=rng.choice(("full", "initial")), credential=None,
                                              upper=rng.random() < 0.5, dots=True))
    doc.text(c, 200, "This is to certify that", "Times-Italic", 13, "c")
    doc.text(c, 240, name, "Times-Bold", 22, "c")
    y = doc.wrap(90, 280, doc.W - 180, (
        "having given satisfactory evidence of the qualifications required by law, is hereby licensed to "
        "practice as a"), "Times-Roman", 13, align="c")
    doc.text(c, y + 8, rec.put("profession", lic.profession_words), "Times-Bold", 16, "c")
    y = doc.wrap(90, y + 36, doc.W - 180, "in this State, subject to the laws and rules governing such practice.",
                 "Times-Roman", 13, align="c")
    lab = rng.choice(("Certificate Number", "License Number", "License No.", "Permit No."))
    doc.text(c, y + 30, f"{lab} {rec.ident('license_number', lic.number)}", "Times-Bold", 13, "c")
    style = rng.choice(("long", "ordinal", "words"))
    if style == "words":
        txt = rec.date("issue_date", lic.issue_date, "words")
        doc.wrap(90, y + 62, doc.W - 180, f"In witness whereof, the seal of the Board is affixed {txt}.",
                 "Times-Italic", 12, align="c")
    else:
        doc.text(c, y + 62, f"{rng.choice(('Issued', 'Date of Issue', 'Original Issue'))}: "
                 f"{rec.date('issue_date', lic.issue_date, style)}", "Times-Roman", 12, "c")
    doc.seal(c, doc.H - 190, 48, ["SEAL OF THE", state_name(lic.state).upper(), "BOARD", f"EST. {rng.randrange(1880, 1960)}"])
    doc.signature(70, doc.H - 120, 170, p.other_person(rng, "MD"), "President")
    doc.signature(doc.W - 240, doc.H - 120, 170, p.other_person(rng), "Executive Director")


@template(T, "psv_printout")
def psv_printout(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Board web look-up printed from a browser: two-column table plus header/footer dates."""
    lic = _lic(p, rec)
    board = lic.board_name
    slug = "".join(w[0] for w in board.split() if w[0].isupper()).lower()
    browser_frame(doc, rng, p, f"License Verification | {board}",
                  f"https://{slug}.{lic.state.lower()}.gov/verify/details?id={rng.randrange(10**6, 10**7)}")
    doc.family("helv")
    doc.text(50, 70, rec.put("issuing_state", lic.state, board), "Helvetica-Bold", 15)
    doc.text(50, 88, "License Verification - Details", "Helvetica", 11)
    doc.text(50, 104, f"Data current as of {fmt_date(p.as_of - timedelta(days=rng.randrange(1, 4)), 'long')[0]}",
             "Helvetica-Oblique", 8)
    ds = day_style(rng, ("mdy", "mdy_short", "iso", "abbr"))
    rows: list[tuple[str, str]] = [
        ("Name", rec.put("holder_name", p.full_name(middle=rng.choice(("full", "initial")), last_first=rng.random() < 0.5,
                                                    upper=True, suffix=True))),
        (rng.choice(("License Type", "Profession", "Credential Type")), rec.put("profession", lic.profession_words)),
        (rng.choice(("License Number", "License #", "Credential Number")), rec.ident("license_number", lic.number)),
        (rng.choice(("Status", "License Status")), rec.put("status", lic.status)),
        (rng.choice(("Original Issue Date", "Issue Date", "Date Issued")), rec.date("issue_date", lic.issue_date, ds)),
        (rng.choice(("Expiration Date", "Expires", "Renewal Date")), rec.date("expiration_date", lic.expiration_date, ds)),
        ("Address of Record", f"{p.city}, {p.practice_state}"),
        (rng.choice(("Discipline", "Public Actions", "Board Orders")), rng.choice(("None", "No", "None on file"))),
        ("Last Renewal", fmt_date(lic.expiration_date - timedelta(days=730), ds)[0]),
    ]
    if rng.random() < 0.5:
        rows.insert(3, ("Specialty (self-reported)", p.specialty))
    y = 130
    for label, value in rows:
        doc.rect(50, y - 13, 170, 20, 0.5, fill=0.92)
        doc.rect(220, y - 13, 330, 20, 0.5)
        doc.text(56, y + 1, label, "Helvetica-Bold", 9.5)
        doc.text(226, y + 1, value, "Helvetica", 9.5)
        y += 20
    doc.wrap(50, y + 30, 500, ("Primary source verification: information on this site is updated nightly and is "
                               "considered a secure primary source for license verification. This page does not "
                               "display any discipline from other states."), "Helvetica", 8)


@template(T, "renewal_form")
def renewal_form(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Courier renewal certificate with boxed fields, value above a small label, fee-paid line."""
    lic = _lic(p, rec)
    doc.family("courier")
    doc.text(doc.W / 2, 60, rec.put("issuing_state", lic.state, lic.board_name.upper()), "Courier-Bold", 12, "c")
    doc.text(doc.W / 2, 76, board_address(rng, lic.state), "Courier", 8, "c")
    doc.text(doc.W / 2, 104, rng.choice(("LICENSE RENEWAL CERTIFICATE", "CERTIFICATE OF LICENSURE", "LICENSE")),
             "Courier-Bold", 14, "c")
    ds = day_style(rng, ("mdy", "dmy_upper", "mdy_dash", "iso"))
    cells = [
        (rng.choice(("LIC #", "LICENSE NO.", "PERMIT NO.")), rec.ident("license_number", lic.number)),
        (rng.choice(("RENEWAL DATE", "EXPIRATION DATE", "EXPIRES")), rec.date("expiration_date", lic.expiration_date, ds)),
        ("ISSUED", rec.date("issue_date", lic.issue_date, ds)),
        ("STATUS", rec.put("status", lic.status.upper())),
    ]
    rng.shuffle(cells)
    x0, y0, cw = 60, 140, 123
    for i, (label, value) in enumerate(cells):
        x = x0 + i * cw
        doc.rect(x, y0, cw, 36, 0.6)
        doc.text(x + 5, y0 + 16, value, "Courier-Bold", 9)
        doc.text(x + 5, y0 + 30, label, "Courier", 6.5)
    doc.rect(60, 186, 4 * cw, 40, 0.6)
    doc.text(65, 202, rec.put("holder_name", p.full_name(upper=True, middle="initial",
                                                          credential=p.credential if rng.random() < 0.5 else None)),
             "Courier-Bold", 11)
    doc.text(65, 219, "LICENSEE", "Courier", 6.5)
    doc.rect(60, 226, 4 * cw, 36, 0.6)
    doc.text(65, 242, rec.put("profession", lic.profession_words.upper()), "Courier-Bold", 10)
    doc.text(65, 256, "PROFESSION", "Courier", 6.5)
    doc.text(60, 290, f"FEE PAID: ${rng.choice((150, 250, 325, 480, 610))}.00   RECEIPT {rng.randrange(10**7, 10**8)}",
             "Courier", 9)
    doc.text(60, 304, f"DATE PRINTED: {fmt_date(p.as_of - timedelta(days=rng.randrange(30, 600)), ds)[0]}", "Courier", 9)
    doc.wrap(60, 340, 490, ("THIS LICENSE IS NOT TRANSFERABLE. POST IN A CONSPICUOUS PLACE. VERIFY LICENSURE ONLINE AT "
                            "THE BOARD'S WEBSITE. ALTERATION OF THIS DOCUMENT IS A CRIME."), "Courier", 8)
    doc.signature(330, 420, 200, p.other_person(rng), "EXECUTIVE DIRECTOR", font="Courier")


@template(T, "search_results")
def search_results(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Board look-up result list: several licensees with the same last name; one row is the holder."""
    lic = _lic(p, rec)
    board = lic.board_name
    browser_frame(doc, rng, p, f"{board} - License Search Results",
                  f"https://search.{lic.state.lower()}.gov/licensing/results?last={p.last.lower()}")
    doc.family("helv")
    doc.text(40, 64, rec.put("issuing_state", lic.state, board), "Helvetica-Bold", 13)
    n = rng.randrange(2, 5)
    doc.text(40, 82, f"Search: Last Name = '{p.last.upper()}'   {n + 1} records found", "Helvetica", 8.5)
    cols = [(40, "Name"), (200, "License #"), (290, "License Type"), (420, "Status"), (480, "Expires"), (540, "City")]
    y = 110
    doc.rect(36, y - 12, doc.W - 72, 17, 0.4, fill=0.85)
    for x, h in cols:
        doc.text(x, y, h, "Helvetica-Bold", 8)
    ds = rng.choice(("mdy", "mdy_short", "iso"))
    others = []
    for _ in range(n):
        first = p.other_person(rng).split()[0]
        exp = lic.expiration_date + timedelta(days=rng.randrange(-900, 700))
        others.append((f"{p.last.upper()}, {first.upper()}", f"{lic.number[:-3]}{rng.randrange(100, 999)}",
                       lic.profession_words, rng.choice(("Active", "Expired", "Inactive", "Active")),
                       fmt_date(exp, ds)[0], rng.choice(("Austin", "Erie", "Tacoma", "Dayton", "Macon", "Eugene"))))
    mine = (rec.put("holder_name", p.full_name(last_first=True, upper=True, middle="initial", suffix=True)),
            rec.ident("license_number", lic.number), rec.put("profession", lic.profession_words),
            rec.put("status", lic.status), rec.date("expiration_date", lic.expiration_date, ds), p.city)
    rows = others[:]
    rows.insert(rng.randrange(len(rows) + 1), mine)
    y += 18
    for row in rows:
        for (x, _), val in zip(cols, row):
            if x == 290:
                doc.wrap(x, y, 125, val, "Helvetica", 7.5, 9)
            else:
                doc.text(x, y, val, "Helvetica", 7.5)
        doc.line(36, y + 12, doc.W - 36, y + 12, 0.3, gray=0.6)
        y += 24
    doc.text(40, y + 20, "Click a name for license details, discipline and address of record.", "Helvetica-Oblique", 8)


@template(T, "nursing_card")
def nursing_card(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Board-of-nursing style card: values above small labels, multistate/compact status line."""
    lic = _lic(p, rec)
    doc.family("helv")
    x, y = rng.choice(((40, 40), (doc.W - 330, 40)))
    w, h = 290, 180
    doc.rect(x, y, w, h, 1.2, radius=8)
    doc.rect(x, y, w, 30, 0, fill=0.85, stroke=False)
    doc.text(x + w / 2, y + 19, rec.put("issuing_state", lic.state, lic.board_name.upper()), "Helvetica-Bold", 8.5, "c")
    ds = rng.choice(("mdy", "mdy_dash", "dmy_upper"))
    cells = [(rng.choice(("LICENSE NUMBER", "LIC #", "CERTIFICATE NUMBER")), rec.ident("license_number", lic.number)),
             (rng.choice(("EXPIRATION DATE", "EXPIRES", "VALID THROUGH")), rec.date("expiration_date", lic.expiration_date, ds)),
             (rng.choice(("ORIGINAL LICENSURE", "ISSUE DATE")), rec.date("issue_date", lic.issue_date, ds)),
             ("STATUS", rec.put("status", lic.status.upper()))]
    doc.text(x + 12, y + 50, rec.put("holder_name", p.full_name(middle="initial", upper=True, last_first=rng.random() < 0.4)),
             "Helvetica-Bold", 11)
    doc.text(x + 12, y + 64, rec.put("profession", lic.profession_words), "Helvetica", 9)
    for i, (lab, val) in enumerate(cells):
        cx = x + 12 + (i % 2) * 140
        cy = y + 92 + (i // 2) * 34
        doc.labeled(cx, cy, lab, val, mode="below", lfont="Helvetica", vfont="Helvetica-Bold", size=10, lsize=6.5)
    if lic.kind in ("RN", "NP", "CRNA"):
        doc.text(x + 12, y + h - 10, rng.choice(("MULTISTATE LICENSE - NLC", "SINGLE STATE LICENSE")), "Helvetica-Oblique", 7)
    else:
        doc.text(x + 12, y + h - 10, "Verify at the Board's website. Not transferable.", "Helvetica-Oblique", 7)
