"""Scoring results against generator labels: classification, fields, CV entries.

Used by ``bench/accuracy.py`` and by the tests, so the numbers in bench/RESULTS.md come
from the same code the tests exercise. A predicted document is paired with the label
document of the same file whose pages overlap it most. Values are compared after light
normalisation (case, spaces, punctuation for text; exact for dates, money and identifiers).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

_TEXT_FIELDS = {"holder_name", "registrant_name", "insured_name", "name", "profession", "board",
                "specialty", "carrier", "institution", "degree", "program", "activity_title",
                "status", "employer", "title", "city", "course", "training_type", "schedules"}


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Scores:
    """Accumulates over many packets; keys are doc types (and 'cv.work_history' etc.)."""

    docs: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    fields: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    per_field: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    entries: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    misses: list[str] = field(default_factory=list)
    confidences: list[tuple[float, bool]] = field(default_factory=list)

    def calibration_error(self, bins: int = 10) -> float:
        """Expected calibration error of doc_type_confidence (0 = perfectly calibrated)."""
        return calibration_error(self.confidences, bins)

    def classification_accuracy(self, doc_type: str | None = None) -> float:
        rows = [self.docs[doc_type]] if doc_type else list(self.docs.values())
        total = sum(r[1] for r in rows)
        return sum(r[0] for r in rows) / total if total else 1.0


@dataclass
class Bin:
    """One row of a reliability table: predictions whose confidence fell in [lo, hi)."""

    lo: float
    hi: float
    count: int
    mean_confidence: float
    accuracy: float


def reliability(pairs: list[tuple[float, bool]], bins: int = 10) -> list[Bin]:
    """(confidence, was right) pairs in equal-width confidence bins; empty bins left out."""
    rows: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for conf, ok in pairs:
        rows[min(int(conf * bins), bins - 1)].append((conf, ok))
    return [Bin(b / bins, (b + 1) / bins, len(rows[b]),
                sum(c for c, _ in rows[b]) / len(rows[b]),
                sum(ok for _, ok in rows[b]) / len(rows[b])) for b in sorted(rows)]


def calibration_error(pairs: list[tuple[float, bool]], bins: int = 10) -> float:
    """Expected calibration error: the bins' |mean confidence - accuracy| weighted by their
    share of the predictions (0 = a confidence of 0.8 is right 80% of the time)."""
    total = len(pairs)
    return sum(b.count / total * abs(b.mean_confidence - b.accuracy)
               for b in reliability(pairs, bins)) if total else 0.0


def normalise(name: str, value: Any) -> Any:
    if isinstance(value, str) and name in _TEXT_FIELDS:
        return re.sub(r"[^a-z0-9]+", " ", value.lower()).strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def values_equal(name: str, expected: Any, got: Any) -> bool:
    a, b = normalise(name, expected), normalise(name, got)
    if isinstance(a, str) and isinstance(b, str) and name in _TEXT_FIELDS:
        return a == b or fuzz.ratio(a, b) >= 95
    return a == b


def score_packet(result: dict[str, Any], labels: dict[str, Any], scores: Scores,
                 keep: Any = None) -> None:
    """Add one packet's result (contract JSON) to ``scores``. ``keep(label_doc)`` filters."""
    predicted = result["documents"]
    for label in labels["documents"]:
        if keep is not None and not keep(label):
            continue
        doc = _pair(label, predicted)
        row = scores.docs[label["doc_type"]]
        row[1] += 1
        got_type = doc["doc_type"] if doc else None
        if doc and doc["doc_type_confidence"] > 0:
            scores.confidences.append((doc["doc_type_confidence"], got_type == label["doc_type"]))
        if got_type == label["doc_type"]:
            row[0] += 1
        else:
            scores.misses.append(f"{labels['packet_id']}/{label['file']}: "
                                 f"{label['doc_type']} -> {got_type}")
        _score_fields(label, doc if got_type == label["doc_type"] else None, scores)
        if label["doc_type"] == "cv":
            for kind in ("work_history", "education"):
                want = (label.get("entries") or {}).get(kind, [])
                got = ((doc or {}).get("entries") or {}).get(kind, []) if doc else []
                scores.entries[kind].add(score_entries(want, got))


def _pair(label: dict[str, Any], predicted: list[dict[str, Any]]) -> dict[str, Any] | None:
    best, overlap = None, 0
    for doc in predicted:
        if doc["file"] != label["file"]:
            continue
        shared = len(set(doc["pages"]) & set(label["pages"]))
        if shared > overlap:
            best, overlap = doc, shared
    return best


