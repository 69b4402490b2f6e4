"""Findings recall/precision per rule, look-alike false positives, blank-application profile fill.

    .venv/bin/python bench/findings.py [--seed 9101] [--packets 90] [--workers 1] [--fresh]
        [--conditions text scan rotated fax photo docx] [--holdout] [--calibrate off|ocr|all]
        [--rules-only [--set NAME=VALUE ...]] [--json PATH]

Packets come from ``generate_packet(..., scenarios=[...])`` (sample_docs/scenarios.py) with a
seed the rules' tests never used: every sixth packet has no scenario (a clean packet: any
finding but the baseline ones is a false alarm), the others one scenario (sometimes two),
cycling through every condition and look-alike so each is seen about equally often; every
third packet has a blank application (profile fill is scored on those). ``--holdout`` builds
every document from the held-out templates (``sample_docs.templates.HOLDOUT_TEMPLATES``, one
per type, never used to train or tune the readers), so the rules are measured on layouts the
readers did not see.

``--conditions`` degrades the packets first (sample_docs.conditions: scans, faxes, phone
photos, Word CVs), one batch run per condition, and ends with a summary over all of them
(each condition's own table is printed first). The packets go through ``credintake batch``
(a subprocess, as bench/accuracy.py does) with the field-confidence calibration switched
off; the calibration of ``--calibrate`` (default: the ``confidence.calibrate`` setting) is
then applied to the documents in-process with the pipeline's own function, and the rules
engine re-run on them: the same result as a batch run under that setting, and the raw
results stay on disk so another calibration or rule setting costs seconds, not an OCR run.

``--rules-only`` skips the batch runs and re-runs calibration and rules on the documents of
the previous run's raw results (same --work, --seed, --packets, --holdout): for tuning rule
settings such as ``min_confidence_to_flag`` (``--set NAME=VALUE``) on imperfect readings.
Findings that come from the reading stage's problems (document.*) are carried over.

Besides per-rule precision and recall the report gives the false findings per packet (false
alarms and look-alike hits, all rules) and the share of document values sent to
``extraction.low_confidence`` (a warning asking a person to look at a value the rules did
not trust; not scored as a true or false finding), and the calibration of the values the
rules saw: expected calibration error per condition under each ``confidence.calibrate``
mode, with the pooled reliability tables (bench/calibration.py's). The same labels are also run through the
rules engine with *perfect extraction* (the labels as documents, sample_docs.truth): a rule
that reaches its target there but not end to end misses because of extraction.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import time
from pathlib import Path

from credintake.contract import Application, Document
from credintake.evaluation import FieldOutcome, calibration_error, field_outcomes
from credintake.findings_eval import FillScores, FindingScores, score_findings, score_profile
from credintake.models.field_confidence import calibrate_document
from credintake.models.field_confidence import load as load_calibration
from credintake.rules import evaluate
from credintake.sample_docs.conditions import CONDITIONS, LABEL_CONDITION, degrade_batch
from credintake.sample_docs.generate import generate_packet
from credintake.sample_docs.scenarios import ALL, LOOKALIKES, NEEDS_APPLICATION, RESOURCE
from credintake.sample_docs.templates import HOLDOUT_TEMPLATES
from credintake.sample_docs.truth import expected_result
from credintake.settings import ConfidenceSettings, RuleSettings, Settings

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-22"


def plan(seed: int, count: int) -> list[tuple[list[str], bool]]:
    """(scenarios, blank application) per packet, cycling through every scenario."""
    rng = random.Random(seed)
    cycle: list[str] = []
    out = []
    for i in range(count):
        blank = i % 3 == 2
        if i % 6 == 0:
            out.append(([], blank))
            continue
        names: list[str] = []
        want = 2 if rng.random() < 0.3 else 1
        tries = 0
        while len(names) < want and tries < 40:
            tries += 1
            if not cycle:
                cycle = rng.sample(ALL, len(ALL))
            name = cycle[0]
            if (blank and name in NEEDS_APPLICATION) or any(RESOURCE[n] == RESOURCE[name] for n in names):
                if len(names) == 0 and tries < 20:
                    cycle.append(cycle.pop(0))
                    continue
                break
            names.append(cycle.pop(0))
        out.append((names, blank))
    return out


def generate(seed: int, count: int, gen: Path, holdout: bool = False) -> None:
    """The packets of ``plan``; ``holdout``: every document from a held-out template."""
    template_filter = HOLDOUT_TEMPLATES.__contains__ if holdout else None
    for i, (names, blank) in enumerate(plan(seed, count)):
        generate_packet(seed * 1000 + i, gen, scenarios=names, blank_application=blank, as_of=AS_OF,
                        template_filter=template_filter)


def truth_scores(gen: Path) -> FindingScores:
    """The same scoring with perfect extraction (labels as documents) through the rules engine."""
    settings = Settings().rules
    scores = FindingScores()
    for labels_path in sorted((gen / "labels").glob("*.json")):
        labels = json.loads(labels_path.read_text())
        pdir = gen / "packets" / labels["packet_id"]
        ideal = expected_result(labels_path, pdir)
        app_path = pdir / "application.json"
        app = Application.model_validate_json(app_path.read_text()) if app_path.exists() else None
        ev = evaluate(ideal.documents, app, [], as_of=dt.date.fromisoformat(AS_OF), settings=settings)
        result = {"findings": [f.model_dump(mode="json") for f in ev.findings]}
        score_findings(result, labels, scores)
    return scores


def add_text_files(text_gen: Path, gen: Path) -> None:
    """The docx condition writes only the CVs (as Word files); a findings packet needs the
    other credentials too, so the text packet's files that hold no CV are copied beside them
    (with their labels). A document sharing a PDF with the CV is left out: its findings may
    then be missed or completeness may fire, a limit of this condition."""
    for labels_path in sorted((gen / "labels").glob("*.json")):
        labels = json.loads(labels_path.read_text())
        text_labels = json.loads((text_gen / "labels" / labels_path.name).read_text())
        with_cv = {d["file"] for d in text_labels["documents"] if d["doc_type"] == "cv"}
        for d in text_labels["documents"]:
            if d["file"] in with_cv:
                continue
            shutil.copyfile(text_gen / "packets" / labels["packet_id"] / d["file"],
                            gen / "packets" / labels["packet_id"] / d["file"])
            labels["documents"].append(d)
        labels_path.write_text(json.dumps(labels, indent=2) + "\n")


#: Findings raised from the reading stage's problems, which a rules-only re-run cannot rebuild.
_READING_RULES = {"document.unreadable", "document.unclassified", "malpractice.not_professional_liability"}


def rule_settings(pairs: list[str]) -> RuleSettings:
    """Default rule settings with ``NAME=VALUE`` overrides (values parsed as JSON when they can be)."""
    values: dict = {}
    for pair in pairs:
        name, _, text = pair.partition("=")
        try:
            values[name] = json.loads(text)
        except json.JSONDecodeError:
            values[name] = text
    return Settings().rules.model_copy(update=values)


def rerun_rules(gen: Path, raw: Path, out: Path, settings: RuleSettings, calibrate: str) -> None:
    """Calibrate the documents of the raw results in ``raw`` (``confidence.calibrate`` =
    ``calibrate``, the pipeline's function) and re-evaluate the rules; results go to ``out``."""
    confidence = ConfidenceSettings(calibrate=calibrate)
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(raw.glob("*.json")):
        result = json.loads(path.read_text())
        app_path = gen / "packets" / path.stem / "application.json"
        app = Application.model_validate_json(app_path.read_text()) if app_path.exists() else None
        docs = [Document.model_validate(d) for d in result["documents"]]
        for doc in docs:
            calibrate_document(doc.doc_type, doc.fields, doc.entries, text_confidence=doc.text_confidence,
                               ocr=doc.ocr, settings=confidence)
        ev = evaluate(docs, app, [], as_of=dt.date.fromisoformat(AS_OF), settings=settings)
        kept = [f for f in result["findings"] if f["rule"] in _READING_RULES]
        result["documents"] = [d.model_dump(mode="json", exclude_none=True) for d in docs]
        result["findings"] = kept + [f.model_dump(mode="json", exclude_none=True) for f in ev.findings]
        result["profile"] = ev.profile.model_dump(mode="json", exclude_none=True)
        (out / path.name).write_text(json.dumps(result, indent=1))


def run_condition(args: argparse.Namespace, condition: str, settings: RuleSettings) -> dict:
    """Generate (once), degrade (once), batch (unless ``--rules-only``), calibrate, rules, score."""
    work = Path(args.work)
    tag = f"{args.seed}_{args.packets}{'_holdout' if args.holdout else ''}"
    gen = work / f"gen_{tag}"
    if args.fresh or not (gen / "labels").exists():
        shutil.rmtree(gen, ignore_errors=True)
        generate(args.seed, args.packets, gen, args.holdout)
    text_gen = gen
    if condition != "text":
        gen = work / f"gen_{tag}_{condition}"
        if args.fresh or not (gen / "labels").exists():
            shutil.rmtree(gen, ignore_errors=True)
            degrade_batch(text_gen, gen, condition, seed=args.seed)
            if condition == "docx":
                add_text_files(text_gen, gen)
    raw = work / f"raw_{tag}_{condition}"
    out = work / f"results_{tag}_{condition}"
    start = time.perf_counter()
    if not args.rules_only:
        shutil.rmtree(raw, ignore_errors=True)
        env = {**os.environ, "CREDINTAKE_CONFIDENCE__CALIBRATE": "off"}
        subprocess.run([str(ROOT / ".venv/bin/credintake"), "batch", str(gen / "packets"), "-o", str(raw),
                        "--workers", str(args.workers), "--as-of", AS_OF], check=True, env=env)
    shutil.rmtree(out, ignore_errors=True)
    rerun_rules(gen, raw, out, settings, args.calibrate)
    elapsed = time.perf_counter() - start
    scores, fill = FindingScores(), FillScores()
    by_scenario: dict[str, list[int]] = {}
    for labels_path in sorted((gen / "labels").glob("*.json")):
        labels = json.loads(labels_path.read_text())
        result = json.loads((out / f"{labels['packet_id']}.json").read_text())
        before = (scores.total().fn, scores.total().fp)
        score_findings(result, labels, scores)
        ok = (scores.total().fn, scores.total().fp) == before
        for name in labels["scenarios"] or ["(clean)"]:
            row = by_scenario.setdefault(name, [0, 0])
            row[0] += ok
            row[1] += 1
        if labels["application_blank"]:
            score_profile(result.get("profile"), labels, fill)
    truth = truth_scores(text_gen)
    summary = report(scores, truth, fill, by_scenario, elapsed, args, condition)
    summary["scores"] = scores
    summary["outcomes"] = value_outcomes(gen, raw, condition)
    return summary


def value_outcomes(gen: Path, raw: Path, condition: str) -> list[FieldOutcome]:
    """Every raw value of the condition's documents judged against the labels (for the
    calibration report: the same values the rules saw, before calibration)."""
    want = LABEL_CONDITION[condition]
    out: list[FieldOutcome] = []
    for labels_path in sorted((gen / "labels").glob("*.json")):
        labels = json.loads(labels_path.read_text())
        result = json.loads((raw / f"{labels['packet_id']}.json").read_text())
        out += [o for o in field_outcomes(result, labels) if o.condition == want]
    return out


def calibration_report(per_condition: dict[str, dict]) -> dict:
    """ECE of the field confidences per condition under each ``confidence.calibrate`` mode,
    and the pooled reliability table of the mode the run used (bench/calibration.py's)."""
    from calibration import calibrated, table

    calibration = load_calibration()
    modes = ("off", "ocr", "all")
    print(f"\n{'condition':10s} {'values':>6s} {'right':>6s} " + " ".join(f"{'ECE ' + m:>8s}" for m in modes))
    out: dict = {}
    pooled: list[FieldOutcome] = []
    for condition, part in per_condition.items():
        outcomes = part.pop("outcomes")
        pooled += outcomes
        eces = {m: calibration_error(calibrated(outcomes, calibration, m)) for m in modes}
        right = sum(o.correct for o in outcomes) / max(len(outcomes), 1)
        print(f"{condition:10s} {len(outcomes):6d} {right:6.3f} " + " ".join(f"{eces[m]:8.4f}" for m in modes))
        out[condition] = {"values": len(outcomes), "right": right, "ece": eces}
    eces = {m: calibration_error(calibrated(pooled, calibration, m)) for m in modes}
    print(f"{'pooled':10s} {len(pooled):6d} {sum(o.correct for o in pooled) / max(len(pooled), 1):6.3f} "
          + " ".join(f"{eces[m]:8.4f}" for m in modes))
    out["pooled"] = {"ece": eces}
    for mode in modes:
        out[f"reliability_{mode}"] = table(f"confidence.calibrate={mode}, pooled", calibrated(pooled, calibration, mode))
    return out


def run(args: argparse.Namespace) -> dict:
    settings = rule_settings(args.set)
    per_condition = {c: run_condition(args, c, settings) for c in args.conditions}
    pooled = FindingScores()
    for part in per_condition.values():
        pooled.merge(part.pop("scores"))
    calibration = calibration_report(per_condition)
    summary = {"conditions": per_condition, "all": overall(pooled, per_condition, args),
               "calibration": calibration}
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1))
    return summary


