"""DEA registration: Form 223 certificate, wallet card, online validation printout, renewal receipt."""

from __future__ import annotations

import random
from datetime import timedelta

from credintake.sample_docs.persona import Persona
from credintake.sample_docs.render import Doc, Rec, fmt_date
from credintake.sample_docs.templates import template
from credintake.sample_docs.templates._common import browser_frame, day_style

T = "dea_registration"


def _sched(rec: Rec, p: Persona, rng: random.Random) -> str:
    assert p.dea is not None
    s = p.dea.schedules
    printed = s.replace(",", ", ") if rng.random() < 0.4 else s
    return rec.put("schedules", s, printed)


def _name(p: Persona, rng: random.Random) -> str:
    return p.full_name(upper=True, last_first=rng.random() < 0.6, middle=rng.choice(("initial", "full")),
                       credential=p.credential if rng.random() < 0.6 else None)


@template(T, "form_223")
def form_223(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """The registration certificate with its grid, registrant block and tear-off card copy."""
    dea = p.dea
    assert dea is not None
    doc.family("helv")
    doc.text(40, 50, "CONTROLLED SUBSTANCE REGISTRATION CERTIFICATE", "Helvetica-Bold", 12)
    doc.text(40, 64, "UNITED STATES DEPARTMENT OF JUSTICE", "Helvetica", 8)
    doc.text(40, 74, "DRUG ENFORCEMENT ADMINISTRATION", "Helvetica", 8)
    doc.text(40, 84, "WASHINGTON D.C. 20537", "Helvetica", 8)
    ds = rng.choice(("mdy_dash", "mdy", "dmy_upper"))
    row1 = [("DEA REGISTRATION NUMBER", rec.ident("dea_number", dea.number)),
            ("THIS REGISTRATION EXPIRES", rec.date("expiration_date", dea.expiration_date, ds)),
            ("FEE PAID", f"${dea.fee}")]
    row2 = [("SCHEDULES", _sched(rec, p, rng)), ("BUSINESS ACTIVITY", dea.business_activity),
            ("ISSUE DATE", rec.date("issue_date", dea.issue_date, ds))]
    y = 104
    for row in (row1, row2):
        for i, (lab, val) in enumerate(row):
            x = 40 + i * 175
            doc.rect(x, y, 175, 34, 0.6)
            doc.text(x + 5, y + 11, lab, "Helvetica", 6.5)
            doc.text(x + 5, y + 27, val, "Helvetica-Bold", 10.5)
        y += 34
    doc.text(40, y + 24, rec.put("registrant_name", _name(p, rng)), "Helvetica-Bold", 11)
    doc.text(40, y + 38, p.street.upper(), "Helvetica", 10)
    doc.text(40, y + 52, f"{p.city.upper()}, {rec.put('state', dea.state)} {p.zip}", "Helvetica", 10)
    doc.wrap(300, y + 24, 250, ("Sections 304 and 1008 (21 USC 824 and 958) of the Controlled Substances Act of 1970, "
                                "as amended, provide that the Attorney General may revoke or suspend a registration "
                                "to manufacture, distribute, dispense, import or export a controlled substance."),
             "Helvetica", 7)
    doc.text(300, y + 90, "THIS CERTIFICATE IS NOT TRANSFERABLE ON CHANGE OF OWNERSHIP, CONTROL, LOCATION, OR BUSINESS "
             [:60], "Helvetica", 6.5)
    cy = 470
    doc.line(30, cy - 16, doc.W - 30, cy - 16, 0.4, gray=0.4)
    doc.text(doc.W / 2, cy - 20, "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -", "Helvetica", 7, "c")
    doc.rect(40, cy, 300, 120, 0.8)
    doc.text(48, cy + 14, "CONTROLLED SUBSTANCE REGISTRATION CERTIFICATE", "Helvetica-Bold", 7.5)
    doc.text(48, cy + 30, f"DEA REGISTRATION NUMBER  {dea.number}", "Helvetica", 7.5)
    doc.text(48, cy + 42, f"THIS REGISTRATION EXPIRES  {fmt_date(dea.expiration_date, ds)[0]}", "Helvetica", 7.5)
    doc.text(48, cy + 54, f"SCHEDULES  {dea.schedules}", "Helvetica", 7.5)
    doc.text(48, cy + 72, rec.raw["registrant_name"], "Helvetica-Bold", 7.5)
    doc.text(48, cy + 84, f"{p.street.upper()}, {p.city.upper()}, {dea.state} {p.zip}", "Helvetica", 7)
    doc.text(48, cy + 108, "Form DEA-223 (10/2024)", "Helvetica", 6.5)


@template(T, "wallet_card")
def wallet_card(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Only the small tear-off card, scanned on a letter page."""
    dea = p.dea
    assert dea is not None
    doc.family(rng.choice(("helv", "courier")))
    x, y = rng.choice(((50, 50), (doc.W - 330, 60), (60, 300)))
    doc.rect(x, y, 280, 150, 1.0)
    doc.text(x + 140, y + 16, "DRUG ENFORCEMENT ADMINISTRATION", doc.f("b"), 8.5, "c")
    doc.text(x + 140, y + 27, "CONTROLLED SUBSTANCE REGISTRATION", doc.f("r"), 7, "c")
    ds = rng.choice(("mdy_dash", "mdy", "abbr"))
    yy = y + 46
    for lab, val in rng.sample([("REG. NO.", rec.ident("dea_number", dea.number)),
                                ("EXPIRES", rec.date("expiration_date", dea.expiration_date, ds)),
                                ("SCHED.", _sched(rec, p, rng))], 3):
        doc.text(x + 10, yy, lab, doc.f("r"), 7)
        doc.text(x + 80, yy, val, doc.f("b"), 9)
        yy += 14
    doc.text(x + 10, yy + 6, rec.put("registrant_name", _name(p, rng)), doc.f("b"), 8.5)
    doc.text(x + 10, yy + 18, f"{p.street.upper()}", doc.f("r"), 7.5)
    doc.text(x + 10, yy + 29, f"{p.city.upper()}, {rec.put('state', dea.state)} {p.zip}", doc.f("r"), 7.5)


@template(T, "online_validation")
def online_validation(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Diversion Control registration validation page printed from a browser."""
    dea = p.dea
    assert dea is not None
    browser_frame(doc, rng, p, "DEA Diversion Control Division - Registration Validation",
                  "https://apps.deadiversion.usdoj.gov/webforms2/spring/validationLogin")
    doc.family("helv")
    doc.text(50, 66, "U.S. DEPARTMENT OF JUSTICE - DRUG ENFORCEMENT ADMINISTRATION", "Helvetica-Bold", 10)
    doc.text(50, 80, "Diversion Control Division", "Helvetica", 9)
    doc.text(50, 112, "Registration Validation - Results", "Helvetica-Bold", 13)
    ds = day_style(rng, ("mdy", "iso", "long"))
    rows = [("DEA Registration Number", rec.ident("dea_number", dea.number)),
            ("Name", rec.put("registrant_name", _name(p, rng))),
            ("Business Activity", dea.business_activity.title()),
            ("Schedules", _sched(rec, p, rng)),
            ("Expiration Date", rec.date("expiration_date", dea.expiration_date, ds)),
            ("Address", f"{p.street}, {p.city}, {rec.put('state', dea.state)} {p.zip}"),
            ("Registration Status", "Active" if dea.expiration_date >= p.as_of else "Retired/Expired")]
    y = 140
    for lab, val in rows:
        doc.text(60, y, lab + ":", "Helvetica-Bold", 9.5)
        doc.text(220, y, val, "Helvetica", 9.5)
        doc.line(56, y + 6, 556, y + 6, 0.3, gray=0.6)
        y += 22
    doc.wrap(60, y + 20, 480, (f"Query performed {fmt_date(p.as_of - timedelta(days=rng.randrange(0, 9)), 'long')[0]}. "
                               "This validation is for informational purposes; the registrant's certificate remains the "
                               "official record."), "Helvetica-Oblique", 8)


@template(T, "renewal_receipt")
def renewal_receipt(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Renewal confirmation e-mail printout: transaction date and payment are distractors."""
    dea = p.dea
    assert dea is not None
    doc.family("courier")
    tx = dea.issue_date - timedelta(days=rng.randrange(3, 30))
    doc.text(50, 60, f"From: DEA.Registration.Help@dea.gov", "Courier", 9)
    doc.text(50, 72, f"Sent: {fmt_date(tx, 'long')[0]}", "Courier", 9)
    doc.text(50, 84, "Subject: Registration Renewal Confirmation", "Courier", 9)
    doc.line(50, 94, 560, 94, 0.5)
    name = rec.put("registrant_name", _name(p, rng))
    ds = day_style(rng, ("mdy", "long", "dmy_upper"))
    y = doc.wrap(50, 120, 500, (f"Dear {name}: Your application to renew DEA registration "
                                f"{rec.ident('dea_number', dea.number)} has been processed. Please retain this "
                                "confirmation for your records."), "Courier", 9.5)
    rows = [("Registration Number", dea.number), ("Business Activity", dea.business_activity),
            ("Schedules", _sched(rec, p, rng)),
            ("Registered State", rec.put("state", dea.state)),
            ("Date Issued", rec.date("issue_date", dea.issue_date, ds)),
            ("Expiration Date", rec.date("expiration_date", dea.expiration_date, ds)),
            ("Amount Paid", f"${dea.fee}.00"), ("Transaction ID", f"{rng.randrange(10**9, 10**10)}"),
            ("Transaction Date", fmt_date(tx, ds)[0])]
    y += 16
    for lab, val in rows:
        doc.text(70, y, f"{lab:<22}{val}", "Courier", 9.5)
        y += 14
    doc.wrap(50, y + 20, 500, ("Your certificate will be mailed to the registered address. Registrants may print a "
                               "copy of the certificate online. Do not reply to this message."), "Courier", 9)


@template(T, "portal_reprint")
def portal_reprint(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Landscape reprint from the registration portal: labels above values in a two-column grid."""
    dea = p.dea
    assert dea is not None
    doc.landscape()
    doc.family(rng.choice(("times", "helv")))
    doc.rect(30, 30, doc.W - 60, doc.H - 60, 1.5)
    c = doc.W / 2
    doc.text(c, 70, "U.S. Department of Justice  -  Drug Enforcement Administration", doc.f("b"), 13, "c")
    doc.text(c, 92, "Controlled Substance Registration Certificate (Duplicate)", doc.f("r"), 12, "c")
    ds = rng.choice(("mdy", "long", "dmy_upper", "iso"))
    left = [("Registration Number", rec.ident("dea_number", dea.number)),
            ("Registrant", rec.put("registrant_name", _name(p, rng))),
            ("Registered Address", f"{p.street}, {p.city}, {rec.put('state', dea.state)} {p.zip}")]
    right = [("Business Activity", dea.business_activity),
             ("Drug Schedules", _sched(rec, p, rng)),
             ("Date of Issue", rec.date("issue_date", dea.issue_date, ds)),
             ("Expiration Date", rec.date("expiration_date", dea.expiration_date, ds))]
    if rng.random() < 0.5:
        left, right = right, left
    for x, items in ((70, left), (430, right)):
        y = 150
        for lab, val in items:
            y = doc.labeled(x, y, lab, val, mode="above", lfont=doc.f("i"), vfont=doc.f("b"), size=12, lsize=9)
            y += 8
    doc.text(70, 470, f"Reprinted {fmt_date(p.as_of - timedelta(days=rng.randrange(0, 40)), ds)[0]} - Fee paid ${dea.fee}",
             doc.f("r"), 9)
    doc.wrap(70, 500, doc.W - 140, ("This certificate is not transferable on change of ownership, control, location or "
                                    "business activity, and it is not valid after the expiration date."), doc.f("r"), 8.5)
