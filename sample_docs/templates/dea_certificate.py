"""DEA certificate of registration on the real certificate's geometry, randomised.

The certificate the DEA issues to practitioners prints the "CONTROLLED SUBSTANCE
REGISTRATION CERTIFICATE" heading with the Department of Justice address, a grid of small
captioned boxes (registration number, expiry, fee paid; schedules, business activity,
issue date), the registrant's name and registered address, the Controlled Substances Act
fine print and, under a cut line, the wallet-size copy. Here the grid sits left or right,
its rows swap, schedules print as a comma list or as a row of schedule cells ("2 2N 3 3N 4
5"), the registrant block moves, dates take the certificate's styles, and the wallet copy
is optional: the furniture is the real form's, the arrangement is not fixed.
"""

from __future__ import annotations

import random

from credintake.sample_docs.persona import Persona
from credintake.sample_docs.render import Doc, Rec, fmt_date
from credintake.sample_docs.templates import template

T = "dea_registration"

_ACTIVITY = {"PRACTITIONER": ("PRACTITIONER", "PRACTITIONER-DW/30"),
             "MID-LEVEL PRACTITIONER": ("MLP-NURSE PRACTITIONER", "MID-LEVEL PRACTITIONER", "MLP-PHYSICIAN ASSISTANT")}
_FINE = ("Sections 304 and 1008 (21 USC 824 and 958) of the Controlled Substances Act of 1970, as amended, provide "
         "that the Attorney General may revoke or suspend a registration to manufacture, distribute, dispense, "
         "import or export a controlled substance.")
_NOT_TRANSFERABLE = ("THIS CERTIFICATE IS NOT TRANSFERABLE ON CHANGE OF OWNERSHIP, CONTROL, LOCATION, OR BUSINESS "
                     "ACTIVITY, AND IT IS NOT VALID AFTER THE EXPIRATION DATE.")


def _name(p: Persona, rng: random.Random) -> str:
    return p.full_name(upper=True, last_first=rng.random() < 0.3, middle=rng.choice(("initial", "full", "none")),
                       credential=p.credential if rng.random() < 0.7 else None)


@template(T, "registration_certificate")
def registration_certificate(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Heading, captioned-box grid, registrant block, fine print, optional wallet copy."""
    dea = p.dea
    assert dea is not None
    fam = rng.choice(("helv", "helv", "courier", "times"))
    doc.family(fam)
    doc.jitter(rng, 10)
    b, r = doc.f("b"), doc.f("r")
    hx = rng.choice((40, 60))
    doc.text(hx, 50, "CONTROLLED SUBSTANCE REGISTRATION CERTIFICATE", b, rng.choice((11, 12, 13)))
    for i, s in enumerate(("UNITED STATES DEPARTMENT OF JUSTICE", "DRUG ENFORCEMENT ADMINISTRATION",
                           "WASHINGTON D.C. 20537")):
        doc.text(hx, 64 + i * 10, s, r, 7.5)
    ds = rng.choice(("mdy_dash", "mdy", "dmy_upper", "abbr"))
    fee = rng.choice((f"${dea.fee}", f"${dea.fee}.00", "FEE EXEMPT" if rng.random() < 0.1 else f"${dea.fee}"))
    if rng.random() < 0.5:
        sched = rec.put("schedules", dea.schedules, dea.schedules if rng.random() < 0.7 else dea.schedules.replace(",", ", "))
        cells = None
    else:
        sched = rec.put("schedules", dea.schedules, dea.schedules.replace(",", " "))
        cells = dea.schedules.split(",")
    row1 = [("DEA REGISTRATION NUMBER", rec.ident("dea_number", dea.number)),
            ("THIS REGISTRATION EXPIRES", rec.date("expiration_date", dea.expiration_date, ds)),
            ("FEE PAID", fee)]
    row2 = [("SCHEDULES", sched), ("BUSINESS ACTIVITY", rng.choice(_ACTIVITY[dea.business_activity])),
            ("ISSUE DATE", rec.date("issue_date", dea.issue_date, ds))]
    rows = [row1, row2] if rng.random() < 0.75 else [row2, row1]
    cw = rng.choice((150, 160, 172))
    gx = hx if rng.random() < 0.6 else doc.W - 40 - 3 * cw
    gy = rng.choice((104, 112, 124))
    bh = rng.choice((30, 34, 38))
    vsize = rng.choice((9.5, 10.5, 11.5))
    for row in rows:
        for i, (lab, val) in enumerate(row):
            x = gx + i * cw
            doc.rect(x, gy, cw, bh, 0.6)
            doc.text(x + 4, gy + 9, lab, r, 6)
            if lab == "SCHEDULES" and cells:
                step = (cw - 8) / 6
                for j, c in enumerate(cells):
                    doc.text(x + 5 + j * step, gy + bh - 8, c, b, vsize - 1)
            else:
                size = vsize
                while doc.width(val, b, size) > cw - 10 and size > 6:
                    size -= 0.5
                doc.text(x + 4, gy + bh - 8, val, b, size)
        gy += bh
    name = rec.put("registrant_name", _name(p, rng))
    addr1 = p.street.upper()
    left_block = rng.random() < 0.6
    by = gy + rng.choice((24, 34))
    bx, fx = (hx, 320) if left_block else (320, hx)
    if rng.random() < 0.4:
        doc.text(bx, by - 12, rng.choice(("REGISTRANT", "NAME AND ADDRESS")), r, 6)
    doc.text(bx, by, name, b, 10.5)
    doc.text(bx, by + 13, addr1, r, 9.5)
    addr2 = f"{p.city.upper()}, {rec.put('state', dea.state)} {p.zip}"
    doc.text(bx, by + 26, addr2, r, 9.5)
    y = doc.wrap(fx, by, 230, _FINE, r, 6.8, 8.5)
    doc.wrap(fx, y + 6, 230, _NOT_TRANSFERABLE, r, 6.5, 8)
    form_line = f"Form DEA-223 ({rng.choice(('4/2019', '10/2022', '7/2024', '10/2024'))})"
    doc.text(hx, by + 70, form_line, r, 6.5)
    if rng.random() < 0.75:  # the wallet-size copy under a cut line
        cy = rng.choice((440, 470, 500))
        doc.text(doc.W / 2, cy - 14, "- - - - - - - - - - - - - - - - - - cut here - - - - - - - - - - - - - - - - - -",
                 r, 7, "c")
        wx = rng.choice((40, 160, doc.W - 340))
        doc.rect(wx, cy, 300, 130, 0.8)
        doc.text(wx + 8, cy + 14, "CONTROLLED SUBSTANCE REGISTRATION CERTIFICATE", b, 7)
        doc.text(wx + 8, cy + 24, "U.S. DEPARTMENT OF JUSTICE - DRUG ENFORCEMENT ADMINISTRATION", r, 5.5)
        lines = [f"DEA REGISTRATION NUMBER   {dea.number}",
                 f"THIS REGISTRATION EXPIRES   {fmt_date(dea.expiration_date, ds)[0]}",
                 f"SCHEDULES   {dea.schedules}", f"FEE PAID   {fee}"]
        for i, s in enumerate(lines):
            doc.text(wx + 8, cy + 40 + i * 11, s, r, 7)
        doc.text(wx + 8, cy + 92, name, b, 7.5)
        doc.text(wx + 8, cy + 103, f"{addr1}, {addr2}", r, 6.5)
        doc.text(wx + 8, cy + 122, form_line, r, 5.5)
