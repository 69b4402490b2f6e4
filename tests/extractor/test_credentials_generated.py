"""Every credential extractor on generator output, every template: values equal the labels.

The generator records what each template printed; scoring is per doc type over all its
templates (field-level F1, the bar is 0.95) plus a per-template floor, so one broken
layout cannot hide behind the others. Search-results printouts list several licensees:
with the applicant's name the holder's row is read, without it only the shared fields.
"""

from __future__ import annotations

import random
from collections import Counter
from functools import lru_cache

import pytest

from credintake.extractor.fields import extract
from credintake.extractor.fields.context import applicant
from credintake.extractor.read import read_file
from credintake.sample_docs.generate import render_document, supports
from credintake.sample_docs.persona import make_persona
from credintake.sample_docs.templates import list_templates
from credintake.settings import Settings

DOC_TYPES = ("state_license", "dea_registration", "board_certification", "malpractice_insurance", "diploma",
             "training_certificate", "life_support_card", "cme_certificate")
SEEDS = (11, 23)
AMBIGUOUS = {"state_license/search_results"}


@lru_cache(maxsize=None)
def _rendered(template_id: str, seed: int) -> tuple[list, dict, str]:
    doc_type = template_id.split("/")[0]
    rng = random.Random(f"{template_id}:{seed}")
    persona = make_persona(rng)
    while not supports(persona, doc_type):
        persona = make_persona(rng)
    doc = render_document(doc_type, template_id, persona, rng)
    pages = read_file("doc.pdf", doc.pdf, Settings()).pages
    return pages, doc.label["fields"], persona.full_name(middle="initial", credential=None)


def _score(got: dict, expected: dict) -> Counter:
    c: Counter = Counter()
    for name in set(got) | set(expected):
        if name in got and name in expected and got[name] == expected[name]:
            c["tp"] += 1
        else:
            c["fp"] += name in got
            c["fn"] += name in expected
    return c


def _f1(c: Counter) -> float:
    return 2 * c["tp"] / (2 * c["tp"] + c["fp"] + c["fn"]) if c["tp"] else 0.0


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_field_f1_over_all_templates(doc_type: str) -> None:
    total: Counter = Counter()
    worst: list[tuple[float, str, dict, dict]] = []
    templates = list_templates()[doc_type]
    assert templates, doc_type
    for template_id in templates:
        for seed in SEEDS:
            pages, expected, name = _rendered(template_id, seed)
            if template_id in AMBIGUOUS:
                with applicant(name):
                    fields = extract(doc_type, pages).fields
            else:
                fields = extract(doc_type, pages).fields
            got = {k: v.value for k, v in fields.items()}
            c = _score(got, expected)
            total += c
            worst.append((_f1(c), template_id, got, expected))
            for fv in fields.values():  # provenance on every value
                assert fv.page == 1 and fv.file == "doc.pdf" and fv.bbox is not None and fv.raw
                assert 0 < fv.confidence <= 1
    worst.sort(key=lambda t: t[0])
    assert _f1(total) >= 0.95, worst[:3]
    assert worst[0][0] >= 0.6, worst[0]


def test_search_results_without_the_applicant_keep_only_shared_fields() -> None:
    pages, expected, _ = _rendered("state_license/search_results", SEEDS[0])
    got = {k: v.value for k, v in extract("state_license", pages).fields.items()}
    assert got["issuing_state"] == expected["issuing_state"]
    assert got["profession"] == expected["profession"]
    assert "holder_name" not in got and "license_number" not in got


def test_dea_certificate_values() -> None:
    pages, expected, _ = _rendered("dea_registration/form_223", SEEDS[0])
    got = {k: v.value for k, v in extract("dea_registration", pages).fields.items()}
    assert got["dea_number"] == expected["dea_number"]
    assert got["schedules"] == expected["schedules"]
    assert got["state"] == expected["state"]


def test_acord_reads_only_the_professional_liability_row() -> None:
    pages, expected, _ = _rendered("malpractice_insurance/acord25", SEEDS[1])
    fields = extract("malpractice_insurance", pages).fields
    for name in ("policy_number", "per_claim_limit", "aggregate_limit", "effective_date", "expiration_date",
                 "carrier"):
        assert fields[name].value == expected[name], name
    assert isinstance(fields["per_claim_limit"].value, int)


def test_search_results_with_the_applicant_read_their_row_with_true_boxes() -> None:
    pages, expected, name = _rendered("state_license/search_results", SEEDS[1])
    with applicant(name):
        fields = extract("state_license", pages).fields
    for key in ("holder_name", "license_number", "status", "expiration_date"):
        assert fields[key].value == expected[key], key
    word = next(w for w in pages[0].words if w.text == expected["license_number"])
    assert fields["license_number"].bbox == (round(word.x0, 2), round(word.top, 2), round(word.x1, 2),
                                             round(word.bottom, 2))
