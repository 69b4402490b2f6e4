"""ACORD 25 (2016/03) certificate of liability insurance on the form's real geometry.

The 2016/03 edition: ACORD mark, title and DATE box; the two fine-print paragraphs; the
PRODUCER box top left with CONTACT / PHONE / FAX / E-MAIL and INSURER(S) AFFORDING COVERAGE
A-F with NAIC # on the right; the INSURED box under the producer; COVERAGES with certificate
and revision numbers; the coverage grid (INSR LTR, TYPE OF INSURANCE, ADDL INSD, SUBR WVD,
POLICY NUMBER, POLICY EFF, POLICY EXP, LIMITS as caption + amount pairs) with its sections
for commercial general liability, automobile, umbrella/excess and workers compensation,
then free rows; DESCRIPTION OF OPERATIONS; CERTIFICATE HOLDER; CANCELLATION; AUTHORIZED
REPRESENTATIVE; the copyright footer. Medical professional liability appears either in a
free row at the bottom of the grid, or in the general-liability section marked
CLAIMS-MADE with "Professional Liability" on its OTHER line (both seen on agency COIs).
Which sections are present, how many insurer letters, the professional row's letter and
wording, the fonts and small offsets are drawn from the rng. The existing ``acord25``
template is a simplified grid; this one keeps the real form's boxes and captions.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from credintake.sample_docs import data
from credintake.sample_docs.persona import Persona
from credintake.sample_docs.render import Doc, Rec, fmt_date, money
from credintake.sample_docs.templates import template

T = "malpractice_insurance"

L, R = 24.0, 588.0  # form margins
# grid column lefts: INSR LTR, TYPE, ADDL, SUBR, POLICY NUMBER, EFF, EXP, LIMITS caption, amount
COLS = (L, 44.0, 206.0, 226.0, 246.0, 346.0, 396.0, 446.0, 528.0)
_TOP_NOTE = ("THIS CERTIFICATE IS ISSUED AS A MATTER OF INFORMATION ONLY AND CONFERS NO RIGHTS UPON THE CERTIFICATE "
             "HOLDER. THIS CERTIFICATE DOES NOT AFFIRMATIVELY OR NEGATIVELY AMEND, EXTEND OR ALTER THE COVERAGE AFFORDED "
             "BY THE POLICIES BELOW. THIS CERTIFICATE OF INSURANCE DOES NOT CONSTITUTE A CONTRACT BETWEEN THE ISSUING "
             "INSURER(S), AUTHORIZED REPRESENTATIVE OR PRODUCER, AND THE CERTIFICATE HOLDER.")
_IMPORTANT = ("IMPORTANT: If the certificate holder is an ADDITIONAL INSURED, the policy(ies) must have ADDITIONAL "
              "INSURED provisions or be endorsed. If SUBROGATION IS WAIVED, subject to the terms and conditions of the "
              "policy, certain policies may require an endorsement. A statement on this certificate does not confer "
              "rights to the certificate holder in lieu of such endorsement(s).")
_CERTIFY = ("THIS IS TO CERTIFY THAT THE POLICIES OF INSURANCE LISTED BELOW HAVE BEEN ISSUED TO THE INSURED NAMED ABOVE "
            "FOR THE POLICY PERIOD INDICATED. NOTWITHSTANDING ANY REQUIREMENT, TERM OR CONDITION OF ANY CONTRACT OR OTHER "
            "DOCUMENT WITH RESPECT TO WHICH THIS CERTIFICATE MAY BE ISSUED OR MAY PERTAIN, THE INSURANCE AFFORDED BY THE "
            "POLICIES DESCRIBED HEREIN IS SUBJECT TO ALL THE TERMS, EXCLUSIONS AND CONDITIONS OF SUCH POLICIES. LIMITS "
            "SHOWN MAY HAVE BEEN REDUCED BY PAID CLAIMS.")
_CANCEL = ("SHOULD ANY OF THE ABOVE DESCRIBED POLICIES BE CANCELLED BEFORE THE EXPIRATION DATE THEREOF, NOTICE WILL BE "
           "DELIVERED IN ACCORDANCE WITH THE POLICY PROVISIONS.")
_PROF_WORDS = ("Professional Liability", "PROFESSIONAL LIABILITY", "Medical Professional Liab", "MEDICAL MALPRACTICE",
               "Medical Malpractice", "Physicians Professional Liability", "Healthcare Professional Liab")
_PROF_LIMITS = (("Each Claim", "Aggregate"), ("Per Claim", "Annual Aggregate"), ("Each Incident", "Aggregate"),
                ("EACH CLAIM", "AGGREGATE"), ("Per Occurrence", "Aggregate"))


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def _x(doc: Doc, x: float, y: float, label: str, checked: bool, size: float = 5.5) -> float:
    """A check box with its caption; returns the caption's right edge."""
    doc.rect(x, y - 5, 5, 5, 0.4)
    if checked:
        doc.text(x + 0.6, y - 0.6, "X", "Helvetica-Bold", 5.5)
    return x + 8 + doc.text(x + 8, y, label, "Helvetica", size)


