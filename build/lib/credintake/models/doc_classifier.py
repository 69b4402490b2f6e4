"""The document-type classifier: TF-IDF word and character n-grams into a logistic regression.

Logistic regression gives probabilities that ``bench/accuracy.py`` checks for calibration;
below ``classifier.min_confidence`` the pipeline calls a document ``other`` and reports it
unclassified. The artefact is a joblib bundle with a manifest (format version, library
versions, sha256); loading refuses a bundle made by another format or scikit-learn version,
so a stale model fails loudly instead of predicting garbage. Nothing is downloaded.
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
import sklearn
from sklearn.exceptions import InconsistentVersionWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

FORMAT_VERSION = 1
ARTIFACT = Path(__file__).resolve().parent / "artifacts" / "doc_classifier.joblib"
MANIFEST = ARTIFACT.with_suffix(".json")

_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")


class ModelError(RuntimeError):
    """The committed model is missing, corrupt or from another library version."""


def normalize(text: str) -> str:
    """Lower-case, digits folded to 0, whitespace collapsed: what the features see."""
    return _SPACE.sub(" ", _DIGITS.sub("0", text.lower())).strip()[:20000]


def build_pipeline(seed: int) -> Pipeline:
    features = FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=12000,
                                  sublinear_tf=True, token_pattern=r"(?u)\b[a-z][a-z]+\b")),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3,
                                  max_features=20000, sublinear_tf=True)),
    ])
    model = LogisticRegression(C=30.0, max_iter=2000, random_state=seed)
    return Pipeline([("features", features), ("model", model)])


@dataclass
class DocClassifier:
    pipeline: Pipeline

    @property
    def classes(self) -> list[str]:
        return list(self.pipeline.classes_)

    def predict(self, texts: list[str]) -> list[tuple[str, float]]:
        """(doc_type, probability) for each text."""
        probs = self.pipeline.predict_proba([normalize(t) for t in texts])
        classes = self.pipeline.classes_
        return [(str(classes[row.argmax()]), float(row.max())) for row in probs]


def train(texts: list[str], labels: list[str], seed: int) -> DocClassifier:
    pipeline = build_pipeline(seed)
    pipeline.fit([normalize(t) for t in texts], labels)
    return DocClassifier(pipeline)


def save(clf: DocClassifier, path: Path = ARTIFACT, recipe: dict | None = None) -> None:
    """Write ``.part`` then rename, with a manifest beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    joblib.dump(clf.pipeline, part, compress=("zlib", 6))
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
        pipeline = joblib.load(path)
    return DocClassifier(pipeline)
