"""The committed document classifier: loads offline, refuses stale or corrupt artefacts,
and classifies freshly generated documents it was not trained on."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from credintake.extractor.read import read_file
from credintake.models import doc_classifier
from credintake.models.doc_classifier import ModelError, load
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
