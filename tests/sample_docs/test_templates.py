"""Every document type offers several genuinely different templates, each labelled truthfully."""

from __future__ import annotations

import io
import random
import re

import pdfplumber
import pytest

from credintake.contract import CV_ENTRY_FIELDS, DOC_TYPE_FIELDS, DOC_TYPES
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.sample_docs.templates import HOLDOUT_TEMPLATES, list_templates, template_index

ALL = [t for ids in list_templates().values() for t in ids]
DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
DATE_FIELDS = {"issue_date", "expiration_date", "effective_date", "completion_date", "start_date", "end_date"}


def test_every_doc_type_has_four_templates() -> None:
    tpl = list_templates()
    assert set(tpl) == set(DOC_TYPES)
    for dt, ids in tpl.items():
        assert len(ids) >= 4, dt
        assert all(t.startswith(dt + "/") for t in ids)
        assert [template_index(t) for t in ids] == list(range(len(ids)))


def test_one_holdout_template_per_type() -> None:
    assert {t.split("/")[0] for t in HOLDOUT_TEMPLATES} == set(DOC_TYPES)
    assert HOLDOUT_TEMPLATES <= set(ALL)


def _pdf_text(pdf: bytes) -> tuple[str, set[str], int]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "".join(p.extract_text() or "" for p in doc.pages)
        words = {w["text"] for p in doc.pages for w in p.extract_words()}
        return re.sub(r"\s+", "", text), words, len(doc.pages)


def _printed(flat: str, words: set[str], raw: str) -> bool:
    """Contiguous in reading order, or (multi-column layouts) every word present."""
    return re.sub(r"\s+", "", raw) in flat or all(w in words for w in raw.split())


def _check_value(name: str, value: object) -> None:
    if name in DATE_FIELDS and value is not None:
        assert isinstance(value, str) and DATE.match(value), (name, value)
    if name in ("issuing_state", "state"):
        assert isinstance(value, str) and re.fullmatch(r"[A-Z]{2}", value), (name, value)
    if name.endswith("_limit"):
        assert isinstance(value, int) and value >= 100_000
    if name in ("license_number", "dea_number", "policy_number", "npi"):
        assert " " not in str(value)
    if name == "credits":
        assert isinstance(value, float) and value > 0
    if name == "training_type":
        assert value in ("internship", "residency", "fellowship")
    if name == "course":
        assert value in ("BLS", "ACLS", "PALS", "NRP")


@pytest.mark.parametrize("template_id", ALL)
@pytest.mark.parametrize("seed", [1, 2])
def test_label_matches_what_is_printed(template_id: str, seed: int) -> None:
    doc_type = template_id.split("/")[0]
    persona = make_persona(random.Random(seed), profession="MD" if seed == 1 else "NP")
    rendered = render_document(doc_type, template_id, persona, random.Random(seed))
    label = rendered.label
    assert label["doc_type"] == doc_type and label["template"] == template_id and label["condition"] == "text"
    assert set(label["fields"]) <= set(DOC_TYPE_FIELDS[doc_type])
    assert set(label["fields"]) == set(label["raw"])
    if doc_type not in ("other", "cv"):
        assert len(label["fields"]) >= 3
    flat, words, npages = _pdf_text(rendered.pdf)
    assert label["pages"] == list(range(1, npages + 1))
    for name, value in label["fields"].items():
        _check_value(name, value)
        assert _printed(flat, words, label["raw"][name]), (name, label["raw"][name])
    if doc_type == "cv":
        entries, raws = label["entries"], label["entries_raw"]
        assert entries["work_history"] and entries["education"]
        for section, items in entries.items():
            for entry, raw in zip(items, raws[section]):
                assert set(entry) <= set(CV_ENTRY_FIELDS[section])
                for name, value in entry.items():
                    _check_value(name, value)
                    if name == "current":
                        assert (value is True) == (entry["end_date"] is None)
                        continue
                    assert _printed(flat, words, raw[name]), (section, name, raw[name])


def test_specific_values_survive_rendering() -> None:
    """Direct spot checks: the persona's own identifiers appear in the text layer."""
    p = make_persona(random.Random(5), profession="MD")
    assert p.dea is not None
    lic = render_document("state_license", "state_license/psv_printout", p, random.Random(0))
    assert lic.label["fields"]["license_number"] == p.licenses[0].number
    assert lic.label["fields"]["expiration_date"] == p.licenses[0].expiration_date.isoformat()
    assert p.licenses[0].number in _pdf_text(lic.pdf)[0]
    dea = render_document("dea_registration", "dea_registration/form_223", p, random.Random(0))
    assert dea.label["fields"]["dea_number"] == p.dea.number and p.dea.number in _pdf_text(dea.pdf)[0]
    mal = render_document("malpractice_insurance", "malpractice_insurance/acord25", p, random.Random(0))
    assert mal.label["fields"]["per_claim_limit"] == p.malpractice.per_claim
    assert mal.label["fields"]["policy_number"] == p.malpractice.policy_number.replace(" ", "")


def test_month_year_cards_are_labelled_at_month_precision() -> None:
    p = make_persona(random.Random(3))
    r = render_document("life_support_card", "life_support_card/ecard_corner", p, random.Random(0))
    assert re.fullmatch(r"[0-9]{4}-[0-9]{2}", r.label["fields"]["expiration_date"])


def test_render_is_byte_deterministic() -> None:
    for tid in ("cv/two_column", "malpractice_insurance/acord25", "diploma/classic"):
        a = render_document(tid.split("/")[0], tid, make_persona(random.Random(9)), random.Random(4))
        b = render_document(tid.split("/")[0], tid, make_persona(random.Random(9)), random.Random(4))
        assert a.pdf == b.pdf and a.label == b.label


def test_rn_has_no_dea_and_says_so() -> None:
    p = make_persona(random.Random(1), profession="RN")
    with pytest.raises(ValueError, match="dea_registration"):
        render_document("dea_registration", None, p, random.Random(0))


def test_wrong_template_for_type_is_refused() -> None:
    with pytest.raises(ValueError):
        render_document("diploma", "cv/two_column", make_persona(random.Random(1)), random.Random(0))


@pytest.mark.parametrize("template_id", ALL)
def test_boxes_frame_exactly_the_printed_value(template_id: str) -> None:
    """label["boxes"] (top-left origin, points) crop to the raw text of the field."""
    doc_type = template_id.split("/")[0]
    rendered = render_document(doc_type, template_id, make_persona(random.Random(3), profession="MD"), random.Random(8))
    label = rendered.label
    assert set(label["boxes"]) <= set(label["fields"])
    if doc_type != "other":
        assert label["boxes"], "no field located"
    with pdfplumber.open(io.BytesIO(rendered.pdf)) as pdf:
        for name, where in label["boxes"].items():
            x0, top, x1, bottom = where["bbox"]
            page = pdf.pages[where["page"] - 1]
            text = page.within_bbox((x0 - 1.5, top - 1.5, x1 + 1.5, bottom + 1.5)).extract_text() or ""
            assert re.sub(r"\s+", "", text) == re.sub(r"\s+", "", label["raw"][name]), name


def test_render_document_respects_template_filter() -> None:
    p = make_persona(random.Random(2), profession="MD")
    rng = random.Random(0)
    picked = {render_document("cv", None, p, rng, template_filter=lambda t: t not in HOLDOUT_TEMPLATES).label["template"]
              for _ in range(30)}
    assert picked and not picked & HOLDOUT_TEMPLATES and len(picked) >= 3
