"""Findings on packets built from the real-document set, with a synthetic application.

    .venv/bin/python bench/findings_realdocs.py --results /tmp/rd-raw [--calibrate ocr]
        [--docs realdocs] [--run] [--workers 1] [--seed 9301] [--set NAME=VALUE ...]

The real documents (../shared/realdocs-dev/, restored under ``--docs``) are read once by
``credintake batch`` with the field-confidence calibration off (``--run``; or reuse the
``--results`` of such a run: bench/realdocs.py's ``--out`` under
``CREDINTAKE_CONFIDENCE__CALIBRATE=off``), one file per batch packet. Files whose labels name
the same person (the holder or CV name, folded) are then put into one findings packet, the
others stay alone. Each packet gets a synthetic application typed from its labels (the
application a careful applicant would type: the documents' own values), twice: as typed
(*matching*) and with one value changed (*planted*: a license, policy or certificate date
moved a year, an identifier with one character changed, another surname), drawn with
``--seed``.

The reference is the rules engine on *perfect extraction* (the labels as documents, the
same application, the same date): what a reader that reads every labelled value right
would make the rules say. An end-to-end finding (calibrated with ``--calibrate``, rules
re-run in-process) whose (rule, field) the reference does not raise is a false finding; a
reference finding not raised end to end is a miss. The packets are deliberately incomplete
(one person's few documents), so completeness.* and the reading stage's own findings
(document.*, malpractice.not_professional_liability, scored by bench/realdocs.py) are left
out of the comparison; extraction.low_confidence is counted apart, against the values of
the packet's documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from credintake.contract import Application, Document, FieldValue
from credintake.evaluation import PRF
from credintake.findings_eval import DOC_MAP, LOW_CONFIDENCE
from credintake.models.field_confidence import calibrate_document
from credintake.rules import evaluate
from credintake.rules.names import parse_name
from credintake.settings import ConfidenceSettings, RuleSettings, Settings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MANIFEST = ROOT.parent / "shared" / "realdocs-dev" / "manifest.json"
AS_OF = "2026-11-22"
#: Rules whose findings this mode does not compare (module docstring).
_NOT_COMPARED = ("completeness.", "document.", "malpractice.not_professional_liability")
_NAME_FIELDS = ("holder_name", "insured_name", "name")
#: Surnames for the planted name change: synthetic, common, unlike any labelled holder's.
_OTHER_SURNAMES = ("Okonkwo", "Lindqvist", "Fairbanks", "Castellano", "Whitcombe")


def _name(item: dict[str, Any]) -> str | None:
    fields = item.get("fields") or {}
    return next((fields[k] for k in _NAME_FIELDS if fields.get(k)), None)


def person_key(item: dict[str, Any]) -> str | None:
    """The labelled person's name folded (credentials after a comma and case dropped)."""
    name = _name(item)
    if not name or item["doc_type"] == "malpractice_insurance":
        return None  # a certificate of insurance names a business, not a person to group on
    return " ".join(re.findall(r"[a-z]+", name.split(",")[0].lower())) or None