class _Row:
    """One coverage section: its left-hand description lines and its limit captions/amounts."""

    def __init__(self, key: str, kind_lines: list[str], limits: list[tuple[str, int | None]], policy: str,
                 eff: date, exp: date, letter: str) -> None:
        self.key, self.kind_lines, self.limits, self.policy = key, kind_lines, limits, policy
        self.eff, self.exp, self.letter = eff, exp, letter


@template(T, "acord25_2016")
def acord25_2016(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """ACORD 25 (2016/03) on the real form's boxes; only the professional-liability row is labelled."""
    m = p.malpractice
    doc.family("helv")
    doc.jitter(rng, 5)
    vf = rng.choice(("Helvetica", "Courier", "Helvetica"))  # the agency system's value font
    vs = 7.5 if vf == "Helvetica" else 7.0
    # title band ------------------------------------------------------------------------------------
    doc.text(L, 40, "ACORD", "Helvetica-Bold", 18)
    doc.text(L + 70, 40, "\u00ae", "Helvetica", 6)
    doc.text(306, 40, "CERTIFICATE OF LIABILITY INSURANCE", "Helvetica-Bold", 13, "c")
    doc.rect(R - 84, 24, 84, 22, 0.5)
    doc.text(R - 80, 31, "DATE (MM/DD/YYYY)", "Helvetica", 5.5)
    doc.text(R - 80, 42, fmt_date(p.as_of - timedelta(days=rng.randrange(1, 120)), "mdy")[0], vf, vs)
    doc.rect(L, 48, R - L, 50, 0.5)
    y = doc.wrap(L + 3, 55, R - L - 6, _TOP_NOTE, "Helvetica-Bold", 5.5, 6.5)
    doc.wrap(L + 3, y + 1, R - L - 6, _IMPORTANT, "Helvetica-Bold", 5.5, 6.5)
    # producer / contact / insurers ------------------------------------------------------------------
    top = 98.0
    mid = 306.0
    doc.rect(L, top, mid - L, 62, 0.5)
    doc.text(L + 3, top + 7, "PRODUCER", "Helvetica", 5.5)
    agency = rng.choice(data.AGENCIES).format(state=data.STATE_NAMES[p.practice_state], region=rng.choice(("Midwest", "West", "Northeast")))
    st = rng.choice(sorted(data.CITIES))
    for i, s in enumerate((agency, f"{rng.randrange(100, 9999)} {rng.choice(('Commerce Blvd', 'Corporate Dr', 'Main Street'))}"
                           f"{rng.choice(('', ', Suite ' + str(rng.randrange(100, 900))))}",
                           f"{data.CITIES[st][0][0]} {st} {rng.randrange(10000, 99999)}")):
        doc.text(L + 6, top + 20 + i * 10, s, vf, vs)
    contact = p.other_person(rng)
    for i, (cap, val) in enumerate((("CONTACT NAME:", contact),
                                    ("PHONE (A/C, No, Ext):", f"({rng.randrange(200, 999)}) {rng.randrange(200, 999)}-{_digits(rng, 4)}"),
                                    ("E-MAIL ADDRESS:", f"certs@{agency.split()[0].lower().strip('&,')}.com"))):
        doc.text(mid + 3, top + 8 + i * 11, cap, "Helvetica", 5.5)
        doc.text(mid + 70, top + 8 + i * 11, val, vf, vs - 0.5)
    doc.text(mid + 210, top + 19, "FAX (A/C, No):", "Helvetica", 5.5)
    doc.rect(mid, top, R - mid, 34, 0.5)
    # insurer letters: the professional carrier and 1-5 others
    n_ins = rng.choice((1, 2, 3, 3, 4, 5, 6))
    letters = "ABCDEF"[:n_ins]
    prof_letter = rng.choice(letters) if rng.random() < 0.6 else letters[0]
    others = iter(rng.sample(data.OTHER_CARRIERS, len(data.OTHER_CARRIERS)))
    iy = top + 34
    doc.rect(mid, iy, R - mid, 12 + 6 * 11, 0.5)
    doc.text(mid + 60, iy + 8, "INSURER(S) AFFORDING COVERAGE", "Helvetica", 5.5)
    doc.text(R - 30, iy + 8, "NAIC #", "Helvetica", 5.5)
    carriers: dict[str, str] = {}
    for i, letter in enumerate("ABCDEF"):
        ly = iy + 19 + i * 11
        doc.text(mid + 3, ly, f"INSURER {letter} :", "Helvetica", 5.5)
        doc.line(mid, ly + 3, R, ly + 3, 0.3)
        if letter not in letters:
            continue
        if letter == prof_letter:
            carriers[letter] = m.carrier
            doc.text(mid + 48, ly, rec.put("carrier", m.carrier), vf, vs)
        else:
            carriers[letter] = next(others)
            doc.text(mid + 48, ly, carriers[letter], vf, vs)
        doc.text(R - 4, ly, _digits(rng, 5), vf, vs, "r")
    # insured box
    doc.rect(L, top + 62, mid - L, 56, 0.5)
    doc.text(L + 3, top + 69, "INSURED", "Helvetica", 5.5)
    person = p.full_name(middle=rng.choice(("initial", "none", "full")), upper=rng.random() < 0.5,
                         credential=p.credential if rng.random() < 0.6 else None)
    group = f"{p.last} {rng.choice(('Medical Group', 'Family Practice', 'Health Partners', 'Anesthesia Associates'))}, " \
            f"{rng.choice(('PLLC', 'PC', 'LLC', 'PA', 'Inc.'))}"
    order = rng.choice(("person", "person_group", "group_person"))
    lines: list[str] = []
    if order == "group_person":
        lines.append(group)
    lines.append(rec.put("insured_name", person) if order != "group_person" else "")
    if order == "person_group":
        lines.append(group)
    y = top + 80
    for s in lines:
        if s == "":
            s = rec.put("insured_name", person)
        doc.text(L + 36, y, s, vf, vs)
        y += 9.5
    doc.text(L + 36, y, p.street, vf, vs)
    doc.text(L + 36, y + 9.5, f"{p.city} {p.practice_state} {p.zip}", vf, vs)
    # coverages header ------------------------------------------------------------------------------
    y = top + 126
    doc.text(L, y, "COVERAGES", "Helvetica-Bold", 7.5)
    cw = doc.text(190, y, "CERTIFICATE NUMBER:", "Helvetica-Bold", 6.5)
    doc.text(196 + cw, y, f"{rng.choice(('', 'CL'))}{_digits(rng, rng.choice((6, 8, 10)))}", vf, vs)
    doc.text(430, y, "REVISION NUMBER:", "Helvetica-Bold", 6.5)
    y = doc.wrap(L, y + 8, R - L, _CERTIFY, "Helvetica", 5.5, 6.5)
    hy = y + 1
    doc.rect(L, hy, R - L, 17, 0.5, fill=0.92)
    heads = (("INSR", "LTR"), ("TYPE OF INSURANCE", ""), ("ADDL", "INSD"), ("SUBR", "WVD"), ("POLICY NUMBER", ""),
             ("POLICY EFF", "(MM/DD/YYYY)"), ("POLICY EXP", "(MM/DD/YYYY)"), ("LIMITS", ""))
    for (a, b2), x in zip(heads, COLS):
        doc.text(x + 2, hy + 7, a, "Helvetica-Bold", 5.5)
        if b2:
            doc.text(x + 2, hy + 14, b2, "Helvetica", 5)
    y = hy + 17
    # rows ------------------------------------------------------------------------------------------
    eff_o = p.as_of - timedelta(days=rng.randrange(10, 300))
    same = rng.random() < 0.4
    o_eff, o_exp = (m.effective_date, m.expiration_date) if same else (eff_o, eff_o + timedelta(days=365))
    other_letters = [x for x in letters if x != prof_letter] or [prof_letter]
    ol = iter(other_letters * 4)
    prof_in_gl = rng.random() < 0.3
    prof_words = rng.choice(_PROF_WORDS)
    lim_caps = rng.choice(_PROF_LIMITS)
    sections: list[_Row] = []
    if prof_in_gl:
        sections.append(_Row("prof_gl", ["COMMERCIAL GENERAL LIABILITY", "CLAIMS-MADE", "GEN'L AGGREGATE LIMIT APPLIES PER:",
                                         f"OTHER: {prof_words}"],
                             [("EACH OCCURRENCE", m.per_claim), ("DAMAGE TO RENTED PREMISES (Ea occurrence)", None),
                              ("MED EXP (Any one person)", None), ("PERSONAL & ADV INJURY", None),
                              ("GENERAL AGGREGATE", m.aggregate), ("PRODUCTS - COMP/OP AGG", None)],
                             m.policy_number, m.effective_date, m.expiration_date, prof_letter))
    elif rng.random() < 0.6:
        sections.append(_Row("gl", ["COMMERCIAL GENERAL LIABILITY", "OCCUR", "GEN'L AGGREGATE LIMIT APPLIES PER:", "OTHER:"],
                             [("EACH OCCURRENCE", 1_000_000), ("DAMAGE TO RENTED PREMISES (Ea occurrence)", 300_000),
                              ("MED EXP (Any one person)", 10_000), ("PERSONAL & ADV INJURY", 1_000_000),
                              ("GENERAL AGGREGATE", 2_000_000), ("PRODUCTS - COMP/OP AGG", 2_000_000)],
                             f"{rng.choice(('GL', 'CGL', 'BOP'))}{_digits(rng, 8)}", o_eff, o_exp, next(ol)))
    if rng.random() < 0.4:
        sections.append(_Row("auto", ["AUTOMOBILE LIABILITY", "ANY AUTO", "OWNED AUTOS ONLY", "HIRED AUTOS ONLY"],
                             [("COMBINED SINGLE LIMIT (Ea accident)", 1_000_000), ("BODILY INJURY (Per person)", None),
                              ("BODILY INJURY (Per accident)", None), ("PROPERTY DAMAGE (Per accident)", None)],
                             f"BA {_digits(rng, 7)}", o_eff, o_exp, next(ol)))
    if rng.random() < 0.45:
        sections.append(_Row("umb", ["UMBRELLA LIAB", "EXCESS LIAB", "DED   RETENTION $"],
                             [("EACH OCCURRENCE", rng.choice((1_000_000, 5_000_000))), ("AGGREGATE", rng.choice((1_000_000, 5_000_000)))],
                             f"{rng.choice(('UMB', 'XS', 'CUP'))}{_digits(rng, 7)}", o_eff, o_exp, next(ol)))
    if rng.random() < 0.55:
        sections.append(_Row("wc", ["WORKERS COMPENSATION", "AND EMPLOYERS' LIABILITY", "ANY PROPRIETOR/PARTNER/EXECUTIVE",
                                    "OFFICER/MEMBER EXCLUDED? (Mandatory in NH)"],
                             [("PER STATUTE   OTH-ER", None), ("E.L. EACH ACCIDENT", 1_000_000),
                              ("E.L. DISEASE - EA EMPLOYEE", 1_000_000), ("E.L. DISEASE - POLICY LIMIT", 1_000_000)],
                             f"WC {_digits(rng, 8)}", o_eff, o_exp, next(ol)))
    if not prof_in_gl:
        sections.append(_Row("prof", [prof_words, rng.choice(("Claims Made", "Claims-Made Form", "", "Retro Date: "
                                                               + fmt_date(m.retro_date, "mdy")[0]))],
                             [(lim_caps[0], m.per_claim), (lim_caps[1], m.aggregate)],
                             m.policy_number, m.effective_date, m.expiration_date, prof_letter))
    dollar_in_cell = rng.random() < 0.4
    for sec in sections:
        prof = sec.key.startswith("prof")
        n = max(len(sec.kind_lines), len(sec.limits))
        h = 4 + n * 9.5
        doc.rect(L, y, R - L, h, 0.4)
        for x in COLS[1:]:
            doc.line(x, y, x, y + h, 0.3)
        doc.text(COLS[0] + 6, y + 9, sec.letter, vf, vs)
        for i, s in enumerate(sec.kind_lines):
            ly = y + 9 + i * 9.5
            if sec.key in ("gl", "prof_gl") and i == 1:
                e = _x(doc, COLS[1] + 10, ly, "CLAIMS-MADE", sec.key == "prof_gl")
                _x(doc, e + 6, ly, "OCCUR", sec.key == "gl")
            elif sec.key in ("gl", "prof_gl", "auto", "umb") and i == 0:
                _x(doc, COLS[1] + 2, ly, s, True, 5.5)
            elif sec.key == "prof" and i == 0:
                doc.text(COLS[1] + 2, ly, s, vf, vs)
            else:
                doc.text(COLS[1] + 2, ly, s, "Helvetica", 5.2)
        if rng.random() < 0.3:
            doc.text(COLS[2] + 6, y + 9, rng.choice(("Y", "N")), vf, vs)
        pol = rec.ident("policy_number", sec.policy) if prof else sec.policy
        doc.text(COLS[4] + 2, y + 9, pol, vf, vs)
        eff = rec.date("effective_date", sec.eff, "mdy") if prof else fmt_date(sec.eff, "mdy")[0]
        exp = rec.date("expiration_date", sec.exp, "mdy") if prof else fmt_date(sec.exp, "mdy")[0]
        doc.text(COLS[5] + 2, y + 9, eff, vf, vs)
        doc.text(COLS[6] + 2, y + 9, exp, vf, vs)
        for i, (cap, amt) in enumerate(sec.limits):
            ly = y + 9 + i * 9.5
            if doc.width(cap, "Helvetica", 5.5) > COLS[8] - COLS[7] - 4:  # the form stacks long captions
                words = cap.split()
                half = len(words) // 2
                doc.text(COLS[7] + 2, ly - 2.6, " ".join(words[:half]), "Helvetica", 4.5)
                doc.text(COLS[7] + 2, ly + 2.0, " ".join(words[half:]), "Helvetica", 4.5)
            else:
                doc.text(COLS[7] + 2, ly, cap, "Helvetica", 5.5)
            doc.line(COLS[8], ly + 2.5, R, ly + 2.5, 0.2)
            if not dollar_in_cell:
                doc.text(COLS[8] + 2, ly, "$", "Helvetica", 6)
            if amt is None:
                continue
            txt = money(amt, "comma" if dollar_in_cell else "plain")
            if prof and amt == m.per_claim and i == 0:
                txt = rec.put("per_claim_limit", amt, txt)
            elif prof and amt == m.aggregate and "AGG" in cap.upper():
                txt = rec.put("aggregate_limit", amt, txt)
            doc.text(R - 4, ly, txt, vf, vs, "r")
        y += h
    # free rows left empty at the bottom of the grid
    for _ in range(rng.choice((0, 1, 2))):
        doc.rect(L, y, R - L, 24, 0.4)
        for x in COLS[1:]:
            doc.line(x, y, x, y + 24, 0.3)
        y += 24
    # description / holder / cancellation -------------------------------------------------------------
    y += 4
    doc.rect(L, y, R - L, 44, 0.5)
    doc.text(L + 3, y + 7, "DESCRIPTION OF OPERATIONS / LOCATIONS / VEHICLES (ACORD 101, Additional Remarks Schedule, "
             "may be attached if more space is required)", "Helvetica", 5.2)
    desc = rng.choice((f"Evidence of coverage for {p.full_name(middle='none')}, {p.specialty}.",
                       f"Professional liability coverage applies to {p.full_name(middle='none', credential=p.credential)}. "
                       "Certificate holder is included for informational purposes only.",
                       "Re: medical staff credentialing. Claims-made coverage with prior acts."))
    doc.wrap(L + 6, y + 18, R - L - 12, desc, vf, vs)
    y += 48
    doc.text(L, y + 6, "CERTIFICATE HOLDER", "Helvetica-Bold", 6.5)
    doc.text(mid + 3, y + 6, "CANCELLATION", "Helvetica-Bold", 6.5)
    doc.rect(L, y + 9, mid - L, 70, 0.5)
    doc.rect(mid, y + 9, R - mid, 70, 0.5)
    hold = [f"{rng.choice(data.CITIES[p.practice_state][0])} {rng.choice(('Memorial Hospital', 'Regional Medical Center', 'Health System'))}",
            rng.choice(("Attn: Medical Staff Office", "Credentialing Department", "Attn: Provider Enrollment")),
            f"{rng.randrange(100, 9999)} {rng.choice(('Hospital Drive', 'Medical Parkway', 'Health Center Blvd'))}",
            f"{p.city} {p.practice_state} {p.zip}"]
    for i, s in enumerate(hold):
        doc.text(L + 30, y + 24 + i * 10, s, vf, vs)
    doc.wrap(mid + 4, y + 18, R - mid - 8, _CANCEL, "Helvetica", 5.8, 7)
    doc.text(mid + 4, y + 52, "AUTHORIZED REPRESENTATIVE", "Helvetica", 5.5)
    doc.text(mid + 30, y + 68, contact.split(",")[0], "Times-Italic", 10)
    fy = doc.H - 30
    doc.text(L, fy, "\u00a9 1988-2015 ACORD CORPORATION.  All rights reserved.", "Helvetica", 6)
    doc.text(L, fy + 10, "ACORD 25 (2016/03)", "Helvetica-Bold", 7)
    doc.text(R, fy + 10, "The ACORD name and logo are registered marks of ACORD", "Helvetica", 6, "r")