def _score_fields(label: dict[str, Any], doc: dict[str, Any] | None, scores: Scores) -> None:
    want = label.get("fields", {})
    got = {k: v["value"] for k, v in (doc or {}).get("fields", {}).items()}
    prf = PRF()
    for name in set(want) | set(got):
        key = f"{label['doc_type']}.{name}"
        if name in want and name in got and values_equal(name, want[name], got[name]):
            prf.tp += 1
            scores.per_field[key].tp += 1
            continue
        if name in got:
            prf.fp += 1
            scores.per_field[key].fp += 1
        if name in want:
            prf.fn += 1
            scores.per_field[key].fn += 1
    scores.fields[label["doc_type"]].add(prf)


def score_entries(want: list[dict[str, Any]], got: list[dict[str, Any]],
                  match: Any = None) -> PRF:
    """Pairs labelled and predicted entries one to one, in label order. By default an entry
    matches when its organisation matches (``names_match``) and both dates are equal;
    ``match(want, got)`` (got as plain values) replaces that test."""
    pairs = matched_entries(want, got, match)
    prf = PRF(tp=sum(g is not None for _, g in pairs), fn=sum(g is None for _, g in pairs))
    prf.fp = len(got) - prf.tp
    return prf


def matched_entries(want: list[dict[str, Any]], got: list[dict[str, Any]],
                    match: Any = None) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Each labelled entry with the predicted entry (plain values) it pairs with, or None;
    the first unused predicted entry that ``match`` accepts, in label order."""
    match = match or _entry_match
    got_values = [{k: (v.get("value") if isinstance(v, dict) else v) for k, v in g.items()}
                  for g in got]
    unused = list(range(len(got_values)))
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    for w in want:
        hit = next((i for i in unused if match(w, got_values[i])), None)
        if hit is not None:
            unused.remove(hit)
        pairs.append((w, got_values[hit] if hit is not None else None))
    return pairs


def _entry_match(want: dict[str, Any], got: dict[str, Any]) -> bool:
    org = "employer" if "employer" in want else "institution"
    if not names_match(want.get(org), got.get(org)):
        return False
    return all(want.get(k) == got.get(k) for k in ("start_date", "end_date"))


# words that name no organisation by themselves: a legal form, a connector
_GENERIC = frozenset({"inc", "llc", "pllc", "llp", "lp", "ltd", "pc", "p", "c", "co", "corp",
                      "company", "the", "of", "and", "at", "for", "in", "a"})


def names_match(want: Any, got: Any, cutoff: float = 85) -> bool:
    """A predicted organisation name (or title) names the labelled one. It does when the two
    are equal up to word order and small differences (``token_sort_ratio``); when the
    prediction holds the whole labelled name and more (a degree run into the school's line);
    when it is one whole comma- or dash-separated part of the label that reads as a name of
    its own ("Riverbend Hospital" of "Sleep Laboratory, Riverbend Hospital"); or when it
    names it with fewer words but at least two and at least half of its distinctive words
    ("Mercy Hospital" for "Mercy Hospital of Springfield"). A fragment cut off a name
    ("Inc." of "Example Health, Inc.", "University" of "University of California") does
    not, which ``token_set_ratio`` alone would score 100."""
    a, b = normalise("employer", want or ""), normalise("employer", got or "")
    if not isinstance(a, str) or not isinstance(b, str) or not a or not b:
        return False
    if fuzz.token_sort_ratio(a, b) >= cutoff:
        return True
    sig_a = [w for w in a.split() if w not in _GENERIC]
    sig_b = [w for w in b.split() if w not in _GENERIC]
    if len(sig_a) >= 2 and set(sig_a) <= set(b.split()):
        return True
    for part in re.split(r"\s*(?:[,;()]|\s[–—-]\s)\s*", str(want)):
        words = [w for w in normalise("employer", part).split() if w not in _GENERIC]
        if part[:1].isupper() and len(words) >= 2 and \
                fuzz.token_sort_ratio(normalise("employer", part), b) >= cutoff:
            return True
    return fuzz.token_set_ratio(a, b) >= cutoff and len(sig_b) >= 2 \
        and len(sig_b) >= 0.5 * len(sig_a)


@dataclass
class SplitScore:
    """Page splitting: how many pages ended up in the right document.

    Label documents and predicted documents of one file are paired one to one, largest page
    overlap first; a labelled page is right when the predicted document holding it is the one
    paired with its label document. A page that belongs to no document (a fax cover sheet)
    is right when no paired document swallowed it. ``exact`` counts label documents whose
    paired prediction has exactly their pages."""

    right: int = 0
    total: int = 0
    exact: int = 0
    documents: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, other: SplitScore) -> None:
        self.right += other.right
        self.total += other.total
        self.exact += other.exact
        self.documents += other.documents
        self.wrong.extend(other.wrong)


def score_split(result: dict[str, Any], labels: dict[str, Any],
                keep_file: Any = None) -> SplitScore:
    """Score how one packet's files were cut into documents (see ``SplitScore``).

    ``labels["fax_cover_pages"]`` (pages of fax files that belong to no document) are
    counted too; ``keep_file(name)`` restricts the score to some files."""
    score = SplitScore()
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for label in labels["documents"]:
        by_file[label["file"]].append(label)
    cover = set(labels.get("fax_cover_pages") or [])
    for name, docs in by_file.items():
        if keep_file is not None and not keep_file(name):
            continue
        predicted = [set(d["pages"]) for d in result["documents"] if d["file"] == name]
        wanted = [set(d["pages"]) for d in docs]
        pairs = sorted(((len(w & p), wi, pi) for wi, w in enumerate(wanted)
                        for pi, p in enumerate(predicted) if w & p), reverse=True)
        match: dict[int, int] = {}
        used: set[int] = set()
        for _, wi, pi in pairs:
            if wi not in match and pi not in used:
                match[wi] = pi
                used.add(pi)
        owner = {page: pi for pi, p in enumerate(predicted) for page in p}
        for wi, w in enumerate(wanted):
            score.documents += 1
            if wi in match and predicted[match[wi]] == w:
                score.exact += 1
            for page in sorted(w):
                score.total += 1
                if wi in match and owner.get(page) == match[wi]:
                    score.right += 1
                else:
                    score.wrong.append(f"{labels['packet_id']}/{name} p{page} "
                                       f"({docs[wi]['doc_type']})")
        labelled = set().union(*wanted) if wanted else set()
        if any(d.get("condition") == "fax" for d in docs):
            for page in sorted(cover - labelled):
                score.total += 1
                if owner.get(page) in used:
                    score.wrong.append(f"{labels['packet_id']}/{name} p{page} (cover sheet "
                                       "joined a document)")
                else:
                    score.right += 1
    return score


@dataclass
class FieldOutcome:
    """One extracted value: whether it was right, its confidence, and what the confidence
    calibration (models/field_confidence.py) may tell it from."""

    key: str                     # "state_license.license_number", "cv.work_history.employer"
    confidence: float
    correct: bool
    text_confidence: float | None
    ocr: bool
    condition: str = "text"
    doc_type_right: bool = True  # the value's document was typed as its label document


def field_outcomes(result: dict[str, Any], labels: dict[str, Any]) -> list[FieldOutcome]:
    """Every value of every predicted document judged against the label document it
    overlaps most. A value is wrong when its document's type is wrong, when the label has
    no such field, or when it differs; an entry's values are judged against the labelled
    entry it pairs with (``_pair_entries``), all wrong when it pairs with none."""
    out: list[FieldOutcome] = []
    default = next((d.get("condition", "text") for d in labels["documents"]), "text")
    for doc in result["documents"]:
        label = _pair(doc, labels["documents"])
        same = label is not None and label["doc_type"] == doc["doc_type"]
        condition = label.get("condition", "text") if label else default

        def outcome(key: str, fv: dict[str, Any], ok: bool) -> FieldOutcome:
            return FieldOutcome(key, fv.get("confidence", 0.0), ok, doc.get("text_confidence"),
                                bool(doc.get("ocr")), condition, same)

        want = label.get("fields", {}) if same else {}
        for name, fv in doc.get("fields", {}).items():
            ok = name in want and values_equal(name, want[name], fv.get("value"))
            out.append(outcome(f"{doc['doc_type']}.{name}", fv, ok))
        for kind, rows in (doc.get("entries") or {}).items():
            wanted = (label.get("entries") or {}).get(kind, []) if same else []
            for row, match in _pair_entries(wanted, rows):
                for name, fv in row.items():
                    ok = match is not None and name in match and \
                        values_equal(name, match[name], fv.get("value"))
                    out.append(outcome(f"{doc['doc_type']}.{kind}.{name}", fv, ok))
    return out


def _pair_entries(want: list[dict[str, Any]], got: list[dict[str, Any]]
                  ) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Each extracted entry with the labelled entry of the same organisation (fuzzy), else
    of the same dates, else None; each labelled entry used once."""
    unused = list(range(len(want)))
    pairs = []
    for row in got:
        values = {k: (v.get("value") if isinstance(v, dict) else v) for k, v in row.items()}
        org = "employer" if "employer" in values else "institution"
        name = normalise("employer", values.get(org) or "")
        hit = next((i for i in unused if name and names_match(want[i].get(org), name)), None)
        if hit is None:
            hit = next((i for i in unused if values.get("start_date") and all(
                want[i].get(k) == values.get(k) for k in ("start_date", "end_date"))), None)
        if hit is not None:
            unused.remove(hit)
        pairs.append((row, want[hit] if hit is not None else None))
    return pairs
