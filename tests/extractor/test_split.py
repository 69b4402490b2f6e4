"""Splitting one file's pages into documents, on generated documents read by the real reader."""

from __future__ import annotations

import random

import pytest

from credintake.extractor.layout import Page
from credintake.extractor.read import read_file
from credintake.extractor.split import is_fax_cover, split_files, starts_anew
from credintake.models.training_texts.insurance import liability_certificate
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings

from handmade_pages import page

TEMPLATES = ["other/fax_cover", "other/attestation_form", "cv/single_column",
             "state_license/wall_certificate", "state_license/wall_certificate",
             "malpractice_insurance/acord25"]


def _pages(template: str, seed: int) -> list[Page]:
    rng = random.Random(seed)
    doc_type = template.split("/")[0]
    doc = render_document(doc_type, template, make_persona(rng, profession="MD"), rng)
    return read_file(f"{doc_type}.pdf", doc.pdf, Settings()).pages


@pytest.fixture(scope="module")
def documents() -> list[list[Page]]:
    return [_pages(t, 30 + i) for i, t in enumerate(TEMPLATES)]


def test_one_faxed_file_splits_into_its_documents(documents: list[list[Page]]) -> None:
    one_file = [p for doc in documents for p in doc]
    segments = split_files([one_file], Settings().classifier)[0]
    assert [len(s.pages) for s in segments] == [len(d) for d in documents]
    assert [s.doc_type for s in segments] == [t.split("/")[0] for t in TEMPLATES]


def test_only_the_cover_sheet_is_a_fax_cover(documents: list[list[Page]]) -> None:
    assert [is_fax_cover(doc[0]) for doc in documents] == [True] + [False] * (len(documents) - 1)


def _typed(text: str, number: int) -> Page:
    """A page holding ``text`` one line per row, as a text PDF reads."""
    return page([(72, 72 + 14 * i, line) for i, line in enumerate(text.split("\n")) if line.strip()],
                number=number)


ENDORSEMENT = ("COMMERCIAL GENERAL LIABILITY\n{form}\nTHIS ENDORSEMENT CHANGES THE POLICY. PLEASE READ IT CAREFULLY.\n"
               "{title}\nThis endorsement modifies insurance provided under the following:\n"
               "COMMERCIAL GENERAL LIABILITY COVERAGE PART\nSCHEDULE\n"
               "Name Of Additional Insured Person(s) Or Organization(s):\n"
               "Any person or organization whom you have agreed in a written contract to add\n"
               "We waive any right of recovery we may have against the person or organization shown in the Schedule.\n"
               "All other terms and conditions of this policy remain unchanged.\n{form} Page {n} of {total}")


def test_endorsement_forms_behind_a_certificate_are_documents_of_their_own() -> None:
    rng = random.Random(5)
    certificate = liability_certificate(rng, filled=True)[1][0]
    texts = [certificate,
             ENDORSEMENT.format(form="CG 20 10 04 13", title="ADDITIONAL INSURED", n=1, total=2),
             ENDORSEMENT.format(form="CG 20 10 04 13", title="", n=2, total=2),
             ENDORSEMENT.format(form="CG 24 04 05 09", title="WAIVER OF TRANSFER OF RIGHTS", n=1, total=1)]
    segments = split_files([[_typed(t, i + 1) for i, t in enumerate(texts)]], Settings().classifier)[0]
    assert [[p.number for p in s.pages] for s in segments] == [[1], [2, 3], [4]]
    assert [s.doc_type for s in segments] == ["malpractice_insurance", "other", "other"]


def test_the_second_page_of_a_resume_is_not_a_new_document() -> None:
    first = ("JANE ROE\nRegistered Nurse\nSummary\nDedicated registered nurse with 8 years of experience in acute care.\n"
             "Experience\nCompany Name - Registered Nurse City , State 10/2016 to Current\n"
             "Administered medications and IV therapy to assigned patients\n"
             "Coordinated discharge planning with case management")
    second = ("Monitored telemetry and responded to rapid response calls\n"
              "Company Name - Charge Nurse City , State 05/2012 to 09/2016\n"
              "Supervised certified nursing assistants on the day shift\nEducation\n"
              "Associate Degree in Nursing , 2012 Community College City , State\nSkills\n"
              "Patient assessment Wound care EMR / Epic")
    segments = split_files([[_typed(first, 1), _typed(second, 2)]], Settings().classifier)[0]
    assert [(s.doc_type, len(s.pages)) for s in segments] == [("cv", 2)]


