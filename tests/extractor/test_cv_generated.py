"""The CV extractor on the sample generator's CVs: every template, PDF and Word.

An entry counts as found when its employer (institution) fuzzy-matches and both dates are
equal to the label's; the work-history F1 per template must reach 0.90. Header fields are
compared exactly (phone as printed, like the label).
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from rapidfuzz import fuzz

from credintake.extractor.fields import extract
from credintake.extractor.read import read_file
from credintake.sample_docs.docx_cv import cv_docx
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.sample_docs.templates import list_templates
from credintake.settings import Settings

SEEDS = range(6)
KEY = {"work_history": "employer", "education": "institution"}


def _matches(expected: dict[str, Any], got: dict[str, Any], kind: str) -> bool:
    key = KEY[kind]
    same_name = fuzz.token_set_ratio(str(expected.get(key, "")).lower(),
                                     str(got.get(key, "")).lower()) >= 90
    return same_name and all(expected.get(k) == got.get(k) for k in ("start_date", "end_date"))


def _counts(expected: list[dict[str, Any]], got: list[dict[str, Any]], kind: str) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for e in expected:
        hit = next((i for i, g in enumerate(got) if i not in used and _matches(e, g, kind)), None)
        if hit is not None:
            used.add(hit)
            tp += 1
    return tp, len(expected), len(got)


def _f1(tp: int, n_expected: int, n_got: int) -> float:
    if not n_expected and not n_got:
        return 1.0
    if tp == 0:
        return 0.0
    p, r = tp / n_got, tp / n_expected
    return 2 * p * r / (p + r)


def _values(entries: dict[str, list[dict[str, Any]]] | None, kind: str) -> list[dict[str, Any]]:
    return [{k: v.value for k, v in e.items()} for e in (entries or {}).get(kind, [])]


def _header_ok(label: dict[str, Any], fields: dict[str, Any]) -> dict[str, bool]:
    out = {}
    for key, want in label["fields"].items():
        got = fields.get(key)
        out[key] = got is not None and got.value == want
    return out


def _score(kind_data: list[tuple[dict[str, Any], Any]]) -> dict[str, float]:
    totals = {k: [0, 0, 0] for k in KEY}
    for label, extraction in kind_data:
        for kind in KEY:
            counts = _counts(label["entries"][kind], _values(extraction.entries, kind), kind)
            for i, n in enumerate(counts):
                totals[kind][i] += n
    return {kind: _f1(*t) for kind, t in totals.items()}


def test_every_cv_template_is_covered() -> None:
    assert set(list_templates()["cv"]) >= {"cv/single_column", "cv/two_column", "cv/dates_table",
                                           "cv/typed_plain"}


@pytest.mark.parametrize("template", sorted(list_templates()["cv"]))
def test_generated_pdf_cvs(template: str) -> None:
    runs = []
    header_misses: list[tuple[int, str]] = []
    for seed in SEEDS:
        rng = random.Random(seed)
        doc = render_document("cv", template, make_persona(rng), rng)
        outcome = read_file("cv.pdf", doc.pdf, Settings())
        extraction = extract("cv", outcome.pages)
        runs.append((doc.label, extraction))
        header_misses += [(seed, k) for k, ok in _header_ok(doc.label, extraction.fields).items() if not ok]
    f1 = _score(runs)
    assert f1["work_history"] >= 0.90, f1
    assert f1["education"] >= 0.85, f1
    assert not header_misses
    # every job of the first CV, field by field
    label, extraction = runs[0]
    got = _values(extraction.entries, "work_history")
    for want in label["entries"]["work_history"]:
        match = next(g for g in got if _matches(want, g, "work_history"))
        for key in ("title", "city", "state", "current"):
            if key in want:
                assert match.get(key) == want[key], (key, want, match)


@pytest.mark.parametrize("layout", ["flow", "table"])
def test_generated_word_cvs(layout: str) -> None:
    runs = []
    for seed in range(8):
        rng = random.Random(seed)
        doc = render_document("cv", "cv/single_column", make_persona(rng), rng)
        data = cv_docx(doc.label, layout=layout, rng=rng)
        outcome = read_file("cv.docx", data, Settings())
        extraction = extract("cv", outcome.pages)
        runs.append((doc.label, extraction))
        assert all(_header_ok(doc.label, extraction.fields).values())
    f1 = _score(runs)
    assert f1["work_history"] >= 0.90 and f1["education"] >= 0.85, f1


def test_extraction_fits_the_result_schema(schema_validator: Any) -> None:
    from credintake.contract import Document, Result

    for seed in range(20):  # a persona who still holds a job
        rng = random.Random(seed)
        doc = render_document("cv", "cv/two_column", make_persona(rng), rng)
        if any(j["current"] for j in doc.label["entries"]["work_history"]):
            break
    pages = read_file("cv.pdf", doc.pdf, Settings()).pages
    extraction = extract("cv", pages)
    document = Document(file="cv.pdf", sha256="0" * 64, pages=[p.number for p in pages], doc_type="cv",
                        doc_type_confidence=0.9, fields=extraction.fields, entries=extraction.entries)
    result = Result(packet_id="p", as_of="2026-11-22", service_version="test", documents=[document])
    schema_validator("result.schema.json", result.to_json_dict())
    jobs = result.to_json_dict()["documents"][0]["entries"]["work_history"]
    current = [j for j in jobs if j["current"]["value"] is True]
    assert current and all(j["end_date"]["value"] is None for j in current)


@pytest.mark.slow
@pytest.mark.parametrize("template", ["cv/single_column", "cv/typed_plain"])
def test_scanned_cv(template: str) -> None:
    """A CV printed and scanned (OCR): the jobs still come out with their dates."""
    from credintake.sample_docs.degrade import image_pdf, render_pages, scanned

    rng = random.Random(1)
    doc = render_document("cv", template, make_persona(rng), rng)
    noise = random.Random(101)
    pdf = image_pdf([scanned(page, noise) for page in render_pages(doc.pdf, 200)])
    outcome = read_file("scan.pdf", pdf, Settings())
    assert all(p.ocr for p in outcome.pages)
    f1 = _score([(doc.label, extract("cv", outcome.pages))])
    assert f1["work_history"] >= 0.8, f1
