"""Extraction through OCR: a generated document printed, scanned crooked (JPEG, noise) and
read back by Tesseract. Slow-ish (one OCR page each), so only the hardest layouts."""

from __future__ import annotations

import io
import random
import shutil

import pytest

from credintake.extractor.fields import extract
from credintake.extractor.fields.context import applicant
from credintake.extractor.read import read_file
from credintake.sample_docs import degrade
from credintake.sample_docs.generate import render_document, supports
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")]


def _scanned(template_id: str, seed: int) -> tuple[list, dict]:
    doc_type = template_id.split("/")[0]
    rng = random.Random(f"{template_id}:{seed}:ocr")
    persona = make_persona(rng)
    while not supports(persona, doc_type):
        persona = make_persona(rng)
    doc = render_document(doc_type, template_id, persona, rng)
    image = degrade.scanned(next(degrade.render_pages(doc.pdf, dpi=200)), rng)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    pages = read_file("scan.png", buf.getvalue(), Settings()).pages
    assert pages and pages[0].ocr
    return pages, doc.label["fields"]


def test_scanned_acord_keeps_to_the_professional_liability_row() -> None:
    pages, expected = _scanned("malpractice_insurance/acord25", 0)
    fields = extract("malpractice_insurance", pages).fields
    for name in ("policy_number", "effective_date", "expiration_date", "per_claim_limit", "aggregate_limit"):
        assert fields[name].value == expected[name], name
    assert all(f.confidence < 1.0 for f in fields.values())  # OCR words lower the confidence


def test_scanned_training_form_with_checkboxes() -> None:
    pages, expected = _scanned("training_certificate/verification_form", 0)
    got = {k: v.value for k, v in extract("training_certificate", pages).fields.items()}
    for name in ("holder_name", "training_type", "start_date", "end_date", "institution"):
        assert got.get(name) == expected[name], name


def _scanned_search_results(seed: int) -> tuple[list, dict, str]:
    """A board's search-results printout (several licensees sharing the applicant's
    surname), scanned at 150-300 dpi and up to 3 degrees crooked."""
    rng = random.Random(500 + seed)
    persona = make_persona(rng, profession="MD")
    doc = render_document("state_license", "state_license/search_results", persona, rng)
    image = degrade.scanned(next(degrade.render_pages(doc.pdf, 300)), rng)
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=image.info["dpi"])
    pages = read_file("scan.png", buf.getvalue(), Settings()).pages
    return pages, doc.label["fields"], f"{persona.first} {persona.last}"


@pytest.mark.parametrize("seed", [2, 7])
def test_scanned_search_results_keep_to_the_applicants_row(seed: int) -> None:
    """Seed 2: one header label's box stretched by a speck; seed 7: OCR reads the shaded
    "Name" header cell as junk, so the table is found by its License # label."""
    pages, expected, name = _scanned_search_results(seed)
    with applicant(name):
        got = {k: v.value for k, v in extract("state_license", pages).fields.items()}
    for field in ("holder_name", "license_number", "status", "expiration_date"):
        assert got.get(field) == expected[field], field
