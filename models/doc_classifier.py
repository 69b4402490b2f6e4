"""The document-type classifier: TF-IDF word and character n-grams into a logistic regression.

Logistic regression gives probabilities; a temperature fitted on predictions for templates
the model never saw (models/train_doc_classifier.py) calibrates them, and ``bench/accuracy.py``
and ``bench/realdocs.py`` report the calibration error. Below ``classifier.min_confidence``
the pipeline calls a document ``other`` and reports it unclassified. Besides the words, the
features see how filled-in the page is (``fill_words``): a blank form carries the labels of
the document it is a blank of, but not its values. The artefact is a joblib bundle (pipeline
and temperature) with a manifest (format version, library versions, sha256); loading
refuses a bundle made by another format or scikit-learn version, so a stale model fails
loudly instead of predicting garbage. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import joblib
import numpy as np
import sklearn
from sklearn.exceptions import InconsistentVersionWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from credintake.evaluation import Scores

FORMAT_VERSION = 2
ARTIFACT = Path(__file__).resolve().parent / "artifacts" / "doc_classifier.joblib"
MANIFEST = ARTIFACT.with_suffix(".json")

_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")
_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d\d-\d\d\b|"
                   r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b", re.I)
_MONEY = re.compile(r"\$\s?\d[\d,.]*|\b\d{1,3}(?:,\d{3})+\b")
_EMPTY_LABEL = re.compile(r"(:|#|_{3,}|\(\s*\))\s*$")


class ModelError(RuntimeError):
    """The committed model is missing, corrupt or from another library version."""


def normalize(text: str) -> str:
    """Lower-case, digits folded to 0, whitespace collapsed, fill words added: what the
    features see."""
    return _SPACE.sub(" ", _DIGITS.sub("0", text.lower())).strip()[:20000] + fill_words(text)


def fill_words(text: str) -> str:
    """Pseudo-words for how much of the text is filled-in values (``FillCounts``).
    Serves blank forms (a blank ACORD 25, patient intake and tax forms), which share every
    label with their filled counterparts but carry no dates, limits or names."""
    fill = fill_counts(text)
    share = "low" if fill.empty_share < 0.1 else "mid" if fill.empty_share < 0.3 else "high"
    return f" fillzdates{_bucket(fill.dates)} fillzmoney{_bucket(fill.amounts)} fillzempty{share}"


@dataclass
class FillCounts:
    """Full dates and money amounts a text prints, and the share of its lines that are
    labels left empty ("Name:", "____", "(   )"). Only day-precision dates count: forms are
    filled with those, while "2017 - present" belongs to resumes (extractor/dates.py parses
    every form, at ten times the cost, too slow for training on thousands of texts)."""
    dates: int
    amounts: int
    empty_share: float


def fill_counts(text: str) -> FillCounts:
    lines = [line for line in text.split("\n") if line.strip()]
    empty = sum(bool(_EMPTY_LABEL.search(line)) for line in lines) / max(len(lines), 1)
    return FillCounts(len(_DATE.findall(text)), len(_MONEY.findall(text)), empty)


def _bucket(count: int) -> str:
    return "none" if count == 0 else "one" if count == 1 else "few" if count < 5 else "many"


def build_pipeline(seed: int) -> Pipeline:
    features = FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=12000,
                                  sublinear_tf=True, token_pattern=r"(?u)\b[a-z][a-z]+\b")),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3,
                                  max_features=20000, sublinear_tf=True)),
    ])
    # C=10 rather than 30 since the training-text recipes joined the templates: weaker
    # regularisation let a recipe's few cue words decide (real-set validation, bench/realdocs.py).
    model = LogisticRegression(C=10.0, max_iter=2000, random_state=seed)
    return Pipeline([("features", features), ("model", model)])


@dataclass
class DocClassifier:
    pipeline: Pipeline
    temperature: float = 1.0

    @property
    def classes(self) -> list[str]:
        return list(self.pipeline.classes_)

    def logits(self, texts: list[str], classes: list[str] | None = None) -> np.ndarray:
        """Raw class scores per text, in the columns of ``classes`` when given (a class this
        model never saw scores far below every other)."""
        raw = self.pipeline.decision_function([normalize(t) for t in texts])
        if classes is None:
            return raw
        out = np.full((len(texts), len(classes)), raw.min() - 10.0)
        for j, name in enumerate(self.classes):
            out[:, classes.index(name)] = raw[:, j]
        return out

    def predict(self, texts: list[str]) -> list[tuple[str, float]]:
        """(doc_type, probability) for each text."""
        probs = softmax(self.logits(texts) / self.temperature)
        return [(self.classes[row.argmax()], float(row.max())) for row in probs]


def train(texts: list[str], labels: list[str], seed: int) -> DocClassifier:
    pipeline = build_pipeline(seed)
    pipeline.fit([normalize(t) for t in texts], labels)
    return DocClassifier(pipeline)


def softmax(logits: np.ndarray) -> np.ndarray:
    exp = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def fit_temperature(logits: np.ndarray, labels: list[str], classes: list[str]
                    ) -> tuple[float, float, float]:
    """Temperature scaling: the one divisor of the logits that makes held-out probabilities
    most calibrated (one parameter, so it cannot overfit, and it never changes which class
    wins). It minimises the calibration error itself rather than the log-loss: on unseen
    templates the log-loss is ruled by a few confidently wrong texts and asks for flat
    probabilities everywhere. Returns (temperature, calibration error at 1, at the fitted)."""
    truth = np.array([classes.index(label) for label in labels])
    grid = [round(float(t), 2) for t in np.arange(0.3, 3.01, 0.05)]
    best = min(grid, key=lambda t: calibration_error(softmax(logits / t), truth))
    return best, calibration_error(softmax(logits), truth), calibration_error(softmax(logits / best), truth)


def calibration_error(probs: np.ndarray, truth: np.ndarray) -> float:
    """Expected calibration error of the top-class probability, as the benches compute it."""
    right = probs.argmax(axis=1) == truth
    return Scores(confidences=[(float(c), bool(ok)) for c, ok in zip(probs.max(axis=1), right)]
                  ).calibration_error()


def save(clf: DocClassifier, path: Path = ARTIFACT, recipe: dict | None = None) -> None:
    """Write ``.part`` then rename, with a manifest beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    joblib.dump({"pipeline": clf.pipeline, "temperature": clf.temperature}, part, compress=("zlib", 6))
    digest = hashlib.sha256(part.read_bytes()).hexdigest()
    part.replace(path)
    manifest = {"format_version": FORMAT_VERSION, "sklearn": sklearn.__version__,
                "sha256": digest, "classes": clf.classes, "recipe": recipe or {}}
    path.with_suffix(".json").write_text(json.dumps(manifest, indent=2) + "\n")


@lru_cache(maxsize=2)
def load(path: Path = ARTIFACT) -> DocClassifier:
    manifest_path = path.with_suffix(".json")
    if not path.exists() or not manifest_path.exists():
        raise ModelError(f"no classifier at {path}; run python -m credintake.models.train_doc_classifier")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format_version") != FORMAT_VERSION or manifest.get("sklearn") != sklearn.__version__:
        raise ModelError(f"the classifier was built for format {manifest.get('format_version')} / "
                         f"scikit-learn {manifest.get('sklearn')}; retrain it with this installation")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != manifest["sha256"]:
        raise ModelError(f"{path} does not match its manifest checksum; retrain or restore it")
    with warnings.catch_warnings():
        warnings.simplefilter("error", InconsistentVersionWarning)
        bundle = joblib.load(path)
    return DocClassifier(bundle["pipeline"], bundle["temperature"])
