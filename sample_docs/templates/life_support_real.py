"""Life-support cards on the real issuers' geometry: the AHA eCard and the Red Cross digital certificate.

The AHA eCard prints a front (course title such as "BLS Provider", the holder, the
completion sentence, "Issue Date" and "Recommended Renewal Date" as MM/YYYY) and a back
(training center name and ID, instructor name and ID, eCard code, QR code), printed side by
side or one above the other, anywhere on a letter page. The Red Cross digital certificate
is a landscape page with the holder in large type, the course, "Date Completed",
"Valid For: 2 Years" (usually no expiry date at all), a certificate ID and a QR code.
Positions, fonts, label wording and date styles come from the rng.
"""

from __future__ import annotations

import random

from credintake.sample_docs import data
from credintake.sample_docs.persona import LifeSupport, Persona
from credintake.sample_docs.render import Doc, Rec
from credintake.sample_docs.templates import template

T = "life_support_card"

_AHA_TITLE = {"BLS": ("BLS Provider", "BLS"), "ACLS": ("ACLS Provider", "Advanced Cardiovascular Life Support"),
              "PALS": ("PALS Provider", "Pediatric Advanced Life Support"), "NRP": ("NRP Provider", "NRP")}
_AHA_PROGRAM = {"BLS": "Basic Life Support (CPR and AED) Program", "ACLS": "Advanced Cardiovascular Life Support Program",
                "PALS": "Pediatric Advanced Life Support Program", "NRP": "Neonatal Resuscitation Program"}
_ARC_TITLE = {"BLS": ("Basic Life Support", "BLS"), "ACLS": ("Advanced Cardiovascular Life Support",),
              "PALS": ("Pediatric Advanced Life Support",), "NRP": ("Neonatal Resuscitation Program",)}


def _card(p: Persona, rec: Rec) -> LifeSupport:
    return p.life_support[rec.item % len(p.life_support)]


def _qr(doc: Doc, x: float, y: float, size: float, rng: random.Random) -> None:
    """A QR-code-like block pattern (no text)."""
    n = 21
    cell = size / n
    for i in range(n):
        for j in range(n):
            finder = (i < 7 and j < 7) or (i < 7 and j >= n - 7) or (i >= n - 7 and j < 7)
            on = (finder and (i % 6 == 0 or j % 6 == 0 or (2 <= i % 14 <= 4 and 2 <= j % 14 <= 4))) or \
                (not finder and rng.random() < 0.45)
            if on:
                doc.rect(x + j * cell, y + i * cell, cell, cell, 0, fill=0.0, stroke=False)


