"""No rule fires on a value that is a form label or a placeholder, with documents.

Each page here is drawn the way a blank or sample form prints (tests/extractor's hand-made
page helper: words at positions), read by the real extractor of its type, and the values it
read go through the rules engine beside an application typed by the provider. Whatever the
reader makes of a label standing where a value should be ("Licensee Name" under "Licensee
Name", "Status" beside an empty status), or of a sample form's placeholders ("Company Name",
"City, State", "N/A", "XXXXXXX"), no rule may call it another person, another number or an
insufficient policy: only completeness (the value really is missing) may follow.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from credintake.contract import Application, Document, License, Malpractice, Provider, WorkHistory
from credintake.extractor.fields import extract
from credintake.extractor.layout import Page
from rules_factories import run

_spec = importlib.util.spec_from_file_location(
    "handmade_pages_rules", Path(__file__).parents[1] / "extractor" / "handmade_pages.py")
assert _spec is not None and _spec.loader is not None
handmade = importlib.util.module_from_spec(_spec)
sys.modules["handmade_pages_rules"] = handmade
_spec.loader.exec_module(handmade)

APP = Application(
    provider=Provider(first_name="Maria", middle_name="L", last_name="Okafor", profession="MD",
                      npi="1234567893"),
    licenses=[License(profession="MD", license_number="A123456", issuing_state="CA",
                      expiration_date="2028-06-30", status="Active")],
    malpractice_insurance=[Malpractice(carrier="Medical Protective", policy_number="MP778812",
                                       per_claim_limit=1_000_000, aggregate_limit=3_000_000,
                                       effective_date="2026-06-01", expiration_date="2027-06-01")],
    work_history=[WorkHistory(employer="Mercy Regional Hospital", title="Hospitalist", city="Fresno",
                              state="CA", start_date="2019-07", current=True)],
)
ALLOWED = {"completeness.missing_field", "completeness.missing_document"}


def _document(doc_type: str, page: Page) -> Document:
    extraction = extract(doc_type, [page])
    return Document(file=page.file, sha256="0" * 64, pages=[1], doc_type=doc_type,
                    doc_type_confidence=0.9, ocr=page.ocr, fields=extraction.fields,
                    entries=extraction.entries)


BLANK_LICENSE = [  # a licence verification form printed with its labels and no values
    (72, 60, "MEDICAL BOARD OF CALIFORNIA"), (72, 90, "License Verification"),
    (72, 130, "Licensee Name"), (72, 146, "Licensee Name"),
    (72, 170, "License Number"), (260, 170, "License No."),
    (72, 194, "Profession"), (260, 194, "Status"),
    (72, 218, "Status"), (260, 218, "Expiration Date"),
    (72, 242, "Expiration Date"), (260, 242, "MM/DD/YYYY"),
]
SAMPLE_LICENSE = [  # a sample licence with placeholder values
    (72, 60, "STATE MEDICAL BOARD"), (72, 90, "Physician and Surgeon License"),
    (72, 130, "Name:"), (160, 130, "N/A"),
    (72, 154, "License No:"), (160, 154, "XXXXXXX"),
    (72, 178, "Status:"), (160, 178, "TBD"),
    (72, 202, "Expires:"), (160, 202, "00/00/0000"),
]
SAMPLE_COI = [  # a certificate of insurance printed as a sample
    (72, 50, "CERTIFICATE OF LIABILITY INSURANCE"),
    (72, 90, "INSURED"), (72, 104, "Insured Name"), (72, 118, "Address"), (72, 132, "City, State"),
    (320, 90, "INSURER A:"), (390, 90, "Company Name"),
    (72, 170, "PROFESSIONAL LIABILITY"), (250, 170, "Policy Number"), (360, 170, "XXXXXXX"),
    (72, 194, "EACH CLAIM"), (250, 194, "$"), (72, 218, "AGGREGATE"), (250, 218, "$"),
]
SAMPLE_CV = [  # an anonymised resume: placeholders where the employer and the place were
    (72, 50, "Name"), (72, 80, "PROFESSIONAL EXPERIENCE"),
    (72, 104, "07/2019 to Current"), (72, 118, "Hospitalist"),
    (72, 132, "Company Name - City , State"),
    (72, 160, "EDUCATION"), (72, 184, "Doctor of Medicine 2016"), (72, 198, "School Name - City , State"),
]


@pytest.mark.parametrize("doc_type, rows", [
    ("state_license", BLANK_LICENSE), ("state_license", SAMPLE_LICENSE),
    ("malpractice_insurance", SAMPLE_COI), ("cv", SAMPLE_CV),
], ids=["blank-license", "sample-license", "sample-coi", "anonymised-cv"])
@pytest.mark.parametrize("conf", [1.0, 0.9], ids=["text", "ocr"])
def test_no_rule_fires_on_a_label_or_placeholder_document(doc_type: str, rows: list, conf: float) -> None:
    document = _document(doc_type, handmade.page(rows, conf=conf, file=f"{doc_type}.pdf"))
    ev = run([document], APP)
    fired = {f.rule for f in ev.findings} - ALLOWED
    assert fired <= {"extraction.low_confidence"}, (document.fields, [f.message for f in ev.findings])
    # a label or placeholder is not even a value to check on the page
    doubted = [f.evidence.get("reason") for f in ev.findings if f.rule == "extraction.low_confidence"]
    assert all("confidence" in str(r) or "label" in str(r) or "placeholder" in str(r) for r in doubted)
