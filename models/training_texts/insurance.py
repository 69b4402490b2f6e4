"""Insurance paper: liability certificates filled and blank, and the insurance documents
that are not liability cover (``other``): property certificates, auto declarations pages,
policy endorsement forms.

Serves ACORD 25 / ACORD 24 style certificates, carrier declarations pages and the ISO-style
endorsement forms agencies attach behind a certificate. A blank certificate carries the
same labels as a filled one and no values, so the model learns that the values, not the
labels, make a certificate of insurance (a blank form is not the document it is a blank of).
"""

from __future__ import annotations

import random

from credintake.models.training_texts.vocab import day, fmt, person, phone, place, street
from credintake.sample_docs import data

CERT_HEADER = ("THIS CERTIFICATE IS ISSUED AS A MATTER OF INFORMATION ONLY AND CONFERS NO RIGHTS UPON THE CERTIFICATE "
               "HOLDER. THIS CERTIFICATE DOES NOT AFFIRMATIVELY OR NEGATIVELY AMEND, EXTEND OR ALTER THE COVERAGE "
               "AFFORDED BY THE POLICIES BELOW.")
LIABILITY_ROWS = (("COMMERCIAL GENERAL LIABILITY", ("EACH OCCURRENCE", "DAMAGE TO RENTED PREMISES", "MED EXP (Any one person)",
                                                    "PERSONAL & ADV INJURY", "GENERAL AGGREGATE", "PRODUCTS - COMP/OP AGG")),
                  ("AUTOMOBILE LIABILITY", ("COMBINED SINGLE LIMIT (Ea accident)", "BODILY INJURY (Per person)",
                                            "PROPERTY DAMAGE (Per accident)")),
                  ("UMBRELLA LIAB OCCUR EXCESS LIAB CLAIMS-MADE", ("EACH OCCURRENCE", "AGGREGATE")),
                  ("WORKERS COMPENSATION AND EMPLOYERS' LIABILITY", ("PER STATUTE", "E.L. EACH ACCIDENT",
                                                                     "E.L. DISEASE - EA EMPLOYEE")),
                  ("PROFESSIONAL LIABILITY", ("EACH CLAIM", "AGGREGATE")),
                  ("MEDICAL MALPRACTICE", ("PER CLAIM", "ANNUAL AGGREGATE")))
FORM_LABELS = ("DATE (MM/DD/YYYY)", "PRODUCER", "CONTACT NAME:", "PHONE (A/C, No, Ext):", "FAX (A/C, No):",
               "E-MAIL ADDRESS:", "INSURER(S) AFFORDING COVERAGE", "NAIC #", "INSURED", "COVERAGES",
               "CERTIFICATE NUMBER:", "REVISION NUMBER:", "INSR LTR", "TYPE OF INSURANCE", "ADDL INSD", "SUBR WVD",
               "POLICY NUMBER", "POLICY EFF (MM/DD/YYYY)", "POLICY EXP (MM/DD/YYYY)", "LIMITS", "CLAIMS-MADE OCCUR",
               "GEN'L AGGREGATE LIMIT APPLIES PER: POLICY PROJECT LOC", "ANY AUTO", "OWNED AUTOS ONLY", "HIRED AUTOS ONLY",
               "DESCRIPTION OF OPERATIONS / LOCATIONS / VEHICLES", "CERTIFICATE HOLDER", "CANCELLATION",
               "AUTHORIZED REPRESENTATIVE", "ANY PROPRIETOR/PARTNER/EXECUTIVE OFFICER/MEMBER EXCLUDED?", "Y / N", "$")
