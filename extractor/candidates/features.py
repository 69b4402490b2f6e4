"""What the field scorer sees of one candidate for one field: its neighbourhood.

Majumder et al. (ACL 2020) score a candidate for a field from the words around it and
their positions relative to it, never from the candidate's own text alone: on a layout
never seen, "Expires" left of a date or "EACH CLAIM" at the head of its column still says
which field it is. A linear model cannot learn "word w to the left" from positions and
words given apart, so each neighbour becomes a token naming its direction and distance
band (``L:expires``, ``A:aggregate``, ``C:limits``) and every token is conjoined with the
field (``expiration_date|L:expires``) and with the type and field
(``state_license.expiration_date|L:expires``): the first generalises across document
types, the second lets a type differ. Left and above weigh more than right and below:
labels precede their values in every layout the domain knows (DOMAIN.md).

Besides the neighbours: the candidate's kind and shape, its place on the page, its rank
among the document's candidates of its kind (an expiry is usually the latest date, a
per-claim limit the smaller amount), whether a nearby phrase is one of the field's label
synonyms (data/field_labels.csv) or another field's, and, as one feature among many, the
label engine's own answer (is this candidate the value the engine returned for this
field, for another field, did the engine return nothing). ``use_engine=False`` leaves the
engine out: the ablation that shows the model learns layout rather than copying.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from credintake.contract import FieldValue
from credintake.evaluation import values_equal
from credintake.extractor.candidates.generate import DATA, Candidate, field_kinds
from credintake.extractor.layout import Page, Word

_TOKEN = re.compile(r"[a-z][a-z'&]+|#")
#: neighbours this many row heights away are ignored (left/right on the row: a wide form)
_ROW_REACH, _ABOVE_ROWS, _BELOW_ROWS, _COLUMN_ROWS = 40.0, 5.0, 2.5, 45.0


def _norm(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower()))


@lru_cache(maxsize=1)
def field_labels() -> dict[str, tuple[str, ...]]:
    """field -> its label synonyms, normalised (data/field_labels.csv)."""
    out: dict[str, list[str]] = defaultdict(list)
    with (DATA / "field_labels.csv").open() as f:
        for row in csv.DictReader(f):
            out[row["field"]].append(_norm(row["label"]))
    return {k: tuple(v) for k, v in out.items()}


@dataclass
class _PageWords:
    """A page's words with normalised tokens and centres, computed once per document."""

    words: list[tuple[Word, str, float, float]]  # word, token text, x centre, y centre


