"""The learned field scorer: which typed candidate fills which field, from its neighbourhood.

Majumder et al. (ACL 2020) extract fields from form-like documents of unseen templates by
generating typed candidates and scoring each for each field from its neighbourhood.
Here candidates come from ``extractor/candidates`` (dates, amounts, identifiers, names,
organisations, states), their features from ``extractor/candidates/features.py`` (nearby
words by direction and distance, the column head, label synonyms, rank, place on the
page, the label engine's answer), hashed into ``N_FEATURES`` columns; one logistic
regression scores every (candidate, field) pair of every trained document type, and for
each field the best-scoring candidate wins. Its lead over the best rival (a candidate of
another value, or the null option "this document does not print the field", scored
``NULL_SCORE``) and its score are mapped to the probability that the winner is right by
a Platt fit on templates left out of the fit (``models/train_field_scorer.py``): a lone
look-alike that barely beats the null option is not filled.

The scorer only adds (``apply``): a field the label engine left empty is filled when the
winner's probability reaches ``field_scorer.min_probability``, the winner is not one row
of a list of records (``in_list``) and the engine read at least
``field_scorer.min_engine_fields`` values of the document (a blank form has none:
its printed captions and edition date must never become values). ``other`` documents
and untrained types are never touched.

The artefact is plain numbers (``field_scorer.npz``: the non-zero weights by hashed
column, the intercept, the Platt pair) and a manifest (format version, hashing width,
scikit-learn version, sha256, trained fields, recipe); ``load`` refuses a mismatch, so a
stale or damaged model fails loudly. No pickle; nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import sklearn
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher

from credintake.contract import FieldValue
from credintake.extractor.candidates import (Candidate, DocView, candidate_tokens, field_kinds,
                                             generate, pair_features)
from credintake.extractor.layout import Page
from credintake.settings import FieldScorerSettings

FORMAT_VERSION = 1
N_FEATURES = 2 ** 18
ARTIFACT = Path(__file__).resolve().parent / "artifacts" / "field_scorer.npz"


class ScorerError(RuntimeError):
    """The committed scorer is missing, corrupt or made by other code."""


@lru_cache(maxsize=1)
def hasher() -> FeatureHasher:
    return FeatureHasher(n_features=N_FEATURES, input_type="dict", alternate_sign=False)


def scored_fields(doc_type: str, fields: tuple[str, ...]) -> list[str]:
    """The fields of ``fields`` (a type's contract fields) that have a candidate kind."""
    kinds = field_kinds()
    return [f for f in fields if f in kinds]


@dataclass
class Pair:
    """One (candidate, field) row of a document."""

    candidate: Candidate
    field: str
    features: dict[str, float]


def pairs(doc_type: str, fields: list[str], pages: list[Page], engine: dict[str, FieldValue],
          *, use_engine: bool = True) -> list[Pair]:
    """Every (candidate, field) pair of one document, candidates of the field's kind only."""
    kinds = field_kinds()
    wanted = {kinds[f] for f in fields}
    view = DocView(doc_type, pages, generate(pages, wanted), engine)
    out: list[Pair] = []
    for cand in view.candidates:
        tokens = candidate_tokens(view, cand)
        for name in fields:
            if kinds[name] == cand.kind:
                out.append(Pair(cand, name, pair_features(view, cand, name, tokens,
                                                          use_engine=use_engine)))
    return out


def matrix(rows: list[dict[str, float]]) -> sparse.csr_matrix:
    return hasher().transform(rows)


@dataclass
class Winner:
    candidate: Candidate
    score: float        # the model's raw decision value
    margin: float       # its lead over the best candidate with another value (capped)
    probability: float  # calibrated: the chance the winner is the field's value
    listed: bool = False  # one of a column of different values (``in_list``)

    def field_value(self) -> FieldValue:
        c = self.candidate
        box = tuple(round(v, 2) for v in c.bbox)
        return FieldValue(value=c.value, confidence=round(self.probability, 3), file=c.page.file,
                          page=c.page.number, bbox=box, raw=c.raw)  # type: ignore[arg-type]


@dataclass
class FieldScorer:
    weights: np.ndarray            # dense, N_FEATURES
    intercept: float
    platt: tuple[float, float, float]  # probability = sigmoid(a * score + m * margin + b)
    fields: dict[str, list[str]]   # doc_type -> fields it was trained for
    use_engine: bool = True

    def decision(self, x: sparse.csr_matrix) -> np.ndarray:
        return np.asarray(x @ self.weights).ravel() + self.intercept

    def probability(self, score: float, margin: float) -> float:
        """The chance a winner with this score, this far ahead of the runner-up, is right."""
        a, m, b = self.platt
        return 1.0 / (1.0 + math.exp(-max(min(a * score + m * margin + b, 30.0), -30.0)))

    def winners(self, doc_type: str, pages: list[Page], engine: dict[str, FieldValue],
                fields: list[str] | None = None) -> dict[str, Winner]:
        """The best candidate of each trained field of the type (or of ``fields``)."""
        wanted = [f for f in self.fields.get(doc_type, []) if fields is None or f in fields]
        if not wanted:
            return {}
        rows = pairs(doc_type, wanted, pages, engine, use_engine=self.use_engine)
        if not rows:
            return {}
        scores = self.decision(matrix([r.features for r in rows]))
        out = {}
        for name, (cand, score, margin) in rank(rows, scores).items():
            same = [r.candidate for r in rows if r.field == name]
            out[name] = Winner(cand, score, margin, self.probability(score, margin),
                               in_list(cand, same))
        return out


#: Candidates whose left edges lie this close (points) stand in one column.
_COLUMN_SLACK = 3.0


def in_list(winner: Candidate, others: list[Candidate]) -> bool:
    """Whether the winner is one of three or more different values standing in one column
    of its page: the rows of a list of records (a board's search results listing several
    licensees, a roster), where which row is the holder's is not on the page. The label
    engine leaves such fields empty on purpose without the applicant's name (see
    extractor/fields/context.py); the scorer must not pick a row either."""
    x0 = winner.bbox[0]
    values = {c.value for c in others
              if c.page is winner.page and abs(c.bbox[0] - x0) <= _COLUMN_SLACK}
    return len(values | {winner.value}) >= 3


#: Leads are capped here: beyond it a lead says nothing more.
MAX_MARGIN = 5.0
#: The score of "the document does not print this field": every winner must also beat it,
#: or a lone candidate (one year on a badge, one amount on a form) would lead by the cap.
NULL_SCORE = 0.0


def rank(rows: list[Pair], scores: np.ndarray) -> dict[str, tuple[Candidate, float, float]]:
    """field -> (best candidate, its score, its lead over the best rival): the best
    candidate of a different value (the same value printed twice is no rival) or the null
    option, whichever scores higher."""
    by_field: dict[str, list[tuple[float, Candidate]]] = {}
    for row, score in zip(rows, scores):
        by_field.setdefault(row.field, []).append((float(score), row.candidate))
    out = {}
    for name, scored in by_field.items():
        scored.sort(key=lambda t: -t[0])
        top, cand = scored[0]
        rival = next((s for s, c in scored[1:] if c.value != cand.value), NULL_SCORE)
        out[name] = (cand, top, min(top - max(rival, NULL_SCORE), MAX_MARGIN))
    return out


def apply(doc_type: str, pages: list[Page], fields: dict[str, FieldValue],
          settings: FieldScorerSettings) -> list[str]:
    """Fill the fields the label engine left empty where the scorer is confident; returns
    the names filled. See the module docstring for when it abstains."""
    if not settings.enabled or doc_type == "other" or len(fields) < settings.min_engine_fields:
        return []
    scorer = load(settings.model_path or ARTIFACT)
    missing = [f for f in scorer.fields.get(doc_type, []) if f not in fields]
    if not missing:
        return []
    filled = []
    winners = scorer.winners(doc_type, pages, fields, missing)
    for name, win in winners.items():
        if win.probability >= settings.min_probability and not win.listed:
            fields[name] = win.field_value()
            filled.append(name)
    return filled


def _manifest_path(path: Path) -> Path:
    return path.with_name(path.stem + ".manifest.json")


def save(scorer: FieldScorer, path: Path = ARTIFACT, recipe: dict | None = None) -> None:
    """Write the non-zero weights, then the manifest naming their checksum."""
    path.parent.mkdir(parents=True, exist_ok=True)
    nz = np.flatnonzero(scorer.weights)
    buf = io.BytesIO()
    np.savez_compressed(buf, index=nz.astype(np.int32), weight=scorer.weights[nz].astype(np.float32),
                        intercept=np.float64(scorer.intercept),
                        platt=np.array(scorer.platt, dtype=np.float64))
    data = buf.getvalue()
    path.write_bytes(data)
    manifest = {"format_version": FORMAT_VERSION, "n_features": N_FEATURES,
                "sklearn": sklearn.__version__, "sha256": hashlib.sha256(data).hexdigest(),
                "use_engine": scorer.use_engine, "fields": scorer.fields, "recipe": recipe or {}}
    _manifest_path(path).write_text(json.dumps(manifest, indent=2) + "\n")


@lru_cache(maxsize=4)
def load(path: Path = ARTIFACT) -> FieldScorer:
    """The committed scorer; raises ``ScorerError`` rather than guess."""
    manifest_path = _manifest_path(path)
    if not path.exists() or not manifest_path.exists():
        raise ScorerError(f"no field scorer at {path}; run python -m credintake.models.train_field_scorer")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format_version") != FORMAT_VERSION or manifest.get("n_features") != N_FEATURES \
            or manifest.get("sklearn") != sklearn.__version__:
        raise ScorerError(f"the field scorer at {path} was made for format "
                          f"{manifest.get('format_version')} / {manifest.get('n_features')} features / "
                          f"scikit-learn {manifest.get('sklearn')}; retrain it with this code")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != manifest.get("sha256"):
        raise ScorerError(f"{path} does not match its manifest checksum; retrain or restore it")
    with np.load(io.BytesIO(data)) as npz:
        weights = np.zeros(N_FEATURES, dtype=np.float64)
        weights[npz["index"]] = npz["weight"]
        intercept, platt = float(npz["intercept"]), tuple(float(v) for v in npz["platt"])
    return FieldScorer(weights, intercept, platt, manifest["fields"],  # type: ignore[arg-type]
                       bool(manifest.get("use_engine", True)))