#: labels of older ACORD 25 editions (2001-2010), still issued by agency software
OLD_EDITION_LABELS = ("INSURERS AFFORDING COVERAGE", "ADD'L INSRD", "POLICY EFFECTIVE DATE (MM/DD/YY)",
                      "POLICY EXPIRATION DATE (MM/DD/YY)", "GENERAL LIABILITY", "ALL OWNED AUTOS", "SCHEDULED AUTOS",
                      "HIRED AUTOS", "NON-OWNED AUTOS", "GARAGE LIABILITY", "AUTO ONLY - EA ACCIDENT", "OTHER THAN AUTO ONLY:",
                      "EXCESS/UMBRELLA LIABILITY", "DEDUCTIBLE", "RETENTION", "WC STATUTORY LIMITS", "OTHER",
                      "If yes, describe under SPECIAL PROVISIONS below", "E.L. DISEASE - POLICY LIMIT",
                      "DESCRIPTION OF OPERATIONS / LOCATIONS / VEHICLES / EXCLUSIONS ADDED BY ENDORSEMENT / SPECIAL PROVISIONS",
                      "SHOULD ANY OF THE ABOVE DESCRIBED POLICIES BE CANCELLED BEFORE THE EXPIRATION DATE THEREOF, THE ISSUING "
                      "INSURER WILL ENDEAVOR TO MAIL 30 DAYS WRITTEN NOTICE TO THE CERTIFICATE HOLDER NAMED TO THE LEFT",
                      "ACORD 25 (2001/08)", "ACORD 25 (2009/09)", "© ACORD CORPORATION 1988")


#: the ACORD 101 additional remarks schedule, attached to liability and property certificates alike
REMARKS_SCHEDULE = ("ADDITIONAL REMARKS SCHEDULE", "AGENCY CUSTOMER ID:", "LOC #:",
                    "THIS ADDITIONAL REMARKS FORM IS A SCHEDULE TO ACORD FORM", "FORM NUMBER:", "FORM TITLE:")


def _money(rng: random.Random) -> str:
    amount = rng.choice((100_000, 250_000, 300_000, 500_000, 1_000_000, 2_000_000, 3_000_000, 5_000_000, 10_000))
    return rng.choice((f"$ {amount:,}", f"${amount:,}", f"{amount:,}", f"$ {amount:,}.00"))


CERTIFY = ("THIS IS TO CERTIFY THAT THE POLICIES OF INSURANCE LISTED BELOW HAVE BEEN ISSUED TO THE INSURED NAMED ABOVE "
           "FOR THE POLICY PERIOD INDICATED. NOTWITHSTANDING ANY REQUIREMENT, TERM OR CONDITION OF ANY CONTRACT, THE "
           "INSURANCE AFFORDED BY THE POLICIES DESCRIBED HEREIN IS SUBJECT TO ALL THE TERMS, EXCLUSIONS AND CONDITIONS "
           "OF SUCH POLICIES. LIMITS SHOWN MAY HAVE BEEN REDUCED BY PAID CLAIMS.",
           "IMPORTANT: If the certificate holder is an ADDITIONAL INSURED, the policy(ies) must have ADDITIONAL INSURED "
           "provisions or be endorsed. If SUBROGATION IS WAIVED, subject to the terms and conditions of the policy, "
           "certain policies may require an endorsement.")


TITLES = ("CERTIFICATE OF LIABILITY INSURANCE", "CERTIFICATE OF LIABILITY INSURANCE", "CERTIFICATE OF INSURANCE",
          "CERTIFICATE OF GENERAL LIABILITY INSURANCE", "COMMERCIAL CERTIFICATE OF INSURANCE",
          "CERTIFICATE OF PROFESSIONAL LIABILITY INSURANCE", "EVIDENCE OF LIABILITY INSURANCE",
          "CERTIFICATE OF LIABILITY INSURANCE - SPECIALTY PROGRAM")


