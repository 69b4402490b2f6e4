"""Credential extractors on hand-built pages in layouts and wordings the generator does
not have (other issuers, other label words, prose instead of tables, OCR noise)."""

from __future__ import annotations

from credintake.extractor.fields import extract
from credintake.extractor.layout import Page
from handmade_pages import page as _page


def page(rows: list[tuple[float, float, str]], *, size: float = 10.0, conf: float = 1.0, number: int = 1) -> Page:
    return _page(rows, size=size, conf=conf, number=number, file="scan.pdf")


def values(doc_type: str, *pages: Page) -> dict:
    return {k: v.value for k, v in extract(doc_type, list(pages)).fields.items()}


def test_state_license_colon_list_from_another_board() -> None:
    p = page([
        (72, 40, "Printed 11/20/2026 https://verify.example.gov/lookup"),
        (72, 70, "NORTH CAROLINA BOARD OF NURSING"),
        (72, 100, "Licensee Name: Maria de la Cruz, APRN"),
        (72, 116, "Type of License: Advanced Practice Registered Nurse"),
        (72, 132, "Lic. No.: 5012 3344"),
        (72, 148, "Current Status: Active - Clear"),
        (72, 164, "Date of Original Licensure: 06/15/2009"),
        (72, 180, "Exp Date: 10/31/2027"),
        (72, 196, "Discipline: None"),
    ])
    assert values("state_license", p) == {
        "holder_name": "Maria de la Cruz, APRN", "profession": "Advanced Practice Registered Nurse",
        "license_number": "50123344", "status": "Active - Clear", "issue_date": "2009-06-15",
        "expiration_date": "2027-10-31", "issuing_state": "NC"}


def test_state_license_ocr_noise() -> None:
    p = page([
        (60, 50, "STATE OF OHIO"),
        (60, 66, "State Medical Board of Ohio"),
        (60, 100, "ROBERT K NGUYEN, DO"),
        (60, 114, "Osteopathic Physician"),
        (60, 140, "Licence N0. 34.01234S"),
        (60, 156, "Explres: O3/3l/2O28"),
    ], conf=0.72)
    got = extract("state_license", [p]).fields
    assert got["holder_name"].value == "ROBERT K NGUYEN, DO"
    assert got["expiration_date"].value == "2028-03-31"
    assert got["issuing_state"].value == "OH"
    assert got["profession"].value == "Osteopathic Physician"
    assert got["expiration_date"].confidence < 0.8  # fuzzy label and OCR words


def test_dea_roman_schedules_and_address_state() -> None:
    p = page([
        (72, 40, "U.S. Department of Justice, Drug Enforcement Administration, Washington, D.C. 20537"),
        (72, 80, "Registrant: LEE, DAVID M MD"),
        (72, 96, "DEA # BL1234563"),
        (72, 112, "Controlled Substance Schedules: II, IIN, III, IIIN, IV, V"),
        (72, 128, "Registration Expires: 08/31/2027"),
        (72, 144, "Date of Issue: 09/01/2024"),
        (72, 170, "1200 Elm Street"),
        (72, 184, "Columbus, OH 43215"),
    ])
    assert values("dea_registration", p) == {
        "registrant_name": "LEE, DAVID M MD", "dea_number": "BL1234563", "schedules": "2,2N,3,3N,4,5",
        "expiration_date": "2027-08-31", "issue_date": "2024-09-01", "state": "OH"}


def test_board_certification_online_record_and_lifetime() -> None:
    p = page([
        (72, 50, "American Board of Internal Medicine"),
        (72, 70, "Physician Certification Status"),
        (72, 100, "Diplomate: Ahmed R. Khan, MD"),
        (72, 116, "Certified In: Cardiovascular Disease"),
        (72, 132, "Initial Certification: 07/01/2012"),
        (72, 148, "Valid Through: Lifetime"),
        (72, 164, "Report generated 11/21/2026"),
    ])
    got = values("board_certification", p)
    assert got == {"board": "American Board of Internal Medicine", "holder_name": "Ahmed R. Khan, MD",
                   "specialty": "Cardiovascular Disease", "issue_date": "2012-07-01"}


def test_malpractice_acord_with_a_distracting_general_liability_row() -> None:
    rows = [
        (36, 20, "ACORD"), (190, 20, "CERTIFICATE OF LIABILITY INSURANCE"), (480, 20, "DATE (MM/DD/YYYY)"),
        (480, 32, "11/01/2026"),
        (40, 60, "PRODUCER"), (40, 72, "Acme Brokers LLC"),
        (310, 60, "INSURERS AFFORDING COVERAGE"),
        (310, 72, "INSURER A : Big General Casualty Co"),
        (310, 84, "INSURER B : Physicians Mutual Reciprocal Exchange"),
        (40, 110, "INSURED"), (40, 122, "Grace T Park, MD"), (40, 134, "Park Pediatrics PLLC"),
        (40, 146, "22 Oak Ave, Boise, ID 83702"),
        (40, 180, "INSR LTR TYPE OF INSURANCE"), (200, 180, "POLICY NUMBER"), (300, 180, "POLICY EFF"),
        (370, 180, "POLICY EXP"), (440, 180, "LIMITS"),
        (40, 200, "A COMMERCIAL GENERAL LIABILITY"), (200, 200, "GL 555 0001"), (300, 200, "01/01/2026"),
        (370, 200, "01/01/2027"), (440, 200, "EACH OCCURRENCE"), (540, 200, "$ 2,000,000"),
        (440, 214, "GENERAL AGGREGATE"), (540, 214, "$ 4,000,000"),
        (40, 240, "B MEDICAL PROF LIAB"), (200, 240, "MPL 7788 99"), (300, 240, "03/15/2026"),
        (370, 240, "03/15/2027"), (440, 240, "EACH CLAIM"), (540, 240, "$ 1,000,000"),
        (440, 254, "AGGREGATE"), (540, 254, "$ 3,000,000"),
        (40, 300, "CERTIFICATE HOLDER"), (40, 312, "St. Luke's Hospital, Medical Staff Office"),
    ]
    assert values("malpractice_insurance", page(rows, size=7)) == {
        "insured_name": "Grace T Park, MD", "carrier": "Physicians Mutual Reciprocal Exchange",
        "policy_number": "MPL778899", "effective_date": "2026-03-15", "expiration_date": "2027-03-15",
        "per_claim_limit": 1000000, "aggregate_limit": 3000000}


