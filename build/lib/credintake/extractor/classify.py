"""Document-type classification with the committed model (models/doc_classifier.py)."""

from __future__ import annotations

from credintake.extractor.layout import Page
from credintake.models.doc_classifier import ARTIFACT, DocClassifier, load
from credintake.settings import ClassifierSettings


def page_text(pages: list[Page]) -> str:
    return "\n".join(p.text for p in pages)


def model_for(settings: ClassifierSettings) -> DocClassifier:
    return load(settings.model_path or ARTIFACT)


def classify_texts(texts: list[str], model: DocClassifier) -> list[tuple[str, float]]:
    """(doc_type, probability) per text; empty text is ``other`` with probability 0."""
    todo = [i for i, t in enumerate(texts) if t.strip()]
    out: list[tuple[str, float]] = [("other", 0.0)] * len(texts)
    for i, pred in zip(todo, model.predict([texts[i] for i in todo]) if todo else []):
        out[i] = pred
    return out
