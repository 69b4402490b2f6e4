"""The committed document classifier: loads offline, refuses stale or corrupt artefacts,
classifies freshly generated documents it was not trained on, reads resumes of the whole
care workforce as CVs and blank certificates as ``other``."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from credintake.extractor.classify import blank_certificate_check
from credintake.extractor.read import read_file
from credintake.models import doc_classifier
from credintake.models.doc_classifier import ModelError, fill_counts, load
from credintake.models.training_texts import RECIPES, recipe_documents
from credintake.models.training_texts.insurance import liability_certificate
from credintake.models.training_texts.resumes import resume
from credintake.sample_docs.generate import render_document, supports
from credintake.sample_docs.persona import make_persona
from credintake.sample_docs.templates import list_templates
from credintake.settings import Settings


def test_committed_artifact_is_small_and_declares_its_versions() -> None:
    assert doc_classifier.ARTIFACT.stat().st_size < 5_000_000
    manifest = json.loads(doc_classifier.MANIFEST.read_text())
    assert manifest["format_version"] == doc_classifier.FORMAT_VERSION
    assert set(manifest["classes"]) == set(list_templates())
    assert manifest["recipe"]["seed"] == 1


def test_classifies_fresh_documents_of_every_template() -> None:
    rng = random.Random(20261123)
    model = load()
    texts, want = [], []
    for doc_type, template_ids in list_templates().items():
        for template_id in template_ids:
            persona = make_persona(rng)
            while not supports(persona, doc_type):
                persona = make_persona(rng)
            pdf = render_document(doc_type, template_id, persona, rng).pdf
            texts.append("\n".join(p.text for p in read_file("t.pdf", pdf, Settings()).pages))
            want.append(doc_type)
    got = model.predict(texts)
    right = sum(g == w for (g, _), w in zip(got, want))
    assert right / len(want) >= 0.95
    assert all(0.0 <= p <= 1.0 for _, p in got)


def test_probability_is_low_for_text_of_no_credential() -> None:
    (doc_type, probability), = load().predict(["lorem ipsum dolor sit amet weather forecast"])
    assert doc_type == "other" or probability < 0.5


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "clf.joblib"
    shutil.copy(doc_classifier.ARTIFACT, target)
    shutil.copy(doc_classifier.MANIFEST, target.with_suffix(".json"))
    return target


def test_refuses_an_artifact_from_another_sklearn_version(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    manifest = json.loads(target.with_suffix(".json").read_text())
    manifest["sklearn"] = "0.1.0"
    target.with_suffix(".json").write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match="retrain"):
        load(target)


def test_refuses_a_corrupt_artifact(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    data = bytearray(target.read_bytes())
    data[100] ^= 0xFF
    target.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="checksum"):
        load(target)


def test_missing_artifact_names_the_training_command(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="train_doc_classifier"):
        load(tmp_path / "none.joblib")


def test_manifest_records_the_recipes_and_the_calibration() -> None:
    recipe = json.loads(doc_classifier.MANIFEST.read_text())["recipe"]
    assert set(recipe["recipes"]) == set(RECIPES)
    assert 0.3 <= recipe["temperature"] <= 3.0
    assert recipe["unseen_group_ece"]["after"] <= recipe["unseen_group_ece"]["before"]


def test_every_recipe_gives_a_contract_type_and_text() -> None:
    types = set(list_templates())
    for name, label, pages in recipe_documents(seed=7, per_unit=1):
        assert label in types, name
        assert pages and all(page.strip() for page in pages), name


def test_resumes_of_the_care_workforce_are_cvs() -> None:
    rng = random.Random(20261206)
    roles = ("Registered Nurse", "Certified Nursing Assistant", "Respiratory Therapist",
             "Medical Assistant", "Licensed Clinical Social Worker", "Pharmacy Technician")
    got = load().predict(["\n".join(resume(rng, role)) for role in roles])
    assert [doc_type for doc_type, _ in got] == ["cv"] * len(roles)


def test_a_blank_liability_certificate_is_not_a_certificate() -> None:
    rng = random.Random(20261207)
    blank = [liability_certificate(rng, filled=False)[1][0] for _ in range(5)]
    filled = [liability_certificate(rng, filled=True)[1][0] for _ in range(5)]
    got = [doc_type for doc_type, _ in load().predict(blank + filled)]
    assert got == ["other"] * 5 + ["malpractice_insurance"] * 5


def test_fill_counts_tell_a_blank_form_from_a_filled_one() -> None:
    blank = fill_counts("Patient Name:\nDate of Birth: ____\nPOLICY EFF (MM/DD/YYYY)\nEACH OCCURRENCE $")
    filled = fill_counts("Insured: Jane Roe\nPOLICY EFF 02/23/2025 02/23/2026\nEACH OCCURRENCE $ 1,000,000")
    assert (blank.dates, blank.amounts) == (0, 0) and blank.empty_share >= 0.5
    assert (filled.dates, filled.amounts) == (2, 1) and filled.empty_share == 0


def test_a_certificate_of_insurance_without_values_is_called_other() -> None:
    labels = "CERTIFICATE OF LIABILITY INSURANCE\nINSURED\nPOLICY EFF (MM/DD/YYYY)\nLIMITS\n$\nPrinted 01/02/2026"
    assert blank_certificate_check(labels, ("malpractice_insurance", 0.9)) == ("other", 0.9)
    filled = labels + "\nGL123 01/01/2026 01/01/2027 $ 1,000,000"
    assert blank_certificate_check(filled, ("malpractice_insurance", 0.9)) == ("malpractice_insurance", 0.9)
    assert blank_certificate_check("", ("cv", 0.8)) == ("cv", 0.8)
