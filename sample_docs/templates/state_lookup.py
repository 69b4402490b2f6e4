"""State board licence look-up printouts: six boards' web-page families, randomised.

Primary-source verification arrives as a board's web look-up printed from a browser. Boards
differ in wording and arrangement, so each family here has its own page furniture (site
name, navigation, section headings, distractor rows) and label wording, modelled on the
kinds of pages state boards publish: a consumer-affairs "License Details" page, a medical
board "Verification" page with licensee and license sections, an education department's
plain "Label : value" lines with month-precision registration, a health department's
licensee details with discipline and complaint flags, a person-search result grid, and a
nursing look-up with a multistate (compact) column. The family, the field arrangement
(``_layout.field_block``), fonts and the browser frame are drawn independently, and the
board is always the persona's own, so the state comes from the board name as on real paper.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from credintake.sample_docs.persona import License, Persona
from credintake.sample_docs.render import Doc, Rec, fmt_date
from credintake.sample_docs.templates import template
from credintake.sample_docs.templates._common import state_name
from credintake.sample_docs.templates._layout import field_block, print_frame

T = "state_license"


def _lic(p: Persona, rec: Rec) -> License:
    return p.licenses[rec.item % len(p.licenses)]


def _slug(board: str) -> str:
    return "".join(w[0] for w in board.split() if w[0].isupper()).lower()


def _name(p: Persona, rng: random.Random, upper: bool | None = None) -> str:
    return p.full_name(middle=rng.choice(("full", "initial", "none")), last_first=rng.random() < 0.55,
                       upper=rng.random() < 0.6 if upper is None else upper, suffix=rng.random() < 0.7)


def _status(lic: License, rng: random.Random) -> str:
    return lic.status.upper() if rng.random() < 0.5 else lic.status


def _address(p: Persona, rng: random.Random) -> str:
    return rng.choice((f"{p.city}, {p.practice_state} {p.zip}", f"{p.city.upper()} {p.practice_state} {p.zip}",
                       f"{p.city}, {state_name(p.practice_state)}"))


# --- families: each returns the (label, value) rows after drawing its page furniture --------

Rows = list[tuple[str, str]]


def _details(doc: Doc, rec: Rec, p: Persona, lic: License, rng: random.Random, y: float) -> tuple[Rows, float]:
    """Consumer-affairs style: 'License Details' with a secondary status and public record actions."""
    doc.text(40, y, rng.choice(("License Details", "Licensee Details", "License Information")), doc.f("b"), 15)
    ds = rng.choice(("mdy", "abbr", "long"))
    rows = [
        (rng.choice(("Name", "Licensee Name")), rec.put("holder_name", _name(p, rng))),
        (rng.choice(("License Number", "License #")), rec.ident("license_number", lic.number)),
        (rng.choice(("License Type", "License Type/Profession")), rec.put("profession", lic.profession_words)),
        (rng.choice(("License Status", "Primary Status")), rec.put("status", _status(lic, rng))),
        ("Expiration Date", rec.date("expiration_date", lic.expiration_date, ds)),
        ("Secondary Status", rng.choice(("N/A", "None", "Not Applicable"))),
        (rng.choice(("City", "Address")), _address(p, rng)),
        (rng.choice(("Issuance Date", "Original Issue Date", "Issue Date")), rec.date("issue_date", lic.issue_date, ds)),
    ]
    return rows, y + 26


def _verification(doc: Doc, rec: Rec, p: Persona, lic: License, rng: random.Random, y: float) -> tuple[Rows, float]:
    """Medical-board style: licensee section, then licence section, then discipline."""
    doc.text(40, y, rng.choice(("Verification", "License Verification", "Licensee Verification")), doc.f("b"), 15)
    doc.text(40, y + 22, "Licensee Information", doc.f("b"), 11)
    y = field_block(doc, [(rng.choice(("Name", "Full Name")), rec.put("holder_name", _name(p, rng))),
                          (rng.choice(("Practice Address", "Mailing Address")), _address(p, rng)),
                          ("Specialty", p.specialty if lic.kind in ("MD", "DO") else "Not reported")],
                    40, y + 40, doc.W - 80, rng, rng.choice(("colon", "cells", "rightlabel")))
    doc.text(40, y + 8, "License Information", doc.f("b"), 11)
    ds = rng.choice(("mdy", "mdy_short", "iso"))
    rows = [
        (rng.choice(("License #", "License Number", "Permit Number")), rec.ident("license_number", lic.number)),
        (rng.choice(("License Type", "Profession")), rec.put("profession", lic.profession_words)),
        (rng.choice(("Status", "License Status")), rec.put("status", _status(lic, rng))),
        (rng.choice(("Issue Date", "Original License Date", "Date of Licensure")), rec.date("issue_date", lic.issue_date, ds)),
        (rng.choice(("Expiration Date", "Expires", "Registration Expiration")), rec.date("expiration_date", lic.expiration_date, ds)),
        (rng.choice(("Disciplinary Actions", "Board Actions")), rng.choice(("None", "No", "None on file"))),
    ]
    return rows, y + 24


def _office(doc: Doc, rec: Rec, p: Persona, lic: License, rng: random.Random, y: float) -> tuple[Rows, float]:
    """Education-department style: uppercase plain lines, registration through month/year."""
    doc.text(40, y, rng.choice(("Verification Searches", "Online Verification", "License Look-Up")), doc.f("b"), 13)
    doc.text(40, y + 16, "This is a primary source of verification for licensure.", doc.f("i"), 8.5)
    ms = rng.choice(("my", "my_long", "mdy"))
    rows = [
        ("Name", rec.put("holder_name", _name(p, rng, upper=True))),
        ("Address", f"{p.city.upper()} {p.practice_state}"),
        ("Profession", rec.put("profession", lic.profession_words.upper())),
        (rng.choice(("License No", "License Number")), rec.ident("license_number", lic.number)),
        (rng.choice(("Date of Licensure", "Date Licensed")), rec.date("issue_date", lic.issue_date, "mdy")),
        ("Additional Qualification", rng.choice(("None", "Not applicable"))),
        ("Status", rec.put("status", lic.status.upper())),
        (rng.choice(("Registered through last day of", "Registered Through", "Registration Expires")),
         rec.date("expiration_date", lic.expiration_date, ms)),
    ]
    return rows, y + 34


def _health_dept(doc: Doc, rec: Rec, p: Persona, lic: License, rng: random.Random, y: float) -> tuple[Rows, float]:
    """Health-department style: licence card details, discipline and complaint flags."""
    doc.text(40, y, rng.choice(("License Verification", "Practitioner Profile", "Verify a License")), doc.f("b"), 15)
    doc.text(40, y + 16, rng.choice(("Licensee Details", "Details")), doc.f("r"), 10)
    ds = rng.choice(("mdy", "mdy_short", "abbr"))
    rows = [
        (rng.choice(("Name", "Practitioner Name")), rec.put("holder_name", _name(p, rng))),
        ("Profession", rec.put("profession", lic.profession_words)),
        (rng.choice(("License", "License Number")), rec.ident("license_number", lic.number)),
        (rng.choice(("License Status", "Status")), rec.put("status", _status(lic, rng))),
        (rng.choice(("License Expiration Date", "Expiration Date")), rec.date("expiration_date", lic.expiration_date, ds)),
        (rng.choice(("Original License Date", "Initial License Date")), rec.date("issue_date", lic.issue_date, ds)),
        ("Discipline on File", rng.choice(("No", "None"))),
        ("Public Complaint", rng.choice(("No", "None"))),
        ("Address of Record", _address(p, rng)),
    ]
    return rows, y + 32


def _person_search(doc: Doc, rec: Rec, p: Persona, lic: License, rng: random.Random, y: float) -> tuple[Rows, float]:
    """Person-search style: one result row in a grid; a status-effective date is a distractor."""
    doc.text(40, y, rng.choice(("Person Search Results", "Search Results", "Licensee Search - Details")), doc.f("b"), 14)
    doc.text(40, y + 16, f"Search criteria: Last Name = {p.last.upper()}   1 record", doc.f("r"), 8)
    ds = rng.choice(("mdy", "mdy_short"))
    rows = [
        ("Name", rec.put("holder_name", _name(p, rng))),
        (rng.choice(("License Number", "License No.")), rec.ident("license_number", lic.number)),
        ("Profession", rec.put("profession", lic.profession_words)),
        ("Status", rec.put("status", _status(lic, rng))),
        (rng.choice(("Issue Date", "Issued")), rec.date("issue_date", lic.issue_date, ds)),
        (rng.choice(("Expiration Date", "Expiration")), rec.date("expiration_date", lic.expiration_date, ds)),
    ]
    if rng.random() < 0.5:
        rows.insert(4, ("Status Change", fmt_date(lic.expiration_date - timedelta(days=730 + rng.randrange(40)), ds)[0]))
    return rows, y + 32


def _nursing(doc: Doc, rec: Rec, p: Persona, lic: License, rng: random.Random, y: float) -> tuple[Rows, float]:
    """Nursing look-up style: jurisdiction, multistate column, license type abbreviations beside words."""
    doc.text(40, y, rng.choice(("License Lookup", "Nurse License Verification", "License Verification Report")),
             doc.f("b"), 14)
    ds = rng.choice(("mdy", "iso", "mdy_short"))
    rows = [
        (rng.choice(("Name", "Nurse Name", "Licensee")), rec.put("holder_name", _name(p, rng))),
        (rng.choice(("License Type", "Credential Type")), rec.put("profession", lic.profession_words)),
        (rng.choice(("License Number", "License #")), rec.ident("license_number", lic.number)),
        (rng.choice(("License Status", "Status")), rec.put("status", _status(lic, rng))),
        (rng.choice(("Original Issue Date", "Issue Date")), rec.date("issue_date", lic.issue_date, ds)),
        (rng.choice(("Expiration Date", "Expires")), rec.date("expiration_date", lic.expiration_date, ds)),
        (rng.choice(("Multistate", "Compact Status")), rng.choice(("Multistate", "Single State", "N/A"))),
        ("Discipline", rng.choice(("None", "No"))),
    ]
    return rows, y + 26


FAMILIES: dict[str, Callable[..., tuple[Rows, float]]] = {
    "details": _details, "verification": _verification, "office": _office, "health_dept": _health_dept,
    "person_search": _person_search, "nursing": _nursing,
}
_URL_PATHS = ("/verify/license-details?lic=", "/Lookup/LicenseDetail.aspx?id=", "/verification/search.html?ref=",
              "/LicenseVerification/Details/", "/PersonSearch/Details?personId=", "/lookup/results?seq=")


@template(T, "board_lookup")
def board_lookup(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """A state board's web look-up printed from a browser, in one of six page families."""
    lic = _lic(p, rec)
    board = lic.board_name
    fam_name = rng.choice(sorted(FAMILIES))
    doc.family(rng.choice(("helv", "helv", "times")))
    host = f"{rng.choice(('www.', 'search.', 'verify.', ''))}{_slug(board)}.{lic.state.lower()}.gov"
    print_frame(doc, rng, p, f"{rng.choice(('License Verification', 'License Lookup', 'Verification'))} - {board}",
                f"https://{host}{rng.choice(_URL_PATHS)}{rng.randrange(10**5, 10**8)}")
    doc.jitter(rng, 8)
    top = rng.choice((48, 56, 64))
    if rng.random() < 0.6:  # site banner
        doc.rect(30, top - 14, doc.W - 60, 30, 0, fill=rng.choice((0.82, 0.9)), stroke=False)
    doc.text(40, top + 4, rec.put("issuing_state", lic.state, board), doc.f("b"), rng.choice((12, 13, 14)))
    nav = rng.sample(("Home", "Licensing", "Verify a License", "File a Complaint", "Contact Us", "Laws & Rules",
                      "Renewals"), 4)
    doc.text(40, top + 28, "   |   ".join(nav), doc.f("r"), 8, gray=0.3)
    rows, y = FAMILIES[fam_name](doc, rec, p, lic, rng, top + 56)
    y = field_block(doc, rows, 40, y, doc.W - 80, rng, regular=doc.f("r"), bold=doc.f("b"))
    asof = p.as_of - timedelta(days=rng.randrange(0, 4))
    tail = rng.choice((
        f"Information current as of {fmt_date(asof, 'long')[0]}.",
        f"Data last updated {fmt_date(asof, 'mdy')[0]}.",
        "Information is updated nightly.",
    ))
    doc.wrap(40, y + 14, doc.W - 80, (
        f"{tail} This web site is a primary source for license verification under the accreditation standards "
        "of national credentialing organizations. Disciplinary history from other jurisdictions is not shown; "
        "contact the Board for copies of public orders."), doc.f("r"), 8)
