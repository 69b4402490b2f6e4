"""A CV received by fax: a dirty sensor's streak runs down every page.

Tesseract reads the streak as short marks (``|``, ``;``, ``'``) between the text rows;
kept, they split the page into false columns and the entries' dates were read apart from
their entries (bench/RESULTS_conditions.md, fax CV entries). Generated CV, real OCR.
"""

from __future__ import annotations

import random

from credintake.evaluation import score_entries
from credintake.extractor.fields import extract
from credintake.extractor.read import read_file
from credintake.sample_docs import degrade
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings


def test_fax_cv_keeps_dates_with_their_education_entries() -> None:
    rng = random.Random(1000)
    doc = render_document("cv", "cv/single_column", make_persona(rng, profession="MD"), rng)
    first = next(degrade.render_pages(doc.pdf, 300))
    fax = degrade.fax_tiff([degrade.fax(first, rng)])  # degrade.fax always draws a streak
    pages = read_file("cv.tif", fax, Settings()).pages
    entries = extract("cv", pages).entries or {}
    got = [{k: v.value for k, v in e.items()} for e in entries.get("education", [])]
    score = score_entries(doc.label["entries"]["education"], got)
    assert (score.tp, score.fp, score.fn) == (3, 0, 0), got