@dataclass
class DocView:
    """One document's candidates and page words, shared by every (candidate, field) pair."""

    doc_type: str
    pages: list[Page]
    candidates: list[Candidate]
    engine: dict[str, FieldValue] = field(default_factory=dict)
    _pages: dict[int, _PageWords] = field(default_factory=dict)
    _ranks: dict[int, tuple[int, int, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for page in self.pages:
            words = []
            for w in page.words:
                tok = _norm(w.text)
                if tok:
                    words.append((w, tok, (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2))
            self._pages[id(page)] = _PageWords(words)
        by_kind: dict[str, list[Candidate]] = defaultdict(list)
        for c in self.candidates:
            by_kind[c.kind].append(c)
        for kind, cands in by_kind.items():
            values = sorted({_order_key(c.value) for c in cands if _order_key(c.value) is not None})
            for i, c in enumerate(cands):
                key = _order_key(c.value)
                where = "none" if key is None or len(values) < 2 else \
                    "min" if key == values[0] else "max" if key == values[-1] else "mid"
                self._ranks[id(c)] = (min(i, 4), min(len(cands) - 1 - i, 4), where)


def _order_key(value: Any) -> Any:
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
        return value
    return None


def _band(distance: float) -> str:
    return "n" if distance <= 6 else "f"


def neighbourhood(view: DocView, cand: Candidate) -> tuple[dict[str, float], dict[str, str]]:
    """Field-independent tokens of the candidate's surroundings (conjoined later), and the
    phrases just left of it and just above it (where labels sit)."""
    x0, top, x1, bottom = cand.bbox
    h = max(bottom - top, 5.0)
    cy = (top + bottom) / 2
    own = {id(w) for w in cand.words}
    out: dict[str, float] = {}
    left: list[tuple[float, str]] = []
    above: list[tuple[float, float, str]] = []
    for w, tok, wx, wy in view._pages[id(cand.page)].words:
        if id(w) in own:
            continue
        dy = (wy - cy) / h
        if abs(dy) < 0.6:
            if w.x1 <= x0 + 1:
                dist = (x0 - w.x1) / h
                if dist <= _ROW_REACH:
                    _add(out, f"L{_band(dist)}:{tok}", 1.0)
                    left.append((dist, tok))
            elif w.x0 >= x1 - 1:
                dist = (w.x0 - x1) / h
                if dist <= _ROW_REACH:
                    _add(out, f"R{_band(dist)}:{tok}", 0.5)
        elif dy < 0:
            overlap = w.x0 < x1 + 2 * h and w.x1 > x0 - 2 * h
            if -dy <= _ABOVE_ROWS:
                where = "A" if overlap else ("AL" if w.x1 <= x0 else "AR")
                _add(out, f"{where}:{tok}", 1.0 if where != "AR" else 0.5)
                if overlap:
                    above.append((-dy, w.x0, tok))
            elif overlap and -dy <= _COLUMN_ROWS and w.x0 < x1 and w.x1 > x0:
                _add(out, f"C:{tok}", 0.7)
        elif dy <= _BELOW_ROWS and w.x0 < x1 + 2 * h and w.x1 > x0 - 2 * h:
            _add(out, f"B:{tok}", 0.5)
    left.sort()
    phrase_left = " ".join(t for _, t in reversed(left[:4]))
    if left:
        _add(out, f"L1:{left[0][1]}", 1.0)
    phrase_above = ""
    if above:
        nearest = min(d for d, _, _ in above)
        row = sorted((x, t) for d, x, t in above if d - nearest < 0.6)
        phrase_above = " ".join(t for _, t in row)
        _add(out, f"A1:{phrase_above}", 1.0)
    return out, {"left": phrase_left, "above": phrase_above}


def _add(out: dict[str, float], key: str, weight: float) -> None:
    out[key] = max(out.get(key, 0.0), weight)


def _matched(phrase: str, labels: tuple[str, ...]) -> bool:
    return any(lab and (f" {lab} " in f" {phrase} ") for lab in labels)


def candidate_tokens(view: DocView, cand: Candidate) -> tuple[dict[str, float], dict[str, str]]:
    """The neighbourhood plus the candidate's own shape and place (field-independent)."""
    out, phrases = neighbourhood(view, cand)
    page = cand.page
    x0, top, x1, bottom = cand.bbox
    out[f"kind:{cand.kind}:{cand.detail}"] = 1.0
    out[f"y:{min(int(5 * top / max(page.height, 1)), 4)}"] = 1.0
    out[f"x:{min(int(3 * x0 / max(page.width, 1)), 2)}"] = 1.0
    out[f"page:{min(view.pages.index(page), 2) if page in view.pages else 0}"] = 1.0
    first, last, where = view._ranks.get(id(cand), (0, 0, "none"))
    out[f"rank:{first}"] = out[f"rrank:{last}"] = out[f"val:{where}"] = 1.0
    alone = len(cand.words) == len(cand.line.words)
    out[f"alone:{alone}"] = 1.0
    return out, phrases


def pair_features(view: DocView, cand: Candidate, field_name: str,
                  tokens: tuple[dict[str, float], dict[str, str]], *,
                  use_engine: bool = True) -> dict[str, float]:
    """The (candidate, field) row: every token conjoined with the field and type.field,
    the synonym matches, and the engine's answer."""
    base, phrases = tokens
    key = f"{view.doc_type}.{field_name}"
    out: dict[str, float] = {}
    for tok, weight in base.items():
        out[f"{field_name}|{tok}"] = weight
        out[f"{key}|{tok}"] = weight
    labels = field_labels()
    kinds = field_kinds()
    for where in ("left", "above"):
        phrase = phrases.get(where, "")
        if not phrase:
            continue
        if _matched(phrase, labels.get(field_name, ())):
            out[f"{field_name}|syn_{where}"] = 1.0
        for other, other_labels in labels.items():
            if other != field_name and kinds.get(other) == cand.kind and _matched(phrase, other_labels):
                out[f"{field_name}|syn_{where}={other}"] = 1.0
    out[f"{key}|bias"] = 1.0
    if use_engine:
        out.update(_engine(view, cand, field_name, key))
    return out


def _engine(view: DocView, cand: Candidate, field_name: str, key: str) -> dict[str, float]:
    out: dict[str, float] = {}
    mine = view.engine.get(field_name)
    if mine is None:
        out[f"{key}|eng_none"] = 1.0
    elif values_equal(field_name, mine.value, cand.value):
        out[f"{key}|eng_same"] = 1.0
        out[f"{field_name}|eng_same_conf"] = float(mine.confidence)
    else:
        out[f"{key}|eng_other"] = 1.0
    for other, fv in view.engine.items():
        if other != field_name and field_kinds().get(other) == cand.kind \
                and values_equal(other, fv.value, cand.value):
            out[f"{field_name}|eng_is={other}"] = 1.0
    return out