def test_malpractice_declarations_with_slash_limits() -> None:
    p = page([
        (200, 40, "Coverys Specialty Insurance Company"),
        (72, 80, "Named Insured: Paul Q. Adams, DO"),
        (72, 96, "Policy No. MPL-2026-0042"),
        (72, 112, "Policy Period: 02/01/2026 to 02/01/2027"),
        (72, 128, "Limits of Liability: $1,000,000 / $3,000,000"),
        (72, 144, "Annual Premium: $12,400"),
    ])
    assert values("malpractice_insurance", p) == {
        "carrier": "Coverys Specialty Insurance Company", "insured_name": "Paul Q. Adams, DO",
        "policy_number": "MPL-2026-0042", "effective_date": "2026-02-01", "expiration_date": "2027-02-01",
        "per_claim_limit": 1000000, "aggregate_limit": 3000000}


def test_malpractice_letter_whose_sentence_wraps_inside_the_carrier_name() -> None:
    p = page([
        (150, 40, "Midwest Physicians Mutual Insurance Company"),
        (150, 56, "Policyholder Services"),
        (72, 100, "This letter confirms that Nora J. Whitfield, MD is insured under Midwest Physicians Mutual Insurance"),
        (72, 114, "Company's professional liability policy number PL 5521 0093."),
    ])
    assert values("malpractice_insurance", p)["carrier"] == "Midwest Physicians Mutual Insurance Company"


def test_diploma_in_words_with_signatures() -> None:
    p = page([
        (150, 80, "The Regents of the University of Kansas"),
        (150, 110, "on the recommendation of the Faculty of the School of Medicine have conferred upon"),
        (200, 140, "JOHN PAUL SMITH"),
        (220, 170, "the degree of"),
        (190, 190, "Doctor of Osteopathic Medicine"),
        (120, 230, "Given this fifteenth day of May, two thousand twelve."),
        (70, 400, "Helen M. Ortiz"), (360, 400, "Frank Li"),
        (70, 412, "Chancellor"), (360, 412, "Dean, School of Medicine"),
    ])
    assert values("diploma", p) == {
        "holder_name": "JOHN PAUL SMITH", "institution": "University of Kansas",
        "degree": "Doctor of Osteopathic Medicine", "completion_date": "2012-05-15"}


def test_training_fellowship_prose_with_program_director() -> None:
    p = page([
        (150, 80, "St. Mary's Medical Center"),
        (150, 120, "This certifies that"),
        (150, 140, "Priya Raman, MD"),
        (60, 170, "has completed a Fellowship in Cardiovascular Disease at this institution"),
        (60, 186, "from July 1, 2019 through June 30, 2022."),
        (70, 400, "Thomas Reed, MD"), (70, 412, "Program Director"),
    ])
    assert values("training_certificate", p) == {
        "holder_name": "Priya Raman, MD", "institution": "St. Mary's Medical Center",
        "program": "Cardiovascular Disease", "training_type": "fellowship", "start_date": "2019-07-01",
        "end_date": "2022-06-30"}


def test_life_support_card_in_words_with_month_precision() -> None:
    p = page([
        (40, 40, "Pediatric Advanced Life Support"),
        (40, 60, "PALS Provider"),
        (40, 90, "Name: Olivia Chen, RN"),
        (40, 106, "Issued: 3/2025"),
        (200, 106, "Expires: 3/2027"),
        (40, 130, "Instructor: Mark Davis"),
    ])
    assert values("life_support_card", p) == {
        "course": "PALS", "holder_name": "Olivia Chen, RN", "issue_date": "2025-03", "expiration_date": "2027-03"}


def test_cme_claimed_not_maximum() -> None:
    p = page([
        (72, 40, "Society of Hospital Medicine"),
        (72, 70, "Attendee Name: Samuel Ortiz, MD"),
        (72, 86, "Title: Hospital Medicine 2026 Annual Meeting"),
        (72, 102, "Dates Attended: April 12, 2026"),
        (72, 118, "This activity is designated for a maximum of 24.5 AMA PRA Category 1 Credits."),
        (72, 134, "Credits Claimed: 18.25"),
    ])
    assert values("cme_certificate", p) == {
        "holder_name": "Samuel Ortiz, MD", "activity_title": "Hospital Medicine 2026 Annual Meeting",
        "completion_date": "2026-04-12", "credits": 18.25}


def test_empty_and_unreadable_pages_give_no_fields() -> None:
    blank = Page(file="x.pdf", number=1, width=612, height=792, error="the page is damaged")
    for doc_type in ("state_license", "dea_registration", "board_certification", "malpractice_insurance",
                     "diploma", "training_certificate", "life_support_card", "cme_certificate"):
        assert extract(doc_type, [blank]).fields == {}
        assert extract(doc_type, []).fields == {}
