"""The learned field scorer: the committed artefact loads offline and refuses stale or
damaged files, is trained on generated documents of training templates only, finds a
value on a held-out layout whose label the engine cannot read, and never adds values to
``other`` documents or to a blank ACORD 25."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from credintake.contract import DOC_TYPE_FIELDS
from credintake.evaluation import values_equal
from credintake.extractor.fields import extract, registered
from credintake.extractor.layout import Page, Word, build_lines
from credintake.extractor.read import read_file
from credintake.models import field_scorer as fs
from credintake.models import train_field_scorer as train
from credintake.sample_docs.generate import render_document, supports
from credintake.sample_docs.persona import make_persona
from credintake.sample_docs.templates import HOLDOUT_TEMPLATES
from credintake.settings import FieldScorerSettings, Settings

ON = FieldScorerSettings(enabled=True)


def _manifest(path: Path) -> Path:
    return path.with_name(path.stem + ".manifest.json")


def test_committed_artefact_is_small_loads_offline_and_declares_its_recipe() -> None:
    assert fs.ARTIFACT.stat().st_size < 2_000_000
    manifest = json.loads(_manifest(fs.ARTIFACT).read_text())
    assert manifest["format_version"] == fs.FORMAT_VERSION and manifest["use_engine"] is True
    assert "held-out templates excluded" in manifest["recipe"]["generator"]
    scorer = fs.load()
    assert set(scorer.fields) <= set(DOC_TYPE_FIELDS) - {"other", "cv"}
    for doc_type, fields in scorer.fields.items():
        assert set(fields) <= set(DOC_TYPE_FIELDS[doc_type])
    assert np.count_nonzero(scorer.weights) > 1000
    assert 0.0 < scorer.probability(1.0, 2.0) < 1.0


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "field_scorer.npz"
    shutil.copy(fs.ARTIFACT, path)
    shutil.copy(_manifest(fs.ARTIFACT), _manifest(path))
    return path


def test_damaged_or_stale_artefacts_are_refused(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(fs.ScorerError, match="checksum"):
        fs.load(path)
    (tmp_path / "stale").mkdir()
    path = _copy(tmp_path / "stale")
    manifest = json.loads(_manifest(path).read_text())
    manifest["sklearn"] = "0.0"
    _manifest(path).write_text(json.dumps(manifest))
    with pytest.raises(fs.ScorerError, match="retrain"):
        fs.load(path)
    with pytest.raises(fs.ScorerError, match="train_field_scorer"):
        fs.load(tmp_path / "absent.npz")


def test_training_never_sees_a_held_out_template() -> None:
    docs = train.documents(seed=5, personas=1, holdout=False)
    assert docs and not {d.template for d in docs} & HOLDOUT_TEMPLATES
    assert {d.doc_type for d in docs} <= set(train.scored_types())


def _rendered(template_id: str, seed: int) -> tuple[list[Page], dict]:
    doc_type = template_id.split("/")[0]
    rng = random.Random(f"{template_id}:{seed}")
    persona = make_persona(rng)
    while not supports(persona, doc_type):
        persona = make_persona(rng)
    doc = render_document(doc_type, template_id, persona, rng)
    return read_file("doc.pdf", doc.pdf, Settings()).pages, doc.label["fields"]


def _renamed(page: Page, box: tuple[float, float, float, float], label: str) -> Page:
    """The page with the words left of ``box`` on its row (the value's label) replaced by
    ``label``: a synonym no extractor and no training template knows."""
    x0, top, _, bottom = box
    row = [w for w in page.words if w.top < bottom and w.bottom > top and w.x1 <= x0 + 1]
    first = min(row, key=lambda w: w.x0)
    words = [w for w in page.words if w not in row]
    for i, token in enumerate(label.split()):
        words.append(Word(token, first.x0 + 40 * i, first.top, first.x0 + 40 * i + 35, first.bottom))
    return Page(page.file, page.number, page.width, page.height, words, build_lines(words))


BLINDED = ("state_license/board_lookup", 1, "expiration_date")


def test_finds_a_value_on_a_held_out_layout_whose_label_the_engine_cannot_read() -> None:
    template_id, seed, name = BLINDED
    assert template_id in HOLDOUT_TEMPLATES
    doc_type = template_id.split("/")[0]
    pages, labels = _rendered(template_id, seed)
    engine = registered()[doc_type]
    box = engine(pages).fields[name].bbox
    blinded = [_renamed(pages[0], box, "Zorvath Quel")] + pages[1:]
    assert name not in engine(blinded).fields
    assert name not in extract(doc_type, blinded, scorer=FieldScorerSettings(enabled=False)).fields
    got = extract(doc_type, blinded, scorer=ON).fields[name]
    assert values_equal(name, labels[name], got.value)
    assert ON.min_probability <= got.confidence <= 1.0
    assert got.page == 1 and got.file == "doc.pdf" and got.bbox is not None
    # a stricter threshold abstains rather than guess
    strict = FieldScorerSettings(enabled=True, min_probability=1.0)
    assert name not in extract(doc_type, blinded, scorer=strict).fields


def test_other_documents_get_no_values() -> None:
    eager = FieldScorerSettings(enabled=True, min_probability=0.0, min_engine_fields=0)
    for template_id in ("other/cover_letter", "other/reference_letter", "other/attestation_form"):
        pages, _ = _rendered(template_id, 3)
        assert extract("other", pages, scorer=eager).fields == {}


def _blank_acord_25() -> Page:
    """Captions and fine print of a blank certificate of liability insurance (the form's
    printed text, no values), as the ACORD 25 editions lay them out."""
    rows = [(170, 40, "CERTIFICATE OF LIABILITY INSURANCE"), (520, 30, "DATE (MM/DD/YYYY)"),
            (30, 52, "THIS CERTIFICATE IS ISSUED AS A MATTER OF INFORMATION ONLY"),
            (22, 124, "PRODUCER"), (310, 124, "CONTACT NAME:"), (370, 162, "INSURER(S) AFFORDING COVERAGE"),
            (557, 162, "NAIC #"), (310, 172, "INSURER A :"), (310, 184, "INSURER B :"),
            (22, 184, "INSURED"), (22, 243, "COVERAGES"), (160, 243, "CERTIFICATE NUMBER:"),
            (300, 243, "REVISION NUMBER:"), (20, 289, "INSR LTR"), (75, 293, "TYPE OF INSURANCE"),
            (247, 294, "POLICY NUMBER"), (337, 289, "POLICY EFF"), (384, 289, "POLICY EXP"),
            (334, 295, "(MM/DD/YYYY) (MM/DD/YYYY)"), (500, 293, "LIMITS"),
            (40, 303, "COMMERCIAL GENERAL LIABILITY"), (428, 305, "EACH OCCURRENCE"), (518, 305, "$"),
            (428, 329, "MED EXP (Any one person)"), (518, 329, "$"),
            (428, 353, "GENERAL AGGREGATE"), (518, 353, "$"),
            (22, 651, "CERTIFICATE HOLDER"), (310, 651, "CANCELLATION"),
            (310, 700, "AUTHORIZED REPRESENTATIVE"),
            (22, 740, "© 1988-2015 ACORD CORPORATION. All rights reserved."),
            (22, 758, "ACORD 25 (2016/03)")]
    words = []
    for x, top, text in rows:
        cursor = x
        for token in text.split():
            words.append(Word(token, cursor, top, cursor + len(token) * 3.0, top + 6))
            cursor += len(token) * 3.0 + 2
    return Page("coi.pdf", 1, 612, 792, words, build_lines(words))


def test_a_blank_acord_25_yields_no_value() -> None:
    page = _blank_acord_25()
    assert extract("malpractice_insurance", [page], scorer=ON).fields == {}
    # even a scorer told to trust any winner adds nothing where the engine read nothing
    eager = FieldScorerSettings(enabled=True, min_probability=0.0)
    assert extract("malpractice_insurance", [page], scorer=eager).fields == {}


def test_no_row_of_a_list_of_licensees_is_picked_without_the_applicant() -> None:
    """A board's search results list several licensees: which row is the holder's is not
    on the page, so neither the engine nor the scorer names one."""
    for seed in (11, 23):
        pages, _ = _rendered("state_license/search_results", seed)
        got = extract("state_license", pages, scorer=ON).fields
        assert "holder_name" not in got and "license_number" not in got
