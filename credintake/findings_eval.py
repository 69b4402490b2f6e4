"""Scoring findings against the scenario labels, and profile auto-fill on blank applications.

Used by ``bench/findings.py`` and the tests. Labels come from
``generate_packet(..., scenarios=...)`` (sample_docs/scenarios.py): ``expected_findings`` and
``forbidden_findings`` as ``{rule, field}``.

Matching policy (per packet):

- A finding is identified by ``(rule, field)``; duplicates (one per document, e.g. two
  diplomas in a former name) count once, on both sides.
- **In scope**: on a packet without scenarios every rule is scored (the baseline is clean, so
  any unexpected finding is a false alarm); on a packet with scenarios only the rules named by
  its expected or forbidden findings (the scenarios' rules and the baseline ones) are scored,
  so a side effect of one scenario on another rule is not counted against that rule. Findings
  out of scope are tallied separately (``out_of_scope``).
- In scope, an expected key found is a true positive, an expected key not found a false
  negative, a found key not expected a false positive of its rule.
- A forbidden key found is a look-alike false positive (and a false positive of its rule).
- Severity is reported as agreement on true positives, not used for matching.
- ``extraction.low_confidence`` is neither a true nor a false finding: it says the rules did not
  trust a reading and a person should look at the value. It is counted apart, against the number
  of values the result's documents carry (``low_confidence_share``), unless the labels expect or
  forbid it.

Profile fill (blank or absent application): every value of the label's ``profile`` that a
document of the packet actually prints (the applicant's own documents, compared as below) is
expected in the result's profile; the result entry of a list section is the one agreeing on
most of the expected entry's values. Values compare as credintake.evaluation does (text case
and punctuation folded, fuzzy >= 95), dates at the shorter precision of the two, phones by
digits, identifiers without spaces.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from credintake.evaluation import PRF, normalise, values_equal

__all__ = ["FindingScores", "FillScores", "score_findings", "score_profile", "value_eq"]

_NAME_FIELDS = ("first_name", "middle_name", "last_name", "suffix")
_HOLDER = ("holder_name", "registrant_name", "insured_name", "name")
_IDENTIFIERS = {"license_number", "dea_number", "policy_number", "npi"}
LOW_CONFIDENCE = "extraction.low_confidence"

#: doc_type -> (profile section, {document field: profile field})
DOC_MAP: dict[str, tuple[str, dict[str, str]]] = {
    "state_license": ("licenses", {k: k for k in ("profession", "license_number", "issuing_state", "issue_date",
                                                   "expiration_date", "status")}),
    "dea_registration": ("dea", {k: k for k in ("dea_number", "state", "schedules", "issue_date", "expiration_date")}),
    "board_certification": ("board_certifications", {k: k for k in ("board", "specialty", "issue_date",
                                                                     "expiration_date")}),
    "malpractice_insurance": ("malpractice_insurance", {k: k for k in ("carrier", "policy_number", "per_claim_limit",
                                                                       "aggregate_limit", "effective_date",
                                                                       "expiration_date")}),
    "diploma": ("education", {"institution": "institution", "degree": "degree", "completion_date": "end_date"}),
    "training_certificate": ("education", {"institution": "institution", "program": "degree",
                                           "start_date": "start_date", "end_date": "end_date",
                                           "training_type": "kind"}),
    "life_support_card": ("life_support", {k: k for k in ("course", "issue_date", "expiration_date")}),
    "cme_certificate": ("cme", {k: k for k in ("activity_title", "credits", "completion_date")}),
}


# --- findings ----------------------------------------------------------------------------

@dataclass
class FindingScores:
    """Accumulated over packets: per-rule PRF, look-alike false positives, severity agreement."""

    per_rule: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    lookalike_checks: int = 0
    lookalike_fp: int = 0
    severity_agree: int = 0
    severity_total: int = 0
    out_of_scope: Counter = field(default_factory=Counter)
    packets: int = 0
    clean_packets: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    lookalike_hits: list[str] = field(default_factory=list)
    low_confidence: int = 0
    document_values: int = 0
    low_confidence_values: list[str] = field(default_factory=list)

    def total(self) -> PRF:
        out = PRF()
        for prf in self.per_rule.values():
            out.add(prf)
        return out

    def merge(self, other: "FindingScores") -> None:
        """Add another run's counts (the bench's summary over conditions)."""
        for rule, prf in other.per_rule.items():
            self.per_rule[rule].add(prf)
        for name in ("lookalike_checks", "lookalike_fp", "severity_agree", "severity_total", "packets",
                     "clean_packets", "low_confidence", "document_values"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.out_of_scope.update(other.out_of_scope)
        for name in ("misses", "false_alarms", "lookalike_hits", "low_confidence_values"):
            getattr(self, name).extend(getattr(other, name))

    @property
    def false_per_packet(self) -> float:
        """False alarms and look-alike hits of every rule, per packet (what a reviewer wades through)."""
        return self.total().fp / self.packets if self.packets else 0.0

    @property
    def low_confidence_share(self) -> float:
        """Share of the documents' values that went to extraction.low_confidence instead of a rule."""
        return self.low_confidence / self.document_values if self.document_values else 0.0


