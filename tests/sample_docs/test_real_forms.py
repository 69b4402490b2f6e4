"""The real-form-geometry templates: every board page family and field arrangement labels
what it prints, the ACORD 25 names the professional row's carrier by its insurer letter,
and the held-out templates include the real-geometry ones."""

from __future__ import annotations

import io
import random
import re

import pdfplumber
import pytest

from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.sample_docs.render import Doc, Rec
from credintake.sample_docs.templates import HOLDOUT_TEMPLATES
from credintake.sample_docs.templates._layout import MODES, field_block
from credintake.sample_docs.templates.state_lookup import FAMILIES


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(p.extract_text() or "" for p in doc.pages)


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.parametrize("mode", MODES)
def test_every_lookup_family_in_every_arrangement_prints_its_labelled_values(family: str, mode: str) -> None:
    rng = random.Random(f"{family}:{mode}")
    persona = make_persona(rng)
    doc, rec = Doc(), Rec()
    doc.rec = rec
    rows, y = FAMILIES[family](doc, rec, persona, persona.licenses[0], rng, 80)
    field_block(doc, rows, 40, y, doc.W - 80, rng, mode)
    assert {"holder_name", "license_number", "profession", "status", "issue_date", "expiration_date"} <= set(rec.fields)
    flat = re.sub(r"\s+", "", _text(doc.finish()))
    for name, raw in rec.raw.items():
        assert re.sub(r"\s+", "", raw) in flat, (name, raw)
        assert name in rec.boxes, name  # every value printed whole on one line


def test_acord25_2016_carrier_is_the_professional_rows_insurer() -> None:
    for seed in range(8):
        rng = random.Random(seed)
        doc = render_document("malpractice_insurance", "malpractice_insurance/acord25_2016", make_persona(rng), rng)
        text = _text(doc.pdf)
        fields = doc.label["fields"]
        letter = re.search(r"INSURER ([A-F]) : " + re.escape(fields["carrier"]), text).group(1)
        row = next(line for line in text.splitlines() if doc.label["raw"]["policy_number"] in line)
        assert row.split()[0] == letter, (row, letter)
        for caption in ("INSR", "TYPE OF INSURANCE", "POLICY NUMBER", "INSURER(S) AFFORDING COVERAGE", "NAIC #",
                        "CERTIFICATE HOLDER", "CANCELLATION", "ACORD 25 (2016/03)"):
            assert caption in text


def test_red_cross_digital_certificate_prints_no_expiry_unless_labelled() -> None:
    for seed in range(10):
        rng = random.Random(seed)
        doc = render_document("life_support_card", "life_support_card/redcross_digital", make_persona(rng), rng)
        text = _text(doc.pdf)
        assert "Valid For" in text
        assert ("expiration_date" in doc.label["fields"]) == bool(re.search(r"Expir", text))


def test_real_geometry_templates_are_the_held_out_ones() -> None:
    assert {"state_license/board_lookup", "dea_registration/registration_certificate",
            "board_certification/certification_profile", "malpractice_insurance/acord25_2016",
            "life_support_card/aha_ecard"} <= HOLDOUT_TEMPLATES
