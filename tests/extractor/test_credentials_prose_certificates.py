"""Certificates that print their facts in prose and type size, not in labelled cells:
e-certificates with the holder's name alone in large type, certificates of participation,
CE badges, college and nursing diplomas, certificates of completion dated over a caption."""

from __future__ import annotations

import re

from credintake.extractor.fields import extract
from credintake.extractor.fields.common import org_phrase
from credintake.extractor.layout import Page, build_lines
from handmade_pages import page


def sized(*blocks: tuple[float, list[tuple[float, float, str]]], conf: float = 1.0) -> Page:
    """A page whose rows come in several type sizes: (size, rows) blocks."""
    words = [w for size, rows in blocks for w in page(rows, size=size, conf=conf).words]
    return Page(file="cert.png", number=1, width=612, height=792, words=words, lines=build_lines(words),
                ocr=conf < 1.0)


def fields(doc_type: str, p: Page) -> dict:
    return extract(doc_type, [p]).fields


def values(doc_type: str, p: Page) -> dict:
    return {k: v.value for k, v in fields(doc_type, p).items()}


def test_e_certificate_name_in_large_type_and_expiry_before_issue() -> None:
    p = sized((18, [(200, 60, "Lina Okafor"), (200, 110, "Basic Life Support (HCP)"),
                    (200, 200, "Expiry Date: 2026-03-02")]),
              (13, [(200, 90, "Is certified in"), (200, 170, "Certificate number 99887766"),
                    (200, 230, "Issue Date:"), (330, 230, "2025-03-02"), (200, 250, "Issued in: ON")]),
              (10, [(200, 300, "To validate a certificate visit the provider's website and enter the number.")]))
    assert values("life_support_card", p) == {"holder_name": "Lina Okafor", "course": "BLS",
                                              "issue_date": "2025-03-02", "expiration_date": "2026-03-02"}


def test_first_aid_card_has_no_contract_course() -> None:
    p = sized((18, [(200, 60, "Lina Okafor"), (200, 110, "First Aid & CPR/AED Level C")]),
              (13, [(200, 90, "Is certified in Standard"), (200, 200, "Expiry Date: 2027-01-09"),
                    (200, 220, "Issue Date: 2024-01-09")]))
    got = values("life_support_card", p)
    assert "course" not in got
    assert got["holder_name"] == "Lina Okafor"
    assert got["expiration_date"] == "2027-01-09"


def test_date_and_renew_row_of_a_cpr_certificate() -> None:
    p = sized((20, [(200, 60, "CERTIFICATE OF COMPLETION"), (220, 200, "PAULO REYES MARTIN")]),
              (16, [(150, 100, "Basic Life Support - BLS")]),
              (11, [(180, 180, "THIS CERTIFICATE IS PROUDLY PRESENTED TO:"),
                    (60, 300, "Date: Mar 4, 2025"), (220, 300, "Renew: Mar 4, 2027"),
                    (380, 300, "ID#: 7AB1234 Instructor: Dana Whitfield")]))
    got = values("life_support_card", p)
    assert got["holder_name"] == "PAULO REYES MARTIN"
    assert got["issue_date"] == "2025-03-04"
    assert got["expiration_date"] == "2027-03-04"


def test_certificate_of_participation_holder_title_and_hours() -> None:
    p = sized((34, [(150, 60, "CERTIFICATE")]),
              (28, [(180, 150, "Tomas Lindqvist (440912)")]),
              (15, [(140, 230, "Safe Mobility for Older Adults in Hospital Care:"),
                    (160, 250, "Preventing Falls and Functional Decline")]),
              (7, [(260, 210, "for the successful completion of"),
                   (220, 275, "held as a 6.5 hours Mobility Basics Education Session"),
                   (140, 340, "October 3, 2024"), (200, 360, "Date")]),
              (9, [(260, 310, "Marta Kowalczyk, Lee Brandt"), (450, 330, "Certified Coach Name")]))
    got = values("cme_certificate", p)
    assert got["holder_name"] == "Tomas Lindqvist"
    assert got["activity_title"] == ("Safe Mobility for Older Adults in Hospital Care: "
                                     "Preventing Falls and Functional Decline")
    assert got["credits"] == 6.5
    assert got["completion_date"] == "2024-10-03"


def test_ce_badge_title_is_the_headline_and_no_holder() -> None:
    p = sized((34, [(30, 40, "Wound Care Essentials B Pressure"), (30, 80, "Injury Prevention Online Module")]),
              (12, [(250, 450, "Issued on 9 Apr 2025 by"), (250, 560, "Northern Care Learning Network")]))
    got = values("cme_certificate", p)
    assert got["activity_title"] == "Wound Care Essentials B Pressure Injury Prevention Online Module"
    assert got["completion_date"] == "2025-04-09"
    assert "holder_name" not in got


