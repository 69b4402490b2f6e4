"""Findings recall/precision per rule, look-alike false positives, blank-application profile fill.

    .venv/bin/python bench/findings.py [--seed 9101] [--packets 90] [--workers 2] [--fresh]

Packets come from ``generate_packet(..., scenarios=[...])`` (sample_docs/scenarios.py) with a
seed the rules' tests never used: every sixth packet has no scenario (a clean packet: any
finding but the baseline ones is a false alarm), the others one scenario (sometimes two),
cycling through every condition and look-alike so each is seen about equally often; every
third packet has a blank application (profile fill is scored on those). The packets go end
to end through ``credintake batch`` (a subprocess, as bench/accuracy.py does) and are scored
with credintake.findings_eval (its docstring states the matching policy).

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

from credintake.contract import Application
from credintake.findings_eval import FillScores, FindingScores, score_findings, score_profile
from credintake.rules import evaluate
from credintake.sample_docs.generate import generate_packet
from credintake.sample_docs.scenarios import ALL, LOOKALIKES, NEEDS_APPLICATION, RESOURCE
from credintake.sample_docs.truth import expected_result
from credintake.settings import Settings

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


def run(args: argparse.Namespace) -> dict:
    work = Path(args.work)
    gen = work / "gen"
    if args.fresh or not (gen / "labels").exists():
        shutil.rmtree(gen, ignore_errors=True)
        generate(args.seed, args.packets, gen)
    out = work / "results"
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
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
    truth = truth_scores(gen)
    return report(scores, truth, fill, by_scenario, elapsed, args)


def report(scores: FindingScores, truth: FindingScores, fill: FillScores, by_scenario: dict[str, list[int]],
           elapsed: float, args: argparse.Namespace) -> dict:
    print(f"\n{scores.packets} packets ({scores.clean_packets} clean), credintake batch "
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
    return {"rules": rows, "lookalike_fp": scores.lookalike_fp, "fill_accuracy": fill.accuracy}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=9101)
    parser.add_argument("--packets", type=int, default=90)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fresh", action="store_true", help="regenerate the packets")
    parser.add_argument("--work", default=str(ROOT / "bench/out/findings"))
    run(parser.parse_args())


if __name__ == "__main__":
    main()