def liability_certificate(rng: random.Random, filled: bool | None = None) -> tuple[str, list[str]]:
    """An ACORD 25 style certificate, filled (``malpractice_insurance``, whatever the
    coverage: the rules judge the coverage) or blank (``other``): same labels either way."""
    filled = rng.random() < 0.7 if filled is None else filled
    lines = [rng.choice(("ACORD", "ACORD TM", "")), rng.choice(TITLES), CERT_HEADER] + [c for c in CERTIFY if rng.random() < 0.7]
    edition = FORM_LABELS if rng.random() < 0.6 else FORM_LABELS + OLD_EDITION_LABELS
    lines += [lab for lab in edition if rng.random() < 0.8] + [f"INSURER {L} :" for L in "ABCDEF"]
    lines += ["$"] * rng.randrange(0, 20)
    lines += rng.sample(("ACORD 25 (2016/03)", "© 1988-2015 ACORD CORPORATION. All rights reserved.",
                         "The ACORD name and logo are registered marks of ACORD", "SHOULD ANY OF THE ABOVE DESCRIBED "
                         "POLICIES BE CANCELLED BEFORE THE EXPIRATION DATE THEREOF, NOTICE WILL BE DELIVERED IN "
                         "ACCORDANCE WITH THE POLICY PROVISIONS."), 3)
    for kind, limits in rng.sample(LIABILITY_ROWS, rng.randrange(3, len(LIABILITY_ROWS) + 1)):
        lines += [kind] + list(limits)
    if filled:
        lines += _liability_values(rng)
        if rng.random() < 0.3:
            lines += list(REMARKS_SCHEDULE) + [f"Certificate holder is named as additional insured per {rng.choice(ENDORSEMENTS).lower()}"]
    elif rng.random() < 0.3:
        initials = "".join(chr(65 + rng.randrange(26)) for _ in range(3))
        lines += [rng.choice((initials, "Authorized signature")),
                  f"{rng.choice(('Printed', 'Print date:', 'Generated'))} {fmt(day(rng, 2015, 2026), rng)}"]
    rng.shuffle(lines)
    return ("malpractice_insurance" if filled else "other"), ["\n".join(lines)]


def _liability_values(rng: random.Random) -> list[str]:
    """What an agency types into the certificate: parties, policies, dates and limits."""
    values = [fmt(day(rng, 2005, 2026), rng), rng.choice(data.AGENCIES).format(state="Ohio", region="Midwest"),
              person(rng), phone(rng), street(rng), place(rng), person(rng).upper(),
              f"{person(rng).split()[-1]} {rng.choice(('Medical Group', 'Electric Inc', 'Flooring LLC', 'Family Practice PC', 'Trucking LLC', 'Video Productions'))}",
              street(rng), place(rng), f"{rng.choice(('Memorial Hospital', 'Construction Inc', 'Property Management', 'City of Springfield'))}",
              street(rng), place(rng), rng.choice(("Certificate holder is additional insured as respects general liability.",
                                                   "Coverage applies to professional services.", "Job site: various locations.")),
              person(rng)]
    for letter in "ABCD"[:rng.randrange(1, 5)]:
        values += [f"INSURER {letter} : {rng.choice(data.MALPRACTICE_CARRIERS + data.OTHER_CARRIERS)}", f"{rng.randrange(10000, 99999)}"]
    for _ in range(rng.randrange(1, 5)):
        eff = day(rng, 2005, 2026)
        values += [f"{rng.choice('ABCD')} {rng.choice(('X', 'Y', 'N', ''))} {rng.choice(('GL', 'BA', 'WC', 'PL', 'MP', ''))}{rng.randrange(10**6, 10**9)}",
                   fmt(eff, rng), fmt(eff.replace(year=eff.year + 1), rng)] + [_money(rng) for _ in range(rng.randrange(1, 5))]
    return values


def property_certificate(rng: random.Random) -> list[str]:
    """An ACORD 24 style certificate of property insurance or evidence of property insurance."""
    eff = day(rng, 2005, 2026)
    lines = [rng.choice(("CERTIFICATE OF PROPERTY INSURANCE", "EVIDENCE OF PROPERTY INSURANCE", "EVIDENCE OF COMMERCIAL PROPERTY INSURANCE")),
             CERT_HEADER, "PRODUCER", rng.choice(data.AGENCIES).format(state="Texas", region="South"), phone(rng),
             "INSURED", f"{person(rng)} {rng.choice(('HOA', 'Properties LLC', 'Apartments', 'Condominium Association'))}",
             street(rng), place(rng), f"INSURER A : {rng.choice(data.OTHER_CARRIERS)}",
             "LOCATION OF PREMISES / DESCRIPTION OF PROPERTY", f"{street(rng)} - {rng.randrange(2, 60)} residential units",
             "PERILS INSURED BASIC BROAD SPECIAL EARTHQUAKE FLOOD", "COVERED PROPERTY", "BUILDING", _money(rng),
             "BUSINESS PERSONAL PROPERTY", _money(rng), "BUSINESS INCOME", "RENTAL VALUE", "BLANKET BUILDING",
             "DEDUCTIBLES", _money(rng), "WIND / HAIL", "BOILER & MACHINERY / EQUIPMENT BREAKDOWN",
             f"POLICY NUMBER {rng.randrange(10**7, 10**9)}", f"EFFECTIVE DATE {fmt(eff, rng)}",
             f"EXPIRATION DATE {fmt(eff.replace(year=eff.year + 1), rng)}", "SPECIAL CONDITIONS / OTHER COVERAGES",
             rng.choice(("MORTGAGEE", "LOSS PAYEE", "ADDITIONAL INSURED")), "CERTIFICATE HOLDER", "CANCELLATION"]
    return _two_pages(lines, rng, list(REMARKS_SCHEDULE) + [f"Building {rng.randrange(1, 20)} replacement cost {_money(rng)}"])