def _document_values(result: dict[str, Any]) -> int:
    """Values the result's documents carry (fields and CV entry values)."""
    count = 0
    for doc in result.get("documents", []):
        count += len(doc.get("fields") or {})
        for lines in (doc.get("entries") or {}).values():
            count += sum(len(line) for line in lines)
    return count


def _key(f: dict[str, Any]) -> tuple[str, str | None]:
    return f["rule"], f.get("field")


def score_findings(result: dict[str, Any], labels: dict[str, Any], scores: FindingScores) -> None:
    """Add one packet's findings (contract JSON ``result``) to ``scores`` (see the module's policy)."""
    if "expected_findings" not in labels:
        raise ValueError(f"{labels.get('packet_id')}: labels have no expected_findings (generate with scenarios)")
    pid = labels["packet_id"]
    expected = {_key(e): e for e in labels["expected_findings"]}
    forbidden = {_key(f): f for f in labels["forbidden_findings"]}
    labelled = {k[0] for k in expected} | {k[0] for k in forbidden}
    got: dict[tuple[str, str | None], dict[str, Any]] = {}
    scores.document_values += _document_values(result)
    for f in result.get("findings", []):
        if f["rule"] == LOW_CONFIDENCE and LOW_CONFIDENCE not in labelled:
            scores.low_confidence += 1
            ev = f.get("evidence") or {}
            scores.low_confidence_values.append(f"{pid} {f.get('field')}: {ev.get('value')!r} "
                                                f"({ev.get('confidence')}, {ev.get('file')} p.{ev.get('page')})")
            continue
        got.setdefault(_key(f), f)
    clean = not labels.get("scenarios")
    scope = None if clean else labelled
    scores.packets += 1
    scores.clean_packets += clean
    scores.lookalike_checks += len(forbidden)
    for key, e in expected.items():
        prf = scores.per_rule[key[0]]
        if key in got:
            prf.tp += 1
            scores.severity_total += 1
            scores.severity_agree += got[key].get("severity") == e.get("severity")
        else:
            prf.fn += 1
            scores.misses.append(f"{pid} {e.get('scenario')}: missed {key[0]} on {key[1]}")
    for key, f in got.items():
        if key in expected:
            continue
        if scope is not None and key[0] not in scope:
            scores.out_of_scope[key[0]] += 1
            continue
        scores.per_rule[key[0]].fp += 1
        if key in forbidden:
            scores.lookalike_fp += 1
            scores.lookalike_hits.append(f"{pid} {forbidden[key]['scenario']}: {key[0]} on {key[1]}: "
                                         f"{f.get('message', '')[:160]}")
        else:
            scores.false_alarms.append(f"{pid} {labels.get('scenarios') or 'clean'}: {key[0]} on {key[1]}: "
                                       f"{f.get('message', '')[:160]}")


# --- profile fill ------------------------------------------------------------------------

def value_eq(name: str, expected: Any, got: Any) -> bool:
    """Equal after the evaluation's normalisation; dates at the shorter precision."""
    if expected is None or got is None:
        return False
    if name.endswith("_date") and isinstance(expected, str) and isinstance(got, str):
        n = min(len(expected), len(got))
        return expected[:n] == got[:n]
    if name == "phone":
        return re.sub(r"\D", "", str(expected))[-10:] == re.sub(r"\D", "", str(got))[-10:]
    if name in _IDENTIFIERS:
        return re.sub(r"\s", "", str(expected)).upper() == re.sub(r"\s", "", str(got)).upper()
    if name in _NAME_FIELDS or name in ("email", "kind", "specialty"):
        return re.sub(r"[^a-z0-9]+", " ", str(expected).lower()).strip() == \
            re.sub(r"[^a-z0-9]+", " ", str(got).lower()).strip()
    if isinstance(expected, (int, float)) and isinstance(got, (int, float)):
        return normalise(name, expected) == normalise(name, got)
    return values_equal(name, expected, got)