def packets(manifest: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The manifest's files grouped by person; files of no named person alone."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    out = []
    for item in manifest:
        key = person_key(item)
        if key is None:
            out.append([item])
        else:
            groups[key].append(item)
    return out + list(groups.values())


def application_for(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The application typed from the labels (contract application shape)."""
    app: dict[str, Any] = {"provider": {}}
    names = [n for n in (_name(i) for i in items if i["doc_type"] != "malpractice_insurance") if n] \
        or [n for n in (_name(i) for i in items) if n]
    if names:
        parsed = parse_name(names[0])
        app["provider"] = {k: v for k, v in (("first_name", parsed.first), ("middle_name", parsed.middle),
                                              ("last_name", parsed.last), ("suffix", parsed.suffix)) if v}
    for item in items:
        fields = item.get("fields") or {}
        if item["doc_type"] in DOC_MAP:
            section, mapping = DOC_MAP[item["doc_type"]]
            entry = {mapping[k]: v for k, v in fields.items() if k in mapping}
            if entry.get("kind") not in (None, "degree", "internship", "residency", "fellowship"):
                entry.pop("kind")
            if entry:
                app.setdefault(section, []).append(entry)
        if item["doc_type"] == "cv":
            for k in ("email", "phone", "npi"):
                if fields.get(k):
                    app["provider"][k] = fields[k]
            for section, keep in (("work_history", ("employer", "title", "city", "state", "start_date",
                                                    "end_date", "current")),
                                  ("education", ("institution", "degree", "start_date", "end_date"))):
                for e in (item.get("entries") or {}).get(section, []):
                    entry = {k: e[k] for k in keep if e.get(k) is not None}
                    if entry.get("state") and not re.fullmatch(r"[A-Z]{2}", str(entry["state"])):
                        entry.pop("state")
                    app.setdefault(section, []).append(entry)
    return app


def plant(app: dict[str, Any], rng: random.Random) -> tuple[dict[str, Any], str | None]:
    """A copy of ``app`` with one value changed, and the changed application path (or None)."""
    out = json.loads(json.dumps(app))
    choices: list[tuple[str, int, str]] = []
    for section in ("licenses", "dea", "board_certifications", "malpractice_insurance", "life_support"):
        for i, entry in enumerate(out.get(section) or []):
            for name in ("license_number", "dea_number", "policy_number", "expiration_date"):
                if isinstance(entry.get(name), str) and re.search(r"\d", entry[name]):
                    choices.append((section, i, name))
    if out["provider"].get("last_name"):
        choices.append(("provider", 0, "last_name"))
    if not choices:
        return out, None
    section, i, name = rng.choice(choices)
    if section == "provider":
        out["provider"]["last_name"] = rng.choice(_OTHER_SURNAMES)
        return out, "provider.last_name"
    entry = out[section][i]
    value = entry[name]
    if name == "expiration_date":
        entry[name] = f"{int(value[:4]) + 1}{value[4:]}"
    else:
        k = max(j for j, c in enumerate(value) if c.isdigit())
        entry[name] = value[:k] + str((int(value[k]) + 3) % 10) + value[k + 1:]
    return out, f"{section}.{name}"


def label_documents(item: dict[str, Any]) -> list[Document]:
    """The file's labelled document as a contract document read perfectly (confidence 1)."""
    first = item["pages_truth"][0]["pages"]
    part = next((p for p in item["pages_truth"] if p["doc_type"] == item["doc_type"]), None)
    pages = part["pages"] if part else first

    def fv(value: Any) -> FieldValue:
        return FieldValue(value=value, confidence=1.0, file=item["file"], page=pages[0])

    fields = {k: fv(v) for k, v in (item.get("fields") or {}).items() if v is not None}
    entries = None
    if item["doc_type"] == "cv":
        entries = {sec: [{k: fv(v) for k, v in e.items() if v is not None} for e in rows]
                   for sec, rows in (item.get("entries") or {}).items()}
    return [Document(file=item["file"], sha256="0" * 64, pages=pages, doc_type=item["doc_type"],
                     doc_type_confidence=1.0, fields=fields, entries=entries)]


def read_documents(item: dict[str, Any], results: Path, calibrate: str) -> list[Document]:
    """The file's documents as the service read them, calibrated as ``calibrate`` says."""
    path = results / f"{item['file'].replace('.', '_')}.json"
    docs = [Document.model_validate(d) for d in json.loads(path.read_text())["documents"]]
    confidence = ConfidenceSettings(calibrate=calibrate)
    for doc in docs:
        calibrate_document(doc.doc_type, doc.fields, doc.entries, text_confidence=doc.text_confidence,
                           ocr=doc.ocr, settings=confidence)
    return docs


def _keys(findings: list[Any]) -> set[tuple[str, str | None]]:
    return {(f.rule, f.field) for f in findings
            if f.rule != LOW_CONFIDENCE and not f.rule.startswith(_NOT_COMPARED)}


@dataclass
class RealScores:
    packets: int = 0
    per_rule: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    planted: PRF = field(default_factory=PRF)
    low_confidence: int = 0
    values: int = 0
    false_findings: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    by_variant: Counter = field(default_factory=Counter)

    def total(self) -> PRF:
        out = PRF()
        for prf in self.per_rule.values():
            out.add(prf)
        return out


def score_packet(items: list[dict[str, Any]], results: Path, calibrate: str, settings: RuleSettings,
                 rng: random.Random, scores: RealScores) -> None:
    """Both variants of one packet against the perfect-extraction reference."""
    read = [d for item in items for d in read_documents(item, results, calibrate)]
    ideal = [d for item in items for d in label_documents(item)]
    typed = application_for(items)
    planted, path = plant(typed, rng)
    as_of = dt.date.fromisoformat(AS_OF)
    name = "+".join(i["file"] for i in items)
    for variant, raw_app in (("matching", typed), ("planted", planted)):
        app = Application.model_validate(raw_app)
        want = _keys(evaluate(ideal, app, [], as_of=as_of, settings=settings).findings)
        got_all = evaluate(read, app, [], as_of=as_of, settings=settings).findings
        got = _keys(got_all)
        scores.packets += 1
        scores.low_confidence += sum(f.rule == LOW_CONFIDENCE for f in got_all)
        scores.values += sum(len(d.fields) + sum(len(r) for rows in (d.entries or {}).values() for r in rows)
                             for d in read)
        for key in want | got:
            prf = scores.per_rule[key[0]]
            if key in want and key in got:
                prf.tp += 1
            elif key in want:
                prf.fn += 1
                scores.misses.append(f"{variant} {name}: missed {key[0]} on {key[1]}")
            else:
                prf.fp += 1
                scores.by_variant[variant] += 1
                message = next(f.message for f in got_all if (f.rule, f.field) == key)
                scores.false_findings.append(f"{variant} {name}: {key[0]} on {key[1]}: {message[:150]}")
        if variant == "planted" and path:
            hit = any(k[1] == path or (path.startswith("provider.") and k[0] == "identity.name_mismatch")
                      for k in got)
            scores.planted.tp += hit
            scores.planted.fn += not hit


def run_batch(docs: Path, manifest: list[dict[str, Any]], out: Path, workers: int) -> None:
    """Every labelled file through ``credintake batch`` (one packet each), calibration off."""
    sys.path.insert(0, str(ROOT / "bench"))
    from realdocs import run_batch as batch
    files = [docs / item["file"] for item in manifest if (docs / item["file"]).exists()]
    os.environ["CREDINTAKE_CONFIDENCE__CALIBRATE"] = "off"  # inherited by the batch subprocess
    batch(files, workers, out)


def run(args: argparse.Namespace, settings: RuleSettings) -> dict[str, Any]:
    manifest = json.loads(Path(args.manifest).read_text())["files"]
    results = Path(args.results)
    if args.run:
        run_batch(Path(args.docs), manifest, results, args.workers)
    present = [i for i in manifest if (results / f"{i['file'].replace('.', '_')}.json").exists()]
    rng = random.Random(args.seed)
    scores = RealScores()
    for items in packets(present):
        score_packet(items, results, args.calibrate, settings, rng, scores)
    tot = scores.total()
    print(f"\nreal-document packets: {scores.packets // 2} packets x (matching, planted) = {scores.packets}, "
          f"calibrate={args.calibrate}")
    print(f"{'rule':36s} {'ref':>4s} {'tp':>4s} {'fn':>4s} {'fp':>4s} {'recall':>7s} {'precision':>9s}")
    for rule in sorted(scores.per_rule):
        p = scores.per_rule[rule]
        print(f"{rule:36s} {p.tp + p.fn:4d} {p.tp:4d} {p.fn:4d} {p.fp:4d} {p.recall:7.3f} {p.precision:9.3f}")
    false_per_packet = tot.fp / scores.packets if scores.packets else 0.0
    print(f"{'all compared rules':36s} {tot.tp + tot.fn:4d} {tot.tp:4d} {tot.fn:4d} {tot.fp:4d} "
          f"{tot.recall:7.3f} {tot.precision:9.3f}")
    print(f"false findings per packet: {false_per_packet:.3f} ({dict(scores.by_variant)}); planted "
          f"mismatches found {scores.planted.tp}/{scores.planted.tp + scores.planted.fn}; "
          f"extraction.low_confidence {scores.low_confidence} of {scores.values} values "
          f"= {scores.low_confidence / max(scores.values, 1):.2%}")
    for line in scores.false_findings[:30]:
        print("  false", line)
    for line in scores.misses[:20]:
        print("  miss", line)
    return {"packets": scores.packets, "false_per_packet": false_per_packet, "precision": tot.precision,
            "recall": tot.recall, "planted_found": scores.planted.tp,
            "planted": scores.planted.tp + scores.planted.fn,
            "low_confidence_share": scores.low_confidence / max(scores.values, 1),
            "rules": {r: {"tp": p.tp, "fn": p.fn, "fp": p.fp} for r, p in scores.per_rule.items()}}


def main() -> None:
    from findings import rule_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", required=True, help="raw batch results (calibration off), one per file")
    parser.add_argument("--run", action="store_true", help="run the batch first (into --results)")
    parser.add_argument("--docs", default=str(ROOT / "realdocs"))
    parser.add_argument("--manifest", default=str(DEFAULT_MANIFEST))
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=9301)
    parser.add_argument("--calibrate", choices=("off", "ocr", "all"), default=Settings().confidence.calibrate)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--json", help="write the summary here")
    args = parser.parse_args()
    summary = run(args, rule_settings(args.set))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