def auto_declarations(rng: random.Random) -> list[str]:
    """A personal or commercial auto policy declarations page."""
    eff = day(rng, 2005, 2026)
    lines = [rng.choice(("Auto Policy Declarations", "DECLARATIONS PAGE", "Your Auto Insurance Declarations",
                         "Commercial Auto Policy Declarations")), f"Policy number: {rng.randrange(10**8, 10**10)}",
             f"Policy period: {fmt(eff, rng)} - {fmt(eff.replace(year=eff.year if rng.random() < .5 else eff.year + 1), rng)}",
             f"Named insured: {person(rng)}", street(rng), place(rng),
             f"Vehicle: {rng.randrange(2005, 2026)} {rng.choice(('TOYOTA CAMRY', 'HONDA CIVIC', 'FORD F-150', 'CHEVROLET EQUINOX'))}",
             f"VIN: {rng.randrange(10**16, 10**17)}", "Drivers", person(rng), "Coverage Limits Deductible Premium",
             f"Bodily Injury Liability {_money(rng)} each person / {_money(rng)} each accident", f"${rng.randrange(50, 900)}",
             f"Property Damage Liability {_money(rng)} each accident", "Uninsured/Underinsured Motorist Bodily Injury",
             "Medical Payments", "Comprehensive", f"${rng.choice((250, 500, 1000))} deductible", "Collision",
             "Rental Reimbursement", "Roadside Assistance", f"Total 6-month policy premium ${rng.randrange(300, 3000)}.00",
             "Discounts applied: multi-car, safe driver, paperless", "Lienholder", "Garaging address"]
    return _two_pages(lines, rng, ["Forms and endorsements", "Policy contract form", "Amendatory endorsement",
                                   "Payment schedule", "Due date Amount due", "Customer service 24 hours a day"])


ENDORSEMENTS = ("ADDITIONAL INSURED - OWNERS, LESSEES OR CONTRACTORS - SCHEDULED PERSON OR ORGANIZATION",
                "BLANKET ADDITIONAL INSURED", "WAIVER OF TRANSFER OF RIGHTS OF RECOVERY AGAINST OTHERS TO US",
                "PRIMARY AND NONCONTRIBUTORY - OTHER INSURANCE CONDITION", "WAIVER OF SUBROGATION ENDORSEMENT",
                "COMMERCIAL GENERAL LIABILITY EXTENSION", "DESIGNATED CONSTRUCTION PROJECT(S) GENERAL AGGREGATE LIMIT",
                "NOTICE OF CANCELLATION TO THIRD PARTIES", "ADDITIONAL INSURED ENDORSEMENT", "EXCLUSION - DESIGNATED WORK",
                "AMENDMENT OF INSURED CONTRACT DEFINITION", "LIMITATION OF COVERAGE TO DESIGNATED PREMISES")
PARTS = ("COMMERCIAL GENERAL LIABILITY COVERAGE PART", "BUSINESS AUTO COVERAGE FORM", "WORKERS COMPENSATION AND EMPLOYERS LIABILITY POLICY",
         "PRODUCTS/COMPLETED OPERATIONS LIABILITY COVERAGE PART", "COMMERCIAL UMBRELLA LIABILITY POLICY", "Commercial Auto Policy")
