"""Splitting one file's pages into documents, on generated documents read by the real reader."""

from __future__ import annotations

import random

import pytest

from credintake.extractor.layout import Page
from credintake.extractor.read import read_file
from credintake.extractor.split import is_fax_cover, split_files
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings

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