def overall(pooled: FindingScores, per_condition: dict[str, dict], args: argparse.Namespace) -> dict:
    """The summary over every condition: per-rule totals and each condition's headline."""
    print(f"\n=== all conditions ({', '.join(per_condition)}), seed {args.seed}, "
          f"{'held-out templates, ' if args.holdout else ''}calibrate={args.calibrate}, "
          f"{pooled.packets} packets")
    print(f"{'condition':10s} {'precision':>9s} {'recall':>7s} {'false/pkt':>9s} {'low conf':>8s}")
    for condition, part in per_condition.items():
        print(f"{condition:10s} {part['precision']:9.3f} {part['recall']:7.3f} "
              f"{part['false_per_packet']:9.3f} {part['low_confidence_share']:8.2%}")
    print(f"\n{'rule':36s} {'exp':>4s} {'tp':>4s} {'fn':>4s} {'fp':>4s} {'recall':>7s} {'precision':>9s}")
    rows = {}
    for rule in sorted(pooled.per_rule):
        p = pooled.per_rule[rule]
        rows[rule] = {"expected": p.tp + p.fn, "tp": p.tp, "fn": p.fn, "fp": p.fp, "recall": p.recall,
                      "precision": p.precision}
        print(f"{rule:36s} {p.tp + p.fn:4d} {p.tp:4d} {p.fn:4d} {p.fp:4d} {p.recall:7.3f} {p.precision:9.3f}")
    tot = pooled.total()
    print(f"{'all rules':36s} {tot.tp + tot.fn:4d} {tot.tp:4d} {tot.fn:4d} {tot.fp:4d} {tot.recall:7.3f} "
          f"{tot.precision:9.3f}")
    print(f"look-alike false positives: {pooled.lookalike_fp} of {pooled.lookalike_checks}; "
          f"false findings per packet: {pooled.false_per_packet:.3f}; extraction.low_confidence: "
          f"{pooled.low_confidence} of {pooled.document_values} values = {pooled.low_confidence_share:.2%}")
    return {"rules": rows, "precision": tot.precision, "recall": tot.recall,
            "lookalike_fp": pooled.lookalike_fp, "false_per_packet": pooled.false_per_packet,
            "low_confidence_share": pooled.low_confidence_share, "packets": pooled.packets}