@dataclass
class FillScores:
    """Blank-application profile fill: expected values (printed on a document) found in the profile."""

    compared: int = 0
    correct: int = 0
    empty: int = 0
    per_field: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.compared if self.compared else 1.0


def _printed(documents: list[dict[str, Any]]) -> dict[str, list[tuple[str, Any]]]:
    """Section -> (profile field, value) pairs printed on the applicant's documents."""
    out: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for d in documents:
        if d.get("other_person"):
            continue
        if d["doc_type"] in DOC_MAP:
            section, mapping = DOC_MAP[d["doc_type"]]
            out[section] += [(mapping[k], v) for k, v in d["fields"].items() if k in mapping]
        if d["doc_type"] == "cv":
            for section in ("work_history", "education"):
                for entry in (d.get("entries") or {}).get(section, []):
                    out[section] += [(k, v) for k, v in entry.items() if v is not None]
            out["provider"] += [(k, v) for k, v in d["fields"].items() if k in ("npi", "email", "phone")]
    return out


def _provider_expected(profile: dict[str, Any], documents: list[dict[str, Any]],
                       printed: dict[str, list[tuple[str, Any]]]) -> dict[str, Any]:
    prov = profile.get("provider") or {}
    mine = [d for d in documents if not d.get("other_person")]
    holders = " ".join(str(d["fields"].get(h, "")) for d in mine for h in _HOLDER).lower()
    words = set(re.findall(r"[a-z0-9']+", holders))
    out: dict[str, Any] = {}
    for name in _NAME_FIELDS:
        v = prov.get(name)
        if v and all(w in words for w in re.findall(r"[a-z0-9']+", v.lower())):
            out[name] = v
    if prov.get("profession") and any(d["doc_type"] == "state_license" for d in mine):
        out["profession"] = prov["profession"]
    for name in ("npi", "email", "phone"):
        if prov.get(name) and any(k == name and value_eq(name, prov[name], v) for k, v in printed["provider"]):
            out[name] = prov[name]
    boards = {d["fields"].get("specialty") for d in mine if d["doc_type"] == "board_certification"}
    if prov.get("specialty") and boards == {prov["specialty"]}:
        out["specialty"] = prov["specialty"]
    states = {d["fields"].get("issuing_state") for d in mine if d["doc_type"] == "state_license"}
    if prov.get("practice_state") and states == {prov["practice_state"]}:
        out["practice_state"] = prov["practice_state"]
    return out


def score_profile(result_profile: dict[str, Any] | None, labels: dict[str, Any], scores: FillScores) -> None:
    """Add one blank-application packet's profile to ``scores`` (values a document prints)."""
    profile = labels["profile"]
    got = result_profile or {}
    printed = _printed(labels["documents"])
    pid = labels["packet_id"]

    def check(path: str, name: str, want: Any, have: Any) -> None:
        scores.compared += 1
        row = scores.per_field[path]
        row[1] += 1
        if value_eq(name, want, have):
            scores.correct += 1
            row[0] += 1
        else:
            scores.empty += have is None
            scores.errors.append(f"{pid} {path}: expected {want!r}, got {have!r}")

    for name, want in _provider_expected(profile, labels["documents"], printed).items():
        check(f"provider.{name}", name, want, (got.get("provider") or {}).get(name))
    for section, pairs in printed.items():
        if section == "provider":
            continue
        for entry in profile.get(section) or []:
            fields = {k: v for k, v in entry.items()
                      if v is not None and any(f == k and value_eq(k, v, pv) for f, pv in pairs)}
            if not fields:
                continue
            candidates = got.get(section) or []
            best = max(candidates, key=lambda c: sum(value_eq(k, v, c.get(k)) for k, v in fields.items()),
                       default={})
            for k, v in fields.items():
                check(f"{section}.{k}", k, v, best.get(k))
