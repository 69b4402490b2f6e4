"""Findings recall/precision per rule, look-alike false positives, blank-application profile fill.

    .venv/bin/python bench/findings.py [--seed 9101] [--packets 90] [--workers 2] [--fresh]
                                       [--condition text|scan|rotated|fax|photo|docx]

Packets come from ``generate_packet(..., scenarios=[...])`` (sample_docs/scenarios.py) with a
seed the rules' tests never used: every sixth packet has no scenario (a clean packet: any
finding but the baseline ones is a false alarm), the others one scenario (sometimes two),
cycling through every condition and look-alike so each is seen about equally often; every
third packet has a blank application (profile fill is scored on those). The packets go end
to end through ``credintake batch`` (a subprocess, as bench/accuracy.py does) and are scored
with credintake.findings_eval (its docstring states the matching policy).

``--condition`` degrades the packets first (sample_docs.conditions: scans, faxes, phone photos,
Word CVs), so the rules are measured on imperfect readings. Besides per-rule precision and recall
the report gives the false findings per packet (false alarms and look-alike hits, all rules) and
the share of document values sent to ``extraction.low_confidence`` (a warning asking a person to
look at a value the rules did not trust; not scored as a true or false finding).

``--rules-only`` re-runs only the rules engine on the documents of the previous run's results
(same --work and --condition; no reading, seconds instead of minutes): for tuning rule settings
such as ``min_confidence_to_flag`` (``--set NAME=VALUE``) on imperfect readings. Findings that
come from the reading stage's problems (document.*) are carried over from those results.

The same labels are also run through the rules engine with *perfect extraction* (the
labels as documents, sample_docs.truth): a rule that reaches its target there but not end
to end misses because of extraction, and the misses are listed with their fields.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import subprocess
import time
from pathlib import Path

from credintake.contract import Application, Document
from credintake.findings_eval import FillScores, FindingScores, score_findings, score_profile
from credintake.rules import evaluate
from credintake.sample_docs.conditions import CONDITIONS, degrade_batch
from credintake.sample_docs.generate import generate_packet
from credintake.sample_docs.scenarios import ALL, LOOKALIKES, NEEDS_APPLICATION, RESOURCE
from credintake.sample_docs.truth import expected_result
from credintake.settings import RuleSettings, Settings

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


def generate(seed: int, count: int, gen: Path) -> None:
    for i, (names, blank) in enumerate(plan(seed, count)):
        generate_packet(seed * 1000 + i, gen, scenarios=names, blank_application=blank, as_of=AS_OF)


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


def rerun_rules(gen: Path, out: Path, settings: RuleSettings) -> None:
    """Re-evaluate the rules on the documents of the results in ``out`` (rewritten in place)."""
    for path in sorted(out.glob("*.json")):
        result = json.loads(path.read_text())
        app_path = gen / "packets" / path.stem / "application.json"
        app = Application.model_validate_json(app_path.read_text()) if app_path.exists() else None
        docs = [Document.model_validate(d) for d in result["documents"]]
        ev = evaluate(docs, app, [], as_of=dt.date.fromisoformat(AS_OF), settings=settings)
        kept = [f for f in result["findings"] if f["rule"] in _READING_RULES]
        result["findings"] = kept + [f.model_dump(mode="json", exclude_none=True) for f in ev.findings]
        result["profile"] = ev.profile.model_dump(mode="json", exclude_none=True)
        path.write_text(json.dumps(result, indent=1))


def run(args: argparse.Namespace) -> dict:
    work = Path(args.work)
    gen = work / "gen"
    if args.fresh or not (gen / "labels").exists():
        shutil.rmtree(gen, ignore_errors=True)
        generate(args.seed, args.packets, gen)
    text_gen = gen
    if args.condition != "text":
        gen = work / f"gen_{args.condition}"
        if args.fresh or not (gen / "labels").exists():
            shutil.rmtree(gen, ignore_errors=True)
            degrade_batch(text_gen, gen, args.condition, seed=args.seed)
            if args.condition == "docx":
                add_text_files(text_gen, gen)
    out = work / f"results_{args.condition}"
    start = time.perf_counter()
    if args.rules_only:
        rerun_rules(gen, out, rule_settings(args.set))
    else:
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([str(ROOT / ".venv/bin/credintake"), "batch", str(gen / "packets"), "-o", str(out),
                        "--workers", str(args.workers), "--as-of", AS_OF], check=True)
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
    return report(scores, truth, fill, by_scenario, elapsed, args)


def report(scores: FindingScores, truth: FindingScores, fill: FillScores, by_scenario: dict[str, list[int]],
           elapsed: float, args: argparse.Namespace) -> dict:
    print(f"\n{scores.packets} packets ({scores.clean_packets} clean), condition {args.condition}, "
          f"credintake batch {args.workers} workers, {elapsed:.0f}s")
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
            "false_per_packet": scores.false_per_packet,
            "low_confidence_share": scores.low_confidence_share}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=9101)
    parser.add_argument("--packets", type=int, default=90)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fresh", action="store_true", help="regenerate the packets")
    parser.add_argument("--condition", choices=CONDITIONS, default="text",
                        help="degrade the packets first (sample_docs.conditions); default text")
    parser.add_argument("--rules-only", action="store_true",
                        help="re-run only the rules on the documents of the previous run's results")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a rule setting for --rules-only (e.g. min_confidence_to_flag=0.5)")
    parser.add_argument("--work", default=str(ROOT / "bench/out/findings"))
    run(parser.parse_args())


if __name__ == "__main__":
    main()