@pytest.mark.parametrize(("previous", "current", "new"), [
    ("terms Page 2 of 2", "ADDITIONAL INSURED Page 1 of 3", True),
    ("terms Page 8 of 8", "WAIVER OF SUBROGATION", True),
    ("endorsement\nForm 1198 (01/04)", "other endorsement\nForm 8610 (02/19)", True),
    ("CG 20 10 04 13 Page 1 of 2", "CG 20 10 04 13 Page 2 of 2", False),
    ("FAX Page 2 of 12", "FAX Page 3 of 12", False),
    ("resume page one", "resume page two", False),
])
def test_printed_page_and_form_numbers_mark_a_new_document(previous: str, current: str, new: bool) -> None:
    assert starts_anew(previous, current) is new


BACK_PAGE = ("IMPORTANT\nIf the certificate holder is an ADDITIONAL INSURED, the policy(ies) must be endorsed.\n"
             "A statement on this certificate does not confer rights to the certificate holder in lieu of such\n"
             "endorsement(s). If SUBROGATION IS WAIVED, subject to the terms and conditions of the policy,\n"
             "certain policies may require an endorsement.\nDISCLAIMER\n"
             "The Certificate of Insurance on the reverse side of this form does not constitute a contract between\n"
             "the issuing insurer(s), authorized representative or producer, and the certificate holder, nor does it\n"
             "affirmatively or negatively amend, extend or alter the coverage afforded by the policies listed thereon.\n"
             "ACORD 25-S (7/97)")
REMARKS_PAGE = ("AGENCY CUSTOMER ID: HARBO-01\nLOC #: 1\nADDITIONAL REMARKS SCHEDULE Page 1 of 1\n"
                "AGENCY Harbor Lane Insurance Agency\nNAMED INSURED Meadowbrook Home Health LLC\n"
                "POLICY NUMBER SEE PAGE 1\nCARRIER SEE PAGE 1 NAIC CODE\nEFFECTIVE DATE: SEE PAGE 1\n"
                "ADDITIONAL REMARKS\nTHIS ADDITIONAL REMARKS FORM IS A SCHEDULE TO ACORD FORM,\n"
                "FORM NUMBER: 25 FORM TITLE: CERTIFICATE OF LIABILITY INSURANCE\n"
                "Certificate holder is named as additional insured with respect to general liability\n"
                "ACORD 101 (2008/01)")


def test_back_page_and_remarks_schedule_continue_the_certificate() -> None:
    """A two-sided 25-S certificate sent with its fine-print back and an ACORD 101 schedule
    is one document; the endorsements behind it still start documents of their own."""
    certificate = liability_certificate(random.Random(8), filled=True)[1][0]
    texts = [certificate, BACK_PAGE, REMARKS_PAGE,
             ENDORSEMENT.format(form="CG 20 10 04 13", title="ADDITIONAL INSURED", n=1, total=1)]
    segments = split_files([[_typed(t, i + 1) for i, t in enumerate(texts)]], Settings().classifier)[0]
    assert [[p.number for p in s.pages] for s in segments] == [[1, 2, 3], [4]]
    assert segments[0].doc_type == "malpractice_insurance"


def test_a_second_certificate_front_is_not_a_continuation() -> None:
    from credintake.extractor.split import continues_form

    rng = random.Random(9)
    first, second = (liability_certificate(rng, filled=True)[1][0] for _ in range(2))
    assert continues_form(first, BACK_PAGE) and continues_form(BACK_PAGE, REMARKS_PAGE)
    assert not continues_form(first, second)
    assert not continues_form("JANE ROE Registered Nurse Experience", REMARKS_PAGE)


def test_form_continuations_read_through_ocr_damage() -> None:
    """A faxed back page whose key sentence OCR broke, a schedule whose heading follows the
    ACORD logo text: still recognised by enough of their captions."""
    from credintake.extractor.split import continues_form

    certificate = liability_certificate(random.Random(10), filled=True)[1][0]
    back = BACK_PAGE.replace("reverse side of this form does not constitute", "rev3rse s1de of th1s f0rm does n0t")
    schedule = "ACORD ADDITIONAL REMARKS SCHEDULE\n" + "\n".join(REMARKS_PAGE.split("\n")[3:]).replace(
        "SCHEDULE TO ACORD FORM", "SCHEDULE T0 AC0RD F0RM")
    assert continues_form(certificate, back) and continues_form(certificate, schedule)