def test_designated_credits_only_are_a_low_confidence_guess() -> None:
    p = sized((10, [(200, 100, "This is to certify that"), (220, 120, "Ravi Chandran"), (220, 140, "attended the"),
                    (90, 170, "Managing Chronic Pain in Primary Care: A Practical Update"),
                    (220, 190, "May 14, 2025"),
                    (60, 240, "This one-credit-per-hour Group Learning program has been certified"),
                    (60, 255, "for up to 5.0 Mainpro+ credits.")]))
    got = fields("cme_certificate", p)
    assert got["credits"].value == 5.0
    assert got["credits"].confidence < 0.5
    assert got["activity_title"].value == "Managing Chronic Pain in Primary Care: A Practical Update"


def test_college_diploma_award_noun_and_logo_lockup() -> None:
    p = sized((28, [(120, 50, "NORTHGATE")]),
              (11, [(210, 82, "COLLEGE"), (160, 290, "by virtue of authority vested in its"),
                    (120, 308, "Board of Governors by the Government of the Province"), (200, 326, "has awarded this"),
                    (180, 346, "Provincial College Diploma"), (240, 368, "to"), (200, 392, "DANIELA FERREIRA"),
                    (120, 424, "in recognition of having completed the prescribed"), (190, 448, "Program of Study in"),
                    (180, 470, "MEDICAL LABORATORY SCIENCE")]),
              (6, [(66, 600, "THE SEAL OF THE COLLEGE"), (84, 620, "June 20th, 2024")]))
    got = values("diploma", p)
    assert got["degree"] == "Provincial College Diploma"
    assert got["institution"] == "NORTHGATE COLLEGE"
    assert got["holder_name"] == "DANIELA FERREIRA"
    assert got["completion_date"] == "2024-06-20"


def test_nursing_diploma_in_and_the_parent_is_not_the_holder() -> None:
    p = sized((8, [(130, 260, "DIPLOMA IN PSYCHIATRIC NURSING"), (180, 300, "HAMID NAWAZ QURESHI"),
                   (70, 340, "has passed the FINAL NURSING EXAMINATION of the Nursing Examination"),
                   (70, 356, "Board (Sindh) held in the Annual Session"),
                   (200, 440, "PROVINCIAL NURSING EXAMINATION BOARD (SINDH)")]),
              (7, [(70, 300, "Daughter/wife of"), (70, 280, "This is to certify that Z")]))
    got = values("diploma", p)
    assert got["degree"] == "DIPLOMA IN PSYCHIATRIC NURSING"
    assert got.get("holder_name") != "HAMID NAWAZ QURESHI"
    assert got["institution"] == "PROVINCIAL NURSING EXAMINATION BOARD (SINDH)"


def test_completion_certificate_program_host_and_captioned_date() -> None:
    p = sized((22, [(230, 110, "Certificate of Completion"), (300, 220, "Amara Osei")]),
              (16, [(240, 170, "This certificate is awarded to"),
                    (130, 280, "for successfully completing the Rural Primary Care Internship in"),
                    (140, 300, "Community Health Practice with the Northern Institute for"),
                    (140, 320, "Rural Health and Wellbeing at Lakeview."), (130, 430, "Sep 30, 2025")]),
              (10, [(190, 455, "DATE"), (560, 455, "Jordan Pike PhD, Director")]))
    got = values("training_certificate", p)
    assert got["holder_name"] == "Amara Osei"
    assert got["program"] == "Rural Primary Care Internship in Community Health Practice"
    assert got["institution"] == "Northern Institute for Rural Health and Wellbeing at Lakeview"
    assert got["training_type"] == "internship"
    assert got["end_date"] == "2025-09-30"


def test_allied_certification_named_in_prose() -> None:
    p = sized((22, [(320, 270, "Keisha Morgan Bell")]),
              (18, [(210, 298, "has successfully completed the requirements set forth"),
                    (200, 318, "by the board as a Certified Clinical Medical Assistant")]),
              (13, [(570, 480, "Eff. Date 04/11/2024"), (570, 496, "Exp. Date 04/11/2026"),
                    (350, 510, "Certification #Q1W2E3R4")]))
    got = values("board_certification", p)
    assert got["holder_name"] == "Keisha Morgan Bell"
    assert got["specialty"] == "Certified Clinical Medical Assistant"
    assert got["issue_date"] == "2024-04-11"
    assert got["expiration_date"] == "2026-04-11"