def report(scores: FindingScores, truth: FindingScores, fill: FillScores, by_scenario: dict[str, list[int]],
           elapsed: float, args: argparse.Namespace, condition: str) -> dict:
    print(f"\n{scores.packets} packets ({scores.clean_packets} clean), condition {condition}, "
          f"calibrate={args.calibrate}, {'rules only' if args.rules_only else 'credintake batch'} "
          f"{args.workers} workers, {elapsed:.0f}s")
    print(f"\n{'rule':36s} {'exp':>4s} {'tp':>4s} {'fn':>4s} {'fp':>4s} {'recall':>7s} {'precision':>9s}"
          f"   | perfect extraction R / P")
    rows = {}
    for rule in sorted(set(scores.per_rule) | set(truth.per_rule)):
        p, t = scores.per_rule[rule], truth.per_rule[rule]
        rows[rule] = {"expected": p.tp + p.fn, "tp": p.tp, "fn": p.fn, "fp": p.fp, "recall": p.recall,
                      "precision": p.precision, "truth_recall": t.recall, "truth_precision": t.precision}
        print(f"{rule:36s} {p.tp + p.fn:4d} {p.tp:4d} {p.fn:4d} {p.fp:4d} {p.recall:7.3f} {p.precision:9.3f}"
              f"   | {t.recall:.3f} / {t.precision:.3f}")
    tot = scores.total()
    print(f"{'all rules':36s} {tot.tp + tot.fn:4d} {tot.tp:4d} {tot.fn:4d} {tot.fp:4d} {tot.recall:7.3f} "
          f"{tot.precision:9.3f}")
    print(f"\nlook-alike false positives: {scores.lookalike_fp} (of {scores.lookalike_checks} forbidden "
          f"findings checked; perfect extraction {truth.lookalike_fp})")
    print(f"false findings per packet: {scores.false_per_packet:.3f} "
          f"({scores.total().fp} false alarms and look-alike hits in {scores.packets} packets)")
    print(f"extraction.low_confidence: {scores.low_confidence} of {scores.document_values} document "
          f"values = {scores.low_confidence_share:.2%}")
    print(f"severity agreement on true positives: {scores.severity_agree}/{scores.severity_total}")
    print(f"profile fill (blank applications): {fill.correct}/{fill.compared} = {fill.accuracy:.4f} "
          f"({fill.empty} left empty)")
    print("\npackets scored without any miss or false alarm, by scenario:")
    for name in sorted(by_scenario):
        ok, n = by_scenario[name]
        print(f"  {name:22s} {ok}/{n}{'  (look-alike)' if name in LOOKALIKES else ''}")
    if scores.out_of_scope:
        print(f"out-of-scope findings (not scored): {dict(scores.out_of_scope)}")
    for line in scores.misses[:25]:
        print("  miss", line)
    for line in scores.false_alarms[:25]:
        print("  false alarm", line)
    for line in scores.lookalike_hits[:15]:
        print("  look-alike hit", line)
    weak = sorted(((k, v) for k, v in fill.per_field.items() if v[0] < v[1]), key=lambda kv: kv[1][0] / kv[1][1])
    for key, (ok, n) in weak[:12]:
        print(f"  fill {key:36s} {ok}/{n}")
    for line in fill.errors[:20]:
        print("  fill error", line)
    for line in scores.low_confidence_values[:15]:
        print("  low confidence", line)
    return {"rules": rows, "lookalike_fp": scores.lookalike_fp, "fill_accuracy": fill.accuracy,
            "precision": tot.precision, "recall": tot.recall,
            "false_per_packet": scores.false_per_packet,
            "low_confidence_share": scores.low_confidence_share}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=9101)
    parser.add_argument("--packets", type=int, default=90)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--fresh", action="store_true", help="regenerate the packets")
    parser.add_argument("--conditions", "--condition", nargs="+", choices=CONDITIONS, default=["text"],
                        help="degrade the packets first (sample_docs.conditions); default text")
    parser.add_argument("--holdout", action="store_true",
                        help="build every document from the held-out templates")
    parser.add_argument("--calibrate", choices=("off", "ocr", "all"), default=Settings().confidence.calibrate,
                        help="confidence.calibrate applied to the raw readings (default: the setting)")
    parser.add_argument("--rules-only", action="store_true",
                        help="re-run only calibration and rules on the previous run's raw results")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a rule setting (e.g. min_confidence_to_flag=0.5)")
    parser.add_argument("--work", default=str(ROOT / "bench/out/findings"))
    parser.add_argument("--json", help="write the summary here")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