@template(T, "aha_ecard")
def aha_ecard(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """eCard front and back (side by side or stacked) at a random place on a letter page."""
    c = _card(p, rec)
    doc.family(rng.choice(("helv", "helv", "times")))
    b, r = doc.f("b"), doc.f("r")
    w, h = rng.choice(((250, 158), (270, 170), (236, 150)))
    side = rng.random() < 0.5
    x = rng.choice((36, 50, doc.W / 2 - w - 6 if side else doc.W / 2 - w / 2))
    y = rng.choice((40, 70, 200, 360))
    bx, by = (x + w + 12, y) if side else (x, y + h + 14)
    doc.rect(x, y, w, h, 0.8, radius=6)
    doc.rect(bx, by, w, h, 0.8, radius=6)
    org = "American Academy of Pediatrics" if c.course == "NRP" else "American Heart Association"
    doc.text(x + 10, y + 16, org, b, 7.5)
    title = rec.put("course", c.course, rng.choice(_AHA_TITLE[c.course]))
    doc.text(x + w - 10, y + 34, title, b, rng.choice((13, 14, 15)), "r")
    name = rec.put("holder_name", p.full_name(middle=rng.choice(("none", "initial")), suffix=rng.random() < 0.5,
                                              upper=rng.random() < 0.2))
    doc.text(x + 10, y + 60, name, b, 10.5)
    doc.line(x + 10, y + 64, x + w - 10, y + 64, 0.4)
    doc.wrap(x + 10, y + 76, w - 20, (
        "has successfully completed the cognitive and skills evaluations in accordance with the curriculum of the "
        f"{org} {_AHA_PROGRAM[c.course]}."), r, 6, 7.2)
    ms = "my" if rng.random() < 0.8 else rng.choice(("my_abbr", "my_long"))
    iss_lab = rng.choice(("Issue Date", "Issued"))
    ren_lab = rng.choice(("Recommended Renewal Date", "Renew By", "Recommended Renewal"))
    dy = y + h - 30
    doc.text(x + 10, dy + 12, rec.date("issue_date", c.issue_date, ms), b, 9)
    doc.text(x + 10, dy + 22, iss_lab, r, 6)
    doc.text(x + w / 2, dy + 12, rec.date("expiration_date", c.expiration_date, ms), b, 9)
    doc.text(x + w / 2, dy + 22, ren_lab, r, 6)
    tc_id = f"{data.STATE_NAMES[p.practice_state][:2].upper()}{rng.randrange(10**4, 10**6)}"
    inst_id = f"{rng.randrange(10**9, 10**11)}"
    back = [("Training Center Name", c.center), ("TC ID #", tc_id),
            ("TC Info", f"{p.city}, {p.practice_state} ({rng.randrange(200, 999)}) {rng.randrange(200, 999)}-{rng.randrange(10**4):04d}"),
            ("Course Location", rng.choice((c.center, f"{p.city}, {p.practice_state}"))),
            ("Instructor Name", c.instructor), ("Instructor ID #", inst_id), ("eCard Code", c.ecard)]
    yy = by + 16
    for lab, val in back:
        doc.text(bx + 10, yy, lab, r, 6)
        doc.text(bx + 86, yy, val[:34], b, 7)
        yy += 15
    _qr(doc, bx + w - 52, by + h - 52, 42, rng)
    doc.text(bx + 10, by + h - 8, f"\u00a9{c.issue_date.year} American Heart Association. All rights reserved.", r, 5)
    if rng.random() < 0.6:
        doc.wrap(50, min(max(y, by) + h + 40, doc.H - 80), doc.W - 100, (
            "To view or verify authenticity, students and employers should scan this QR code or visit the "
            "issuer's eCard verification page and enter the eCard code."), r, 8)


@template(T, "redcross_digital")
def redcross_digital(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Landscape digital certificate: name, course, 'Date Completed', 'Valid For: 2 Years', ID, QR code."""
    c = _card(p, rec)
    doc.landscape()
    doc.family(rng.choice(("helv", "times", "helv")))
    b, r = doc.f("b"), doc.f("r")
    doc.jitter(rng, 12)
    W, H = doc.W, doc.H
    if rng.random() < 0.7:
        doc.rect(28, 28, W - 56, H - 56, rng.choice((0.8, 1.6, 3.0)))
    doc.text(60, 80, "American Red Cross", b, rng.choice((18, 20, 22)))
    doc.text(60, 96, rng.choice(("Training Services", "Training Services Certificate", "")), r, 9)
    left = rng.random() < 0.6
    cx = 60 if left else W / 2
    al = "l" if left else "c"
    doc.text(cx, 170, rec.put("holder_name", p.full_name(middle=rng.choice(("none", "initial")),
                                                         upper=rng.random() < 0.4, suffix=rng.random() < 0.5)),
             b, rng.choice((24, 28, 30)), al)
    doc.text(cx, 200, rng.choice(("has successfully completed requirements for", "has completed the course",
                                  "has successfully completed")), doc.f("i"), 12, al)
    doc.text(cx, 232, rec.put("course", c.course, rng.choice(_ARC_TITLE[c.course])), b, rng.choice((17, 20)), al)
    if rng.random() < 0.5:
        doc.text(cx, 252, rng.choice(("Online Session + Skills Session", "Instructor-Led Training", "Blended Learning")),
                 r, 10, al)
    ds = rng.choice(("mdy", "mdy", "long", "abbr"))
    rows = [(rng.choice(("Date Completed", "Completion Date")), rec.date("issue_date", c.issue_date, ds)),
            ("Valid For", "2 Years")]
    if rng.random() < 0.2:
        rows.append((rng.choice(("Expiration Date", "Expires")), rec.date("expiration_date", c.expiration_date, ds)))
    rows.append(("Certificate ID", f"{rng.choice('0123456789ABCDEF')}{rng.randrange(10**5, 10**6)}{rng.choice('ABCDEFGHJK')}"))
    y = 300
    stacked = rng.random() < 0.5
    for i, (lab, val) in enumerate(rows):
        if stacked:
            x = 60 + i * 150
            doc.text(x, y, lab, r, 8.5, gray=0.3)
            doc.text(x, y + 15, val, b, 11)
        else:
            doc.text(60, y + i * 18, f"{lab}:", b, 10.5)
            doc.text(170, y + i * 18, val, r, 10.5)
    qx = W - 170 if rng.random() < 0.7 else 60
    qy = rng.choice((300, 380)) if qx != 60 else 420
    _qr(doc, qx, qy, 86, rng)
    doc.text(qx, qy + 100, "Scan code or visit redcross.org/confirm", r, 7)
    doc.signature(W - 330 if qx == 60 else W / 2 - 80, H - 90, 170, c.instructor,
                  rng.choice(("Instructor", "Authorized Instructor")), size=8)
    doc.text(60, H - 46, f"Training provider: {c.center}", r, 7.5)