def test_organisation_phrase_keeps_one_case_style() -> None:
    key = re.compile(r"Board|BOARD")
    got = org_phrase("passed the FINAL NURSING EXAMINATION of the Nursing Examination Board (Punjab) held", key)
    assert got is not None and got[0] == "Nursing Examination Board (Punjab)"
    company = org_phrase("issued by MLMIC Insurance Company to", re.compile(r"Company"))
    assert company is not None and company[0] == "MLMIC Insurance Company"


def test_wallet_card_with_lost_captions_pairs_its_two_dates() -> None:
    p = sized((12, [(60, 40, "Pediatric Advanced Life Support"), (60, 70, "Noor Haddad"),
                    (60, 100, "~:: 06/2025"), (260, 100, "~&ll 06/2027")]), conf=0.6)
    got = fields("life_support_card", p)
    assert got["course"].value == "PALS"
    assert got["issue_date"].value == "2025-06" and got["expiration_date"].value == "2027-06"
    assert got["issue_date"].confidence < 0.6


def test_board_from_the_heading_not_the_browser_title() -> None:
    p = sized((8, [(30, 15, "3/2/26, 9:12 AM"), (173, 15, "Verify a Physician American Board of Dermatology")]),
              (12, [(52, 60, "American Board of Dermatology"), (52, 114, "Helen R Okoye, MD")]),
              (8, [(51, 162, "Certification"), (231, 162, "Certified Through"), (51, 183, "Dermatology"),
                   (231, 183, "12/31/2031")]))
    assert values("board_certification", p)["board"] == "American Board of Dermatology"


def test_title_wrapped_before_a_connector_is_read_whole() -> None:
    p = sized((18, [(200, 100, "Priya Natarajan, BSN, RN")]),
              (11, [(200, 130, "has completed the online course"),
                    (150, 150, "Sepsis Recognition and Early Management"), (170, 164, "in the Emergency Department"),
                    (220, 200, "Completion Date: 04/02/2025"), (220, 220, "CE Hours: 1.5")]))
    got = values("cme_certificate", p)
    assert got["activity_title"] == "Sepsis Recognition and Early Management in the Emergency Department"
    assert got["credits"] == 1.5


def test_registry_wall_certificate_prose_date_and_signature_titles() -> None:
    """A registry's wall certificate: the credential on its own line under "as an", the date in
    words after "affixed this", "Chair of the Board" under a signature, a service mark."""
    p = sized((22, [(200, 90, "Dana R. Whitfield")]),
              (12, [(250, 60, "Hereby Certifies"), (280, 120, "as an"),
                    (200, 140, "Emergency Medical Technician"),
                    (60, 170, "duly registered together with all the rights and privileges appertaining thereto"),
                    (60, 200, "In Testimony Whereof, the seal of the National Registry of Emergency Medical"),
                    (60, 215, "Technicians and signatures as authorized by the Board of Directors are hereunto affixed this"),
                    (200, 230, "Eleventh day of September, 2019 A.D."),
                    (100, 300, "Chair of the Board"), (400, 300, "Executive Director"),
                    (150, 330, "National Registry of Emergency Medical Technicians SM")]))
    got = values("board_certification", p)
    assert got["board"] == "National Registry of Emergency Medical Technicians"
    assert got["specialty"] == "Emergency Medical Technician"
    assert got["issue_date"] == "2019-09-11"
    assert got["holder_name"] == "Dana R. Whitfield"


def test_service_and_trade_marks_are_not_part_of_an_organisation() -> None:
    key = re.compile(r"Registry|Board")
    assert org_phrase("National Registry of Emergency Medical Technicians SM", key)[0] == \
        "National Registry of Emergency Medical Technicians"
    assert org_phrase("American Board of Surgery (TM) certifies", key)[0] == "American Board of Surgery"


def test_copyright_year_beside_the_caption_row_is_not_the_renewal_date() -> None:
    """An eCard prints its dates above the "Issued / Recommended Renewal" captions and its
    copyright line level with them, to the right; a fax misreads one caption. That bare year
    is not the renewal date of a card whose issue date has a month: the date is looked for
    above the caption, or left absent, never kept."""
    p = sized((12, [(60, 60, "American Heart Association"), (60, 80, "BLS Provider"), (60, 100, "Kelly Mitchell"),
                    (60, 120, "has successfully completed the cognitive and skills evaluations"),
                    (60, 160, "03/2026"), (200, 160, "03/2028"),
                    (60, 175, "Issued"), (200, 175, "Recommendad Renewal"),
                    (311, 175, "2026 American Heart Association. All rights reserved.")]), conf=0.8)
    got = values("life_support_card", p)
    assert got["issue_date"] == "2026-03"
    assert got.get("expiration_date") in (None, "2028-03")
