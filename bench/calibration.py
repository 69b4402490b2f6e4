"""Does a field confidence of 0.8 mean right 80% of the time? ECE and reliability tables.

    .venv/bin/python bench/calibration.py [--seed 9001] [--packets 6]
        [--conditions text scan fax] [--workers 1] [--work bench/out/calibration]
        [--holdout] [--realdocs /tmp/rd-out] [--no-run] [--skip-generated]

Held-out generated packets (``--seed``; the calibration is fitted on seed 77 by
``models/train_field_confidence.py``) are degraded to each condition and run through
``credintake batch`` with the calibration off; every value is judged against the labels
(``evaluation.field_outcomes``), then the committed calibration is applied to the same
values in-process (the function the pipeline calls), so one batch run gives the expected
calibration error (ECE, 10 equal-width bins) per condition under each
``confidence.calibrate`` mode (off, all, ocr) and the reliability tables (count, mean
confidence, accuracy per bin) of all conditions pooled. ``--realdocs`` scores the result
JSONs that bench/realdocs.py wrote under its ``--out`` against the real documents' labels
(with the confidences that run's ``confidence.calibrate`` gave them).

2026-12-06, helper H4 (fit: the raw values of bench/findings.py seed 9111, 12 packets per
condition, held-out templates, six conditions; checked on seed 9201, never used before),
ECE off / ocr / all: text 0.127 / 0.127 / 0.001, docx 0.104 / 0.104 / 0.009, scan 0.151 /
0.010, rotated 0.156 / 0.010, photo 0.154 / 0.008, fax 0.176 / 0.026, pooled 0.148 / 0.036
/ 0.009. Real documents (830 values, 34 OCR'd): off 0.031, ocr 0.029, all 0.131 (text
values made ~0.99 where real unseen layouts are right 86%). Hence the default ``ocr``
(docs/decisions.md). bench/findings.py prints the same table for its own runs.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from credintake.evaluation import FieldOutcome, calibration_error, field_outcomes, reliability
from credintake.models import field_confidence as fc
from credintake.models.train_field_confidence import collect, context

ROOT = Path(__file__).resolve().parents[1]
_MODES = ("off", "all", "ocr")  # confidence.calibrate


def calibrated(outcomes: list[FieldOutcome], calibration: fc.Calibration, mode: str
               ) -> list[tuple[float, bool]]:
    """(confidence, right) as the pipeline would report them under ``confidence.calibrate``."""
    return [(round(calibration.probability(o.confidence, context(o)), 3)
             if mode == "all" or (mode == "ocr" and o.ocr) else o.confidence, o.correct)
            for o in outcomes]


def table(title: str, pairs: list[tuple[float, bool]]) -> list[dict]:
    print(f"\n{title}: {len(pairs)} values, ECE {calibration_error(pairs):.4f}")
    print(f"  {'bin':>11s} {'count':>6s} {'mean conf':>9s} {'accuracy':>8s}")
    rows = []
    for b in reliability(pairs):
        print(f"  {b.lo:.1f} - {b.hi:.1f} {b.count:6d} {b.mean_confidence:9.3f} {b.accuracy:8.3f}")
        rows.append(vars(b))
    return rows


def generated(args: argparse.Namespace, calibration: fc.Calibration) -> dict:
    outcomes = collect(args.seed, args.packets, args.conditions, Path(args.work), args.workers,
                       run=not args.no_run, holdout=args.holdout)
    print(f"{'condition':10s} {'values':>6s} {'right':>6s} " + " ".join(f"{m:>8s}" for m in _MODES))
    summary: dict = {"conditions": {}}
    for condition in sorted({o.condition for o in outcomes}):
        part = [o for o in outcomes if o.condition == condition]
        eces = {m: calibration_error(calibrated(part, calibration, m)) for m in _MODES}
        right = sum(o.correct for o in part) / len(part)
        print(f"{condition:10s} {len(part):6d} {right:6.3f} "
              + " ".join(f"{eces[m]:8.4f}" for m in _MODES))
        summary["conditions"][condition] = {"values": len(part), "right": right, "ece": eces}
    for mode in _MODES:
        summary[mode] = table(f"confidence.calibrate={mode}, all conditions",
                              calibrated(outcomes, calibration, mode))
    return summary


def real(results: Path, manifest_path: Path, calibration: fc.Calibration) -> dict:
    """bench/realdocs.py's result JSONs against its labels, under each ``confidence.calibrate``
    mode applied here to the raw confidences: run bench/realdocs.py with the calibration off
    (``CREDINTAKE_CONFIDENCE__CALIBRATE=off``), or its confidences are calibrated twice."""
    from realdocs import labels_for, packet_name

    manifest = json.loads(manifest_path.read_text())["files"]
    outcomes: list[FieldOutcome] = []
    for item in manifest:
        path = results / f"{packet_name(item['file'])}.json"
        if path.exists():
            outcomes += field_outcomes(json.loads(path.read_text()), labels_for(item))
    print(f"\nreal documents: {len(outcomes)} values ({sum(o.ocr for o in outcomes)} OCR'd), "
          f"{sum(o.correct for o in outcomes) / max(len(outcomes), 1):.3f} right; ECE "
          + ", ".join(f"{m} {calibration_error(calibrated(outcomes, calibration, m)):.4f}" for m in _MODES))
    return {mode: table(f"real documents, confidence.calibrate={mode}", calibrated(outcomes, calibration, mode))
            for mode in _MODES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=9001)
    parser.add_argument("--packets", type=int, default=6)
    parser.add_argument("--conditions", nargs="+", default=["text", "scan", "fax"])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--work", default=str(ROOT / "bench/out/calibration"))
    parser.add_argument("--realdocs", type=Path, help="a bench/realdocs.py --out directory")
    parser.add_argument("--manifest", type=Path,
                        default=ROOT.parent / "shared" / "realdocs-dev" / "manifest.json")
    parser.add_argument("--holdout", action="store_true",
                        help="generate every document from the held-out templates")
    parser.add_argument("--skip-generated", action="store_true")
    parser.add_argument("--no-run", action="store_true",
                        help="score the batch results already under --work")
    args = parser.parse_args()
    calibration = fc.load()
    summary = {} if args.skip_generated else generated(args, calibration)
    if args.realdocs:
        summary["realdocs"] = real(args.realdocs, args.manifest, calibration)
    Path(args.work).mkdir(parents=True, exist_ok=True)
    (Path(args.work) / "summary.json").write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
