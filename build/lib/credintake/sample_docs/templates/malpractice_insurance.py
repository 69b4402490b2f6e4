"""Malpractice: ACORD 25 certificate, carrier coverage letter, declarations page, carrier certificate."""

from __future__ import annotations

import random
from datetime import timedelta

from credintake.sample_docs import data
from credintake.sample_docs.persona import Persona
from credintake.sample_docs.render import Doc, Rec, fmt_date, money
from credintake.sample_docs.templates import template
from credintake.sample_docs.templates._common import day_style

T = "malpractice_insurance"


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


@template(T, "acord25")
def acord25(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Dense ACORD 25 grid; only the professional-liability row is the labelled coverage."""
    m = p.malpractice
    doc.family("helv")
    W = doc.W
    doc.text(36, 40, "ACORD", "Helvetica-Bold", 16)
    doc.text(W / 2, 40, "CERTIFICATE OF LIABILITY INSURANCE", "Helvetica-Bold", 12, "c")
    doc.rect(W - 136, 26, 100, 22, 0.5)
    doc.text(W - 132, 34, "DATE (MM/DD/YYYY)", "Helvetica", 5.5)
    doc.text(W - 132, 45, fmt_date(p.as_of - timedelta(days=rng.randrange(1, 90)), "mdy")[0], "Helvetica", 8)
    doc.wrap(36, 58, W - 72, ("THIS CERTIFICATE IS ISSUED AS A MATTER OF INFORMATION ONLY AND CONFERS NO RIGHTS UPON THE "
                              "CERTIFICATE HOLDER. THIS CERTIFICATE DOES NOT AFFIRMATIVELY OR NEGATIVELY AMEND, EXTEND OR "
                              "ALTER THE COVERAGE AFFORDED BY THE POLICIES BELOW."), "Helvetica", 5.5, 7)
    # producer / insured / insurers
    y = 86
    doc.rect(36, y, 270, 62, 0.5)
    doc.text(40, y + 8, "PRODUCER", "Helvetica", 5.5)
    agency = rng.choice(data.AGENCIES).format(state=data.STATE_NAMES[p.practice_state], region="Midwest")
    doc.text(40, y + 20, agency, "Helvetica", 8)
    doc.text(40, y + 31, f"{rng.randrange(100, 9999)} Commerce Blvd, Suite {rng.randrange(100, 900)}", "Helvetica", 8)
    st = rng.choice(sorted(data.CITIES))
    doc.text(40, y + 42, f"{data.CITIES[st][0][0]}, {st} {rng.randrange(10000, 99999)}", "Helvetica", 8)
    doc.text(40, y + 54, f"PHONE: (800) {rng.randrange(200, 999)}-{rng.randrange(10000):04d}", "Helvetica", 7)
    doc.rect(306, y, W - 342, 62, 0.5)
    doc.text(310, y + 8, "INSURER(S) AFFORDING COVERAGE", "Helvetica", 5.5)
    others = rng.sample(data.OTHER_CARRIERS, 3)
    letters = ["A", "B", "C", "D"]
    prof_letter = rng.choice(letters)
    ins = {}
    oi = iter(others)
    for i, L in enumerate(letters):
        ins[L] = m.carrier if L == prof_letter else next(oi)
        doc.text(310, y + 20 + i * 11, f"INSURER {L} :", "Helvetica", 6.5)
        txt = rec.put("carrier", m.carrier) if L == prof_letter else ins[L]
        doc.text(352, y + 20 + i * 11, txt, "Helvetica", 7.5)
    y += 62
    doc.rect(36, y, 270, 54, 0.5)
    doc.text(40, y + 8, "INSURED", "Helvetica", 5.5)
    group = f"{p.last} {rng.choice(('Medical Group', 'Family Practice', 'Health Partners'))}, {rng.choice(('PLLC', 'PC', 'LLC', 'PA'))}"
    name_first = rng.random() < 0.6
    iname = p.full_name(middle="initial", upper=rng.random() < 0.5, credential=p.credential)
    lines = [rec.put("insured_name", iname), group] if name_first else [group, rec.put("insured_name", iname)]
    for i, s in enumerate(lines + [p.street, f"{p.city}, {p.practice_state} {p.zip}"]):
        doc.text(40, y + 19 + i * 10, s, "Helvetica", 8)
    y += 62
    doc.text(36, y + 4, "COVERAGES", "Helvetica-Bold", 8)
    doc.text(200, y + 4, f"CERTIFICATE NUMBER: {_digits(rng, 8)}", "Helvetica", 6.5)
    doc.text(400, y + 4, f"REVISION NUMBER: {rng.randrange(0, 4)}", "Helvetica", 6.5)
    y += 10
    cols = [36, 56, 196, 300, 360, 420, W - 36]
    heads = ["INSR LTR", "TYPE OF INSURANCE", "POLICY NUMBER", "POLICY EFF", "POLICY EXP", "LIMITS"]
    doc.rect(36, y, W - 72, 16, 0.5, fill=0.9)
    for x, h in zip(cols, heads):
        doc.text(x + 3, y + 10, h, "Helvetica-Bold", 5.5)
    y += 16
    eff_o = p.as_of - timedelta(days=rng.randrange(10, 300))
    exp_o = eff_o + timedelta(days=365)
    rows = [
        ("gl", "COMMERCIAL GENERAL LIABILITY", f"GL{_digits(rng, 8)}", [("EACH OCCURRENCE", 1_000_000), ("GENERAL AGGREGATE", 2_000_000)]),
        ("auto", "AUTOMOBILE LIABILITY", f"BA {_digits(rng, 7)}", [("COMBINED SINGLE LIMIT", 1_000_000)]),
        ("umb", "UMBRELLA LIAB  OCCUR", f"UMB{_digits(rng, 6)}", [("EACH OCCURRENCE", 5_000_000), ("AGGREGATE", 5_000_000)]),
        ("wc", "WORKERS COMPENSATION AND EMPLOYERS' LIABILITY", f"WC {_digits(rng, 8)}", [("E.L. EACH ACCIDENT", 500_000)]),
        ("prof", rng.choice(("PROFESSIONAL LIABILITY", "MEDICAL MALPRACTICE", "MEDICAL PROFESSIONAL LIAB", "PROFESSIONAL LIAB (E&O)")),
         m.policy_number, [("EACH CLAIM", m.per_claim), ("AGGREGATE", m.aggregate)]),
    ]
    keep = [r for r in rows if r[0] == "prof" or rng.random() < 0.65]
    rng.shuffle(keep)
    other_letters = iter([L for L in letters if L != prof_letter] * 2)
    for key, kind, pol, limits in keep:
        h = 14 + 11 * len(limits)
        doc.rect(36, y, W - 72, h, 0.4)
        prof = key == "prof"
        doc.text(cols[0] + 6, y + 11, prof_letter if prof else next(other_letters), "Helvetica", 7.5)
        doc.wrap(cols[1] + 3, y + 11, 134, kind, "Helvetica", 6.5, 8)
        if prof:
            doc.text(cols[2] + 3, y + 11, rec.ident("policy_number", pol), "Helvetica", 7.5)
            doc.text(cols[3] + 3, y + 11, rec.date("effective_date", m.effective_date, "mdy"), "Helvetica", 7.5)
            doc.text(cols[4] + 3, y + 11, rec.date("expiration_date", m.expiration_date, "mdy"), "Helvetica", 7.5)
            doc.text(cols[1] + 3, y + h - 4, f"RETRO DATE: {fmt_date(m.retro_date, 'mdy')[0]}", "Helvetica", 5.5)
        else:
            doc.text(cols[2] + 3, y + 11, pol, "Helvetica", 7.5)
            doc.text(cols[3] + 3, y + 11, fmt_date(eff_o, "mdy")[0], "Helvetica", 7.5)
            doc.text(cols[4] + 3, y + 11, fmt_date(exp_o, "mdy")[0], "Helvetica", 7.5)
        for i, (lab, amt) in enumerate(limits):
            ly = y + 11 + i * 11
            doc.text(cols[5] + 3, ly, lab, "Helvetica", 6)
            doc.text(cols[6] - 70, ly, "$", "Helvetica", 7.5)
            txt = money(amt, "plain")
            if prof:
                txt = rec.put("per_claim_limit" if i == 0 else "aggregate_limit", amt, txt)
            doc.text(cols[6] - 4, ly, txt, "Helvetica", 7.5, "r")
        y += h
    y += 6
    doc.rect(36, y, W - 72, 40, 0.5)
    doc.text(40, y + 8, "DESCRIPTION OF OPERATIONS / LOCATIONS / VEHICLES", "Helvetica", 5.5)
    doc.wrap(40, y + 20, W - 80, (f"Coverage applies to {p.full_name(middle='none')} for professional services in "
                                  f"{p.specialty}. Claims-made form."), "Helvetica", 7.5)
    y += 48
    doc.rect(36, y, 270, 70, 0.5)
    doc.text(40, y + 8, "CERTIFICATE HOLDER", "Helvetica", 5.5)
    hold_st = p.practice_state
    doc.text(40, y + 22, f"{rng.choice(data.CITIES[hold_st][0])} Memorial Hospital", "Helvetica", 8.5)
    doc.text(40, y + 33, "Attn: Medical Staff Services", "Helvetica", 8.5)
    doc.text(40, y + 44, f"{rng.randrange(100, 9999)} Hospital Drive", "Helvetica", 8.5)
    doc.rect(306, y, W - 342, 70, 0.5)
    doc.text(310, y + 8, "CANCELLATION", "Helvetica", 5.5)
    doc.wrap(310, y + 18, W - 352, ("SHOULD ANY OF THE ABOVE DESCRIBED POLICIES BE CANCELLED BEFORE THE EXPIRATION DATE "
                                    "THEREOF, NOTICE WILL BE DELIVERED IN ACCORDANCE WITH THE POLICY PROVISIONS."),
             "Helvetica", 5.5, 7)
    doc.text(310, y + 52, "AUTHORIZED REPRESENTATIVE", "Helvetica", 5.5)
    doc.text(310, y + 64, p.other_person(rng), "Helvetica-Oblique", 8)
    doc.text(36, doc.H - 30, "ACORD 25 (2016/03)      © 1988-2015 ACORD CORPORATION. All rights reserved.", "Helvetica", 6)


@template(T, "coverage_letter")
def coverage_letter(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Carrier letter confirming coverage in prose; retro date and letter date are distractors."""
    m = p.malpractice
    doc.family(rng.choice(("times", "helv")))
    doc.text(60, 64, rec.put("carrier", m.carrier), doc.f("b"), 16)
    doc.text(60, 78, f"Policyholder Services  |  {rng.randrange(100, 9999)} Insurance Way", doc.f("r"), 9)
    doc.line(60, 86, doc.W - 60, 86, 0.8)
    doc.text(60, 120, fmt_date(p.as_of - timedelta(days=rng.randrange(3, 120)), "long")[0], doc.f("r"), 11)
    doc.text(60, 150, "To Whom It May Concern:", doc.f("r"), 11)
    ds = rng.choice(("long", "mdy", "abbr"))
    ms = rng.choice(("comma", "plain", "short"))
    name = rec.put("insured_name", p.full_name(middle="initial", credential=p.credential, dots=True))
    body = (f"This letter confirms that {name} is insured under {m.carrier}'s professional liability policy number "
            f"{rec.ident('policy_number', m.policy_number)}. The current policy period is "
            f"{rec.date('effective_date', m.effective_date, ds)} to {rec.date('expiration_date', m.expiration_date, ds)}. "
            f"Limits of liability are {rec.put('per_claim_limit', m.per_claim, money(m.per_claim, ms))} each claim and "
            f"{rec.put('aggregate_limit', m.aggregate, money(m.aggregate, ms))} annual aggregate. Coverage is written on a "
            f"claims-made basis with a retroactive date of {fmt_date(m.retro_date, ds)[0]}. There have been no claims "
            "reported under this policy in the past five years.")
    y = doc.wrap(60, 180, doc.W - 120, body, doc.f("r"), 11, 16)
    doc.text(60, y + 30, "Sincerely,", doc.f("r"), 11)
    doc.signature(60, y + 80, 200, p.other_person(rng), "Underwriting Department", size=10)


@template(T, "declarations_page")
def declarations_page(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Numbered 'Item' declarations (Courier), premium and retro date as distractors."""
    m = p.malpractice
    doc.family("courier")
    doc.text(doc.W / 2, 56, rec.put("carrier", m.carrier.upper(), m.carrier.upper()), "Courier-Bold", 12, "c")
    doc.text(doc.W / 2, 74, "PHYSICIANS AND SURGEONS PROFESSIONAL LIABILITY", "Courier-Bold", 10, "c")
    doc.text(doc.W / 2, 86, "DECLARATIONS", "Courier-Bold", 10, "c")
    ds = rng.choice(("mdy", "dmy_upper", "mdy_dash"))
    doc.text(60, 120, f"POLICY NUMBER: {rec.ident('policy_number', m.policy_number)}", "Courier", 10)
    doc.text(360, 120, f"RENEWAL OF: {_digits(rng, 7)}", "Courier", 10)
    items = [
        ("ITEM 1. NAMED INSURED:", rec.put("insured_name", p.full_name(middle="initial", upper=True, credential=p.credential))),
        ("        ADDRESS:", f"{p.street.upper()}, {p.city.upper()}, {p.practice_state} {p.zip}"),
        ("ITEM 2. POLICY PERIOD:", f"FROM {rec.date('effective_date', m.effective_date, ds)} TO "
                                   f"{rec.date('expiration_date', m.expiration_date, ds)}"),
        ("", "12:01 A.M. STANDARD TIME AT THE ADDRESS OF THE NAMED INSURED"),
        ("ITEM 3. LIMITS OF LIABILITY:", ""),
        ("        EACH CLAIM", rec.put("per_claim_limit", m.per_claim, money(m.per_claim))),
        ("        AGGREGATE", rec.put("aggregate_limit", m.aggregate, money(m.aggregate))),
        ("ITEM 4. RETROACTIVE DATE:", fmt_date(m.retro_date, ds)[0]),
        ("ITEM 5. SPECIALTY CLASS:", f"{p.specialty.upper()} - CLASS {rng.randrange(1, 9)}"),
        ("ITEM 6. ANNUAL PREMIUM:", f"${rng.randrange(4000, 60000):,}.00"),
        ("ITEM 7. DEDUCTIBLE:", rng.choice(("NONE", "$5,000", "$10,000"))),
    ]
    y = 150
    for lab, val in items:
        doc.text(60, y, lab, "Courier-Bold", 9)
        doc.text(270, y, val, "Courier", 9) if len(val) < 45 else doc.wrap(270, y, 300, val, "Courier", 9)
        y += 18 if len(val) < 45 else 30
    doc.wrap(60, y + 20, 490, ("THESE DECLARATIONS, TOGETHER WITH THE COMMON POLICY CONDITIONS, COVERAGE FORM(S) AND "
                               "ENDORSEMENTS, COMPLETE THE ABOVE NUMBERED POLICY."), "Courier", 8)
    doc.text(60, y + 70, f"ISSUED: {fmt_date(m.effective_date - timedelta(days=rng.randrange(5, 30)), ds)[0]}", "Courier", 9)
    doc.signature(330, y + 110, 200, p.other_person(rng), "AUTHORIZED REPRESENTATIVE", font="Courier")


@template(T, "carrier_certificate")
def carrier_certificate(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """A carrier's own 'Certificate of Insurance': label column beside value column."""
    m = p.malpractice
    doc.family("helv")
    doc.rect(40, 40, doc.W - 80, 60, 0, fill=0.85, stroke=False)
    doc.text(56, 70, rec.put("carrier", m.carrier), "Helvetica-Bold", 15)
    doc.text(56, 88, "Certificate of Insurance - Professional Liability", "Helvetica", 10)
    ds = day_style(rng, ("mdy", "abbr", "long", "iso"))
    ms = rng.choice(("comma", "plain"))
    rows = [("Insured", rec.put("insured_name", p.full_name(middle=rng.choice(("initial", "none")), credential=p.credential))),
            ("Certificate Holder", f"{p.city} Medical Center - Credentialing"),
            (rng.choice(("Policy Number", "Policy #", "Certificate/Policy No.")), rec.ident("policy_number", m.policy_number)),
            (rng.choice(("Effective Date", "Policy Effective", "Coverage Begins")), rec.date("effective_date", m.effective_date, ds)),
            (rng.choice(("Expiration Date", "Policy Expires", "Coverage Ends")), rec.date("expiration_date", m.expiration_date, ds)),
            (rng.choice(("Limit - Each Claim", "Per Claim Limit", "Each Medical Incident")),
             rec.put("per_claim_limit", m.per_claim, money(m.per_claim, ms))),
            (rng.choice(("Limit - Aggregate", "Annual Aggregate", "Aggregate Limit")),
             rec.put("aggregate_limit", m.aggregate, money(m.aggregate, ms))),
            ("Coverage Form", rng.choice(("Claims-made", "Occurrence", "Claims-made with tail"))),
            ("Date Issued", fmt_date(p.as_of - timedelta(days=rng.randrange(5, 100)), ds)[0])]
    y = 140
    for lab, val in rows:
        doc.text(60, y, lab, "Helvetica-Bold", 10)
        doc.text(250, y, val, "Helvetica", 10)
        doc.line(60, y + 7, doc.W - 60, y + 7, 0.3, gray=0.7)
        y += 24
    doc.wrap(60, y + 24, doc.W - 120, ("This certificate is issued as a matter of information only and confers no rights "
                                       "upon the certificate holder. Thirty (30) days notice of cancellation will be given "
                                       "to the certificate holder."), "Helvetica-Oblique", 8.5)


@template(T, "self_insurance_letter")
def self_insurance_letter(doc: Doc, rec: Rec, p: Persona, rng: random.Random) -> None:
    """Employer's self-insurance trust letter (employed physicians); the trust is the carrier."""
    m = p.malpractice
    j = p.jobs[-1]
    trust = f"{j.employer} Self-Insurance Trust"
    doc.family("times")
    doc.text(60, 60, j.employer, "Times-Bold", 15)
    doc.text(60, 76, "Office of Risk Management", "Times-Italic", 10)
    doc.line(60, 84, doc.W - 60, 84, 0.8)
    doc.text(60, 118, fmt_date(p.as_of - timedelta(days=rng.randrange(5, 80)), "long")[0], "Times-Roman", 11)
    doc.text(60, 146, "RE: Verification of Professional Liability Coverage", "Times-Bold", 11)
    ds = rng.choice(("long", "mdy"))
    name = rec.put("insured_name", p.full_name(middle="initial", credential=p.credential))
    body = (f"{name} is an employee of {j.employer} and is covered for professional liability under the "
            f"{rec.put('carrier', trust)}, certificate number {rec.ident('policy_number', m.policy_number)}, for the period "
            f"{rec.date('effective_date', m.effective_date, ds)} through {rec.date('expiration_date', m.expiration_date, ds)}. "
            f"Limits are {rec.put('per_claim_limit', m.per_claim, money(m.per_claim))} per occurrence and "
            f"{rec.put('aggregate_limit', m.aggregate, money(m.aggregate))} annual aggregate. Coverage is provided on an "
            "occurrence basis for services within the scope of employment; tail coverage is not required.")
    y = doc.wrap(60, 180, doc.W - 120, body, "Times-Roman", 11.5, 17)
    doc.signature(60, y + 70, 220, p.other_person(rng), "Director, Risk Management", size=10)
