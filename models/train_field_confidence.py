"""Fit the field-confidence calibration on generated documents and commit the artefact.

    python -m credintake.models.train_field_confidence [--seed 77] [--packets 8]
        [--conditions text scan fax] [--workers 2] [--work bench/out/field_confidence]
        [--out models/artifacts/field_confidence.json] [--no-run]
        [--findings-tag 9111_12_holdout --work bench/out/findings]   # a findings run's raw values

Refit after changing an extractor (a few minutes: the scan and fax packets are OCR'd).
Packets are generated from ``--seed`` (never the classifier's seed 1 nor the bench's 9001,
which bench/calibration.py keeps for the held-out check), degraded to each condition
(``sample_docs.conditions``) and run through ``credintake batch`` with the calibration
switched off (``CREDINTAKE_CONFIDENCE__CALIBRATE=off``), so the fit sees the extractors'
raw confidences. Every extracted value is judged right or wrong against the generator's
labels (``evaluation.field_outcomes``) and a logistic regression is fitted to those
outcomes; its weights go to a small JSON artefact (``models.field_confidence``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from credintake.evaluation import FieldOutcome, calibration_error, field_outcomes
from credintake.models import field_confidence as fc
from credintake.sample_docs.conditions import LABEL_CONDITION, degrade_batch
from credintake.sample_docs.generate import generate_batch
from credintake.sample_docs.templates import HOLDOUT_TEMPLATES

ROOT = Path(__file__).resolve().parents[1]
#: Inverse regularisation strength: per-field offsets from a few dozen values each must
#: not swing to the extremes (a field always right in training is not always right).
_C = 0.5


def collect(seed: int, packets: int, conditions: list[str], work: Path, workers: int,
            run: bool = True, holdout: bool = False) -> list[FieldOutcome]:
    """Generate (once per work dir), degrade, run ``credintake batch`` with the calibration
    off (``run=False``: use the results of the last run), judge every value. ``holdout``:
    every document from the held-out templates (bench/calibration.py's check on layouts
    the readers never saw)."""
    tag = f"{seed}_{packets}{'_holdout' if holdout else ''}"
    gen = work / f"gen_{tag}"
    if not (gen / "labels").exists():
        shutil.rmtree(gen, ignore_errors=True)
        generate_batch(seed, packets, gen,
                       template_filter=HOLDOUT_TEMPLATES.__contains__ if holdout else None)
    env = {**os.environ, "CREDINTAKE_CONFIDENCE__CALIBRATE": "off"}
    outcomes: list[FieldOutcome] = []
    for condition in conditions:
        src = gen if condition == "text" else work / f"gen_{tag}_{condition}"
        if condition != "text" and not (src / "labels").exists():
            shutil.rmtree(src, ignore_errors=True)
            degrade_batch(gen, src, condition, seed=seed)
        out = work / f"results_{tag}_{condition}_raw"
        if run:
            _batch(src / "packets", out, workers, env)
        want = LABEL_CONDITION[condition]
        for labels_path in sorted((src / "labels").glob("*.json")):
            labels = json.loads(labels_path.read_text())
            result = json.loads((out / f"{labels['packet_id']}.json").read_text())
            outcomes += [o for o in field_outcomes(result, labels) if o.condition == want]
    return outcomes


def collect_findings(work: Path, tag: str, conditions: list[str]) -> list[FieldOutcome]:
    """The raw values of a bench/findings.py run (its ``--work``; ``tag`` as it names its
    folders, e.g. ``9111_12_holdout``): that bench reads every condition with the
    calibration off and keeps the raw results, so no second OCR run is needed."""
    outcomes: list[FieldOutcome] = []
    for condition in conditions:
        gen = work / (f"gen_{tag}" if condition == "text" else f"gen_{tag}_{condition}")
        raw = work / f"raw_{tag}_{condition}"
        want = LABEL_CONDITION[condition]
        for labels_path in sorted((gen / "labels").glob("*.json")):
            labels = json.loads(labels_path.read_text())
            result = json.loads((raw / f"{labels['packet_id']}.json").read_text())
            outcomes += [o for o in field_outcomes(result, labels) if o.condition == want]
    return outcomes


def _batch(packets: Path, out: Path, workers: int, env: dict[str, str]) -> None:
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([str(Path(sys.executable).with_name("credintake")), "batch", str(packets),
                    "-o", str(out), "--workers", str(workers), "--as-of", "2026-11-22"],
                   check=True, env=env, stdout=subprocess.DEVNULL)


def context(o: FieldOutcome) -> fc.ValueContext:
    return fc.ValueContext(o.key, o.text_confidence, o.ocr)


def fit(outcomes: list[FieldOutcome]) -> fc.Calibration:
    """Logistic regression over ``field_confidence.features`` of the values of rightly
    typed documents (the type's own probability is ``doc_type_confidence``); weights by name."""
    outcomes = [o for o in outcomes if o.doc_type_right]
    rows = [fc.features(o.confidence, context(o)) for o in outcomes]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    y = [o.correct for o in outcomes]
    if len(set(y)) < 2:
        raise SystemExit("every value was right (or every one wrong): add scan/fax conditions")
    model = LogisticRegression(C=_C, max_iter=5000).fit(x, y)
    weights = {name: round(float(w), 5) for name, w in
               zip(vectorizer.get_feature_names_out(), model.coef_[0]) if abs(w) >= 1e-5}
    return fc.Calibration(intercept=round(float(model.intercept_[0]), 5), weights=weights)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=77)
    parser.add_argument("--packets", type=int, default=8)
    parser.add_argument("--conditions", nargs="+", default=["text", "scan", "fax"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=ROOT / "bench/out/field_confidence")
    parser.add_argument("--out", type=Path, default=fc.ARTIFACT)
    parser.add_argument("--no-run", action="store_true",
                        help="refit from the batch results already under --work")
    parser.add_argument("--findings-tag", metavar="SEED_PACKETS[_holdout]",
                        help="fit on the raw results of a bench/findings.py run under --work instead")
    args = parser.parse_args(argv)
    if args.findings_tag:
        outcomes = collect_findings(args.work, args.findings_tag, args.conditions)
    else:
        outcomes = collect(args.seed, args.packets, args.conditions, args.work, args.workers,
                           run=not args.no_run)
    calibration = fit(outcomes)
    fitted = [(calibration.probability(o.confidence, context(o)), o.correct) for o in outcomes]
    recipe = {"seed": args.seed, "packets": args.packets, "conditions": args.conditions,
              "findings_run": args.findings_tag,
              "values": len(outcomes), "right": sum(o.correct for o in outcomes),
              "raw_ece": round(calibration_error([(o.confidence, o.correct) for o in outcomes]), 4),
              "fitted_ece": round(calibration_error(fitted), 4), "C": _C,
              "generator": "credintake.sample_docs"}
    fc.save(calibration, args.out, recipe)
    print(json.dumps(recipe, indent=2))


if __name__ == "__main__":
    main()
