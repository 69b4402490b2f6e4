"""Accuracy and throughput of the whole pipeline on a freshly generated labeled set.

    .venv/bin/python bench/accuracy.py [--seed 9001] [--packets 40] [--workers 2]
    .venv/bin/python bench/accuracy.py --holdout [...]

The packets come from a seed the committed model was not trained on (training uses seed 1).
They go end to end through ``credintake batch`` (a subprocess, as a user runs it), and the
results are scored against the generator's labels with credintake.evaluation: per doc type
classification accuracy and field precision/recall/F1, plus CV entry F1, plus pages/s.

``--holdout`` is the held-out-template run: a classifier is trained here on every template
except the held-out ones (``sample_docs.templates.HOLDOUT_TEMPLATES``, one per type), the
batch runs with it, and only documents from the held-out templates are scored: layouts the
model never saw. (The field extractors were written from DOMAIN.md by people other than
the templates' author and are not trained; the held-out templates are the ones their
authors were asked not to tune against.)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

from credintake.evaluation import Scores, score_packet
from credintake.sample_docs.generate import generate_batch
from credintake.sample_docs.templates import HOLDOUT_TEMPLATES

ROOT = Path(__file__).resolve().parents[1]


def count_pages(packets: Path) -> int:
    total = 0
    for pdf in packets.rglob("*.pdf"):
        doc = pdfium.PdfDocument(pdf)
        total += len(doc)
        doc.close()
    return total


def train_holdout(work: Path) -> Path:
    model = work / "holdout_classifier.joblib"
    if not model.exists():
        subprocess.run([sys.executable, "-m", "credintake.models.train_doc_classifier",
                        "--exclude-holdout", "--seed", "3", "--out", str(model)], check=True)
    return model


def run(args: argparse.Namespace) -> dict:
    work = Path(args.work)
    gen = work / "gen"
    if args.fresh or not (gen / "labels").exists():
        shutil.rmtree(gen, ignore_errors=True)
        generate_batch(args.seed, args.packets, gen)
    env = dict(os.environ)
    held: set[str] | None = None
    if args.holdout:
        held = set(HOLDOUT_TEMPLATES)
        env["CREDINTAKE_CLASSIFIER__MODEL_PATH"] = str(train_holdout(work))
    out = work / ("results_holdout" if held else "results")
    start = time.perf_counter()
    subprocess.run([str(ROOT / ".venv/bin/credintake"), "batch", str(gen / "packets"), "-o", str(out),
                    "--workers", str(args.workers), "--as-of", "2026-11-22"], check=True, env=env)
    elapsed = time.perf_counter() - start
    pages = count_pages(gen / "packets")
    scores = Scores()
    keep = (lambda label: label.get("template") in held) if held else None
    for labels_path in sorted((gen / "labels").glob("*.json")):
        labels = json.loads(labels_path.read_text())
        result = json.loads((out / f"{labels['packet_id']}.json").read_text())
        score_packet(result, labels, scores, keep)
    return report(scores, pages, elapsed, args)


def report(scores: Scores, pages: int, elapsed: float, args: argparse.Namespace) -> dict:
    print(f"\n{'doc_type':24s} {'docs':>5s} {'class_acc':>9s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    rows = {}
    for doc_type in sorted(scores.docs):
        right, total = scores.docs[doc_type]
        f = scores.fields[doc_type]
        rows[doc_type] = {"docs": total, "accuracy": right / total, "precision": f.precision,
                          "recall": f.recall, "f1": f.f1}
        print(f"{doc_type:24s} {total:5d} {right / total:9.3f} {f.precision:6.3f} "
              f"{f.recall:6.3f} {f.f1:6.3f}")
    for kind, prf in scores.entries.items():
        print(f"cv entries {kind:14s} P {prf.precision:.3f} R {prf.recall:.3f} F1 {prf.f1:.3f}")
    print(f"overall classification accuracy {scores.classification_accuracy():.4f}; "
          f"calibration error (ECE) {scores.calibration_error():.4f}")
    print(f"throughput: {pages} pages in {elapsed:.1f}s = {pages / elapsed:.1f} pages/s "
          f"(credintake batch, {args.workers} workers)")
    weak = sorted(((k, v) for k, v in scores.per_field.items() if v.f1 < 0.95),
                  key=lambda kv: kv[1].f1)
    for key, prf in weak[:15]:
        print(f"  weak field {key:40s} P {prf.precision:.2f} R {prf.recall:.2f} (tp {prf.tp} "
              f"fp {prf.fp} fn {prf.fn})")
    for miss in scores.misses[:10]:
        print(f"  misclassified {miss}")
    return {"rows": rows, "pages_per_s": pages / elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=9001)
    parser.add_argument("--packets", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--holdout", action="store_true")
    parser.add_argument("--fresh", action="store_true", help="regenerate the packets")
    parser.add_argument("--work", default=str(ROOT / "bench/out/accuracy"))
    run(parser.parse_args())


if __name__ == "__main__":
    main()
