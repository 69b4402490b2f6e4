"""Calibrated field confidence: ``FieldValue.confidence`` as the probability the value is right.

The extractors' own confidences are rankings (0.85 for a labelled value, lowered for fuzzy
labels and by the OCR words' confidence), not probabilities: on generated text PDFs values
given 0.75 were right 100% of the time, on faxes values given 0.9 far less often.

A logistic regression maps them to probabilities from what is known about each value: the
extractor's confidence (its logit, and a hinge below 0.5: most values are read at 0.7-0.9 and
right alike, so one slope over the whole range was flat, and an institution the reader scored
0.03 on a poor scan came out at 0.74; below 0.5 the extractor's doubt is steeper evidence),
the OCR text confidence, whether the page was OCR'd, and which field
it is (per-field offsets, also per field under OCR: a fax blurs a license number more than
a year). It is fitted on the values of rightly typed documents, so the probability is that
of the value being read right; whether the document's type is right is the separate
``doc_type_confidence`` (below ``classifier.min_confidence`` the document is ``other``).
Multiplying the two was tried: an expiry date read right from a certificate typed with
probability 0.56 fell below ``rules.min_confidence_to_flag`` and its ``expiration.expired``
became ``extraction.low_confidence`` (two real ACORD certificates). The type probability is
not a feature either: generated documents are typed with probability ~1, so its fitted
weight was noise (negative). The fit uses generated documents held apart from everything
else (``models/train_field_confidence.py``; the command is in docs/settings.md under
``confidence``), so refitting after extractor changes is one command.

The artefact is plain JSON (weights by feature name), so loading needs no pickle and no
particular scikit-learn; a manifest beside it holds the format version, the feature names
and a sha256, and ``load`` refuses an artefact that does not match them: a stale or damaged
calibration fails loudly instead of printing confidences that mean nothing.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from credintake.contract import FieldValue
from credintake.settings import ConfidenceSettings

FORMAT_VERSION = 3
ARTIFACT = Path(__file__).resolve().parent / "artifacts" / "field_confidence.json"
#: The numeric features (``features``); the manifest records them, ``load`` checks them.
NUMERIC = ("raw_logit", "raw_low", "text_confidence", "ocr", "entry")


class CalibrationError(RuntimeError):
    """The committed calibration is missing, corrupt or made for other features."""


@dataclass(frozen=True)
class ValueContext:
    """What is known about one value besides its own confidence."""

    key: str                        # "state_license.license_number", "cv.work_history.employer"
    text_confidence: float | None   # mean OCR word confidence; None for text layers
    ocr: bool


def _logit(p: float) -> float:
    p = min(max(p, 0.02), 0.98)
    return math.log(p / (1 - p))


def features(confidence: float, ctx: ValueContext) -> dict[str, float]:
    """The value's features by name: the numeric ones, and one-hot ``key=`` / ``ocr_key=``."""
    raw = _logit(confidence)
    out = {"raw_logit": raw, "raw_low": max(0.0, -raw),
           "text_confidence": 1.0 if ctx.text_confidence is None else ctx.text_confidence,
           "ocr": float(ctx.ocr), "entry": float(ctx.key.count(".") > 1),
           f"key={ctx.key}": 1.0}
    if ctx.ocr:
        out[f"ocr_key={ctx.key}"] = 1.0
    return out


@dataclass
class Calibration:
    """A fitted logistic map: intercept plus a weight per feature name (unknown names,
    such as a field added after fitting, weigh nothing)."""

    intercept: float
    weights: dict[str, float]

    def probability(self, confidence: float, ctx: ValueContext) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * x
                                 for name, x in features(confidence, ctx).items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def document_values(doc_type: str, fields: dict[str, FieldValue],
                    entries: dict[str, list[dict[str, FieldValue]]] | None
                    ) -> list[tuple[str, FieldValue]]:
    """A document's values with their calibration keys (entries: ``cv.work_history.title``)."""
    out = [(f"{doc_type}.{name}", fv) for name, fv in fields.items()]
    for kind, rows in (entries or {}).items():
        out += [(f"{doc_type}.{kind}.{name}", fv) for row in rows for name, fv in row.items()]
    return out


def calibrate_document(doc_type: str, fields: dict[str, FieldValue],
                       entries: dict[str, list[dict[str, FieldValue]]] | None, *,
                       text_confidence: float | None, ocr: bool,
                       settings: ConfidenceSettings) -> None:
    """The pipeline's one hook: every value of one document gets its calibrated confidence
    (``confidence.calibrate``: of OCR'd documents only, of all, or of none)."""
    if settings.calibrate == "off" or (settings.calibrate == "ocr" and not ocr):
        return
    calibration = load(settings.model_path or ARTIFACT)
    for key, fv in document_values(doc_type, fields, entries):
        ctx = ValueContext(key, text_confidence, ocr)
        fv.confidence = round(calibration.probability(fv.confidence, ctx), 3)


def save(calibration: Calibration, path: Path = ARTIFACT, recipe: dict | None = None) -> None:
    """Write the weights, then the manifest naming their checksum."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"intercept": calibration.intercept,
                       "weights": dict(sorted(calibration.weights.items()))}, indent=1) + "\n"
    path.write_text(body)
    manifest = {"format_version": FORMAT_VERSION, "numeric_features": list(NUMERIC),
                "sha256": hashlib.sha256(body.encode()).hexdigest(), "recipe": recipe or {}}
    _manifest_path(path).write_text(json.dumps(manifest, indent=2) + "\n")


def _manifest_path(path: Path) -> Path:
    return path.with_name(path.stem + ".manifest.json")


@lru_cache(maxsize=2)
def load(path: Path = ARTIFACT) -> Calibration:
    """The committed calibration; raises ``CalibrationError`` rather than guess."""
    manifest_path = _manifest_path(path)
    if not path.exists() or not manifest_path.exists():
        raise CalibrationError(f"no field-confidence calibration at {path}; run "
                               "python -m credintake.models.train_field_confidence")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format_version") != FORMAT_VERSION \
            or manifest.get("numeric_features") != list(NUMERIC):
        raise CalibrationError(f"the calibration at {path} was made for format "
                               f"{manifest.get('format_version')} / features "
                               f"{manifest.get('numeric_features')}; refit it with this code")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != manifest.get("sha256"):
        raise CalibrationError(f"{path} does not match its manifest checksum; refit or restore it")
    body = json.loads(data)
    return Calibration(intercept=float(body["intercept"]),
                       weights={k: float(v) for k, v in body["weights"].items()})