ENDORSEMENT_PROSE = ("Section II - Who Is An Insured is amended to include as an additional insured the person(s) or organization(s) shown in the Schedule.",
                     "We waive any right of recovery we may have against the person or organization shown in the Schedule.",
                     "This insurance is primary to and will not seek contribution from any other insurance available to an additional insured.",
                     "The insurance afforded to such additional insured only applies to the extent permitted by law.",
                     "All other terms and conditions of this policy remain unchanged.",
                     "With respect to the insurance afforded to these additional insureds, the following additional exclusions apply:",
                     "\"Bodily injury\" or \"property damage\" occurring after all work on the project has been completed.",
                     "If we cancel this policy for any reason other than nonpayment of premium, we will mail notice 30 days before the effective date.",
                     "The limits of insurance shown in the Declarations apply separately to each designated construction project.")


def endorsement(rng: random.Random) -> list[str]:
    """A policy endorsement form of one to three pages, as attached behind a certificate:
    an ISO-style form, or a carrier's own with the policy's header values filled in."""
    if rng.random() < 0.4:
        return [_carrier_endorsement(rng)]
    form = f"{rng.choice(('CG', 'CA', 'WC', 'IL', 'CU'))} {rng.randrange(10, 99)} {rng.randrange(10, 99)} {rng.randrange(1, 12):02d} {rng.randrange(0, 24):02d}"
    title = rng.choice(ENDORSEMENTS)
    pages, total = [], rng.choice((1, 1, 2, 3))
    for n in range(1, total + 1):
        lines = [rng.choice(("COMMERCIAL GENERAL LIABILITY", "POLICY NUMBER:", "COMMERCIAL AUTO", ""))] + \
                ([form, "THIS ENDORSEMENT CHANGES THE POLICY. PLEASE READ IT CAREFULLY.", title,
                  "This endorsement modifies insurance provided under the following:", rng.choice(PARTS),
                  "SCHEDULE", "Name Of Additional Insured Person(s) Or Organization(s):",
                  rng.choice(("Any person or organization whom you have agreed in a written contract to add",
                              f"{person(rng)} {rng.choice(('Construction Inc', 'Properties LLC'))}", ""))] if n == 1 else [])
        lines += rng.sample(ENDORSEMENT_PROSE, rng.randrange(3, len(ENDORSEMENT_PROSE)))
        lines.append(f"{form} {rng.choice(('© Insurance Services Office, Inc.', 'Includes copyrighted material of ISO Properties, Inc.'))} "
                     f"Page {n} of {total}")
        pages.append("\n".join(lines))
    return pages


def _carrier_endorsement(rng: random.Random) -> str:
    eff = day(rng, 2005, 2026)
    lines = [rng.choice(data.OTHER_CARRIERS).upper(), f"Policy number: {rng.randrange(10**7, 10**9)}",
             f"Underwritten by: {rng.choice(data.OTHER_CARRIERS + data.MALPRACTICE_CARRIERS)}",
             f"Insured: {person(rng)} {rng.choice(('LLC', 'Inc', ''))}", street(rng), place(rng),
             f"Policy Period: {fmt(eff, rng)} - {fmt(eff.replace(year=eff.year + 1), rng)}", "Mailing Address",
             f"For customer service call {phone(rng)}", rng.choice(ENDORSEMENTS).title(),
             "This endorsement modifies insurance provided under the following:", rng.choice(PARTS),
             rng.choice(ENDORSEMENT_PROSE), "Name of Person or Organization:", person(rng),
             f"Endorsement Effective: {fmt(day(rng, eff.year, eff.year + 1), rng)}",
             "All other terms, limits and provisions of this policy remain unchanged.",
             f"Form {rng.randrange(1000, 9999)} ({rng.randrange(1, 12):02d}/{rng.randrange(0, 24):02d})"]
    return "\n".join(line for line in lines if rng.random() < 0.9)


def _two_pages(lines: list[str], rng: random.Random, extra: list[str]) -> list[str]:
    if rng.random() < 0.5:
        return ["\n".join(lines)]
    return ["\n".join(lines), "\n".join(rng.sample(extra, len(extra)))]
