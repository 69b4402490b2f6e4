"""Document-type classification with the committed model (models/doc_classifier.py)."""

from __future__ import annotations

from credintake.extractor.layout import Page
from credintake.models.doc_classifier import ARTIFACT, DocClassifier, fill_counts, load
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
        out[i] = blank_certificate_check(texts[i], pred)
    return out


def blank_certificate_check(text: str, pred: tuple[str, float]) -> tuple[str, float]:
    """A certificate of insurance that prints no money amount and at most one full date is
    a blank form (``other``): every filled one states limits and a policy period. Serves
    blank ACORD 25 forms, which carry the labels of a filled certificate and at most a
    print-date stamp; the model sees fill counts too, this is the backstop."""
    doc_type, probability = pred
    if doc_type != "malpractice_insurance":
        return pred
    fill = fill_counts(text)
    return ("other", probability) if fill.amounts == 0 and fill.dates < 2 else pred
