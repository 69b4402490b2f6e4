"""Accuracy and throughput of the whole pipeline on a freshly generated labeled set.

    .venv/bin/python bench/accuracy.py [--seed 9001] [--packets 40] [--workers 2]
    .venv/bin/python bench/accuracy.py --holdout [...]
    .venv/bin/python bench/accuracy.py --condition fax --packets 8 [--examples 3]

``--condition`` (text, scan, rotated, fax, photo, docx, image_values) degrades the generated packets with
``sample_docs.conditions`` before the batch runs and scores only the documents of that
condition; it also prints page splitting (``evaluation.score_split``: share of pages in
the right document, fax cover sheets included) and, with ``--examples N``, up to N wrong
values of each of the worst fields, with the OCR line nearest the expected value.

The packets come from a seed the committed model was not trained on (training uses seed 1).
They go end to end through ``credintake batch`` (a subprocess, as a user runs it), and the
results are scored against the generator's labels with credintake.evaluation: per doc type
classification accuracy and field precision/recall/F1, plus CV entry F1, plus pages/s.

``--holdout`` is the held-out-template run: a classifier is trained here on every template
except the held-out ones (``sample_docs.templates.HOLDOUT_TEMPLATES``, one per type), the
batch runs with it, and only documents from the held-out templates are scored: layouts the
model never saw. Said plainly: the classifier and the learned field scorer never saw
these layouts, but the label-anchored extractors were checked against five of them (the
real-geometry board look-up, DEA certificate, certification profile, ACORD 25 2016/03 and
AHA eCard templates) while those were written, so for those types the held-out score
measures the learned parts more than the extractors (docs/decisions.md).
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

from credintake.evaluation import Scores, SplitScore, score_packet, score_split, \
    values_equal
from credintake.sample_docs.conditions import CONDITIONS, LABEL_CONDITION, degrade_batch
from credintake.sample_docs.generate import generate_batch
from credintake.sample_docs.templates import HOLDOUT_TEMPLATES

ROOT = Path(__file__).resolve().parents[1]


def count_pages(packets: Path) -> int:
    """Pages of every PDF, TIFF frame and image; a DOCX counts as one page (its pages are
    the reader's pseudo-pages)."""
    from PIL import Image

    total = 0
    for pdf in packets.rglob("*.pdf"):
        doc = pdfium.PdfDocument(pdf)
        total += len(doc)
        doc.close()
    for tif in list(packets.rglob("*.tif")) + list(packets.rglob("*.tiff")):
        with Image.open(tif) as image:
            total += getattr(image, "n_frames", 1)
    for ext in ("png", "jpg", "jpeg", "docx"):
        total += len(list(packets.rglob(f"*.{ext}")))
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
    condition = getattr(args, "condition", "text")
    if condition != "text":
        src, gen = gen, work / f"gen_{condition}"
        if args.fresh or not (gen / "labels").exists():
            shutil.rmtree(gen, ignore_errors=True)
            degrade_batch(src, gen, condition, seed=args.seed)
    env = dict(os.environ)
    held: set[str] | None = None
    if args.holdout:
        held = set(HOLDOUT_TEMPLATES)
        env["CREDINTAKE_CLASSIFIER__MODEL_PATH"] = str(train_holdout(work))
    out = work / ("results_holdout" if held else "results")
    if condition != "text":
        out = out.with_name(f"{out.name}_{condition}")
    start = time.perf_counter()
    if not getattr(args, "score_only", False):
        subprocess.run([str(ROOT / ".venv/bin/credintake"), "batch", str(gen / "packets"), "-o",
                        str(out), "--workers", str(args.workers), "--as-of", "2026-11-22"],
                       check=True, env=env)
    elapsed = time.perf_counter() - start
    if getattr(args, "score_only", False):  # throughput from the run that wrote the results
        previous = work / f"summary_{out.name}.json"
        elapsed = json.loads(previous.read_text()).get("elapsed_s", float("nan")) \
            if previous.exists() else float("nan")
    pages = count_pages(gen / "packets")
    scores = Scores()
    want = LABEL_CONDITION[condition]
    keep = (lambda label: label.get("template") in held and label.get("condition", "text") == want) \
        if held else (lambda label: label.get("condition", "text") == want)
    split = SplitScore()
    errors: list[dict] = []
    for labels_path in sorted((gen / "labels").glob("*.json")):
        labels = json.loads(labels_path.read_text())
        result = json.loads((out / f"{labels['packet_id']}.json").read_text())
        score_packet(result, labels, scores, keep)
        split.add(score_split(result, labels))
        errors += field_errors(result, labels, keep)
    summary = report(scores, pages, elapsed, args)
    summary["elapsed_s"], summary["pages"] = elapsed, pages
    pooled = pooled_fields(scores)
    summary["all_fields"] = {"precision": pooled.precision, "recall": pooled.recall, "f1": pooled.f1,
                             "tp": pooled.tp, "fp": pooled.fp, "fn": pooled.fn}
    print(f"all fields pooled (micro): P {pooled.precision:.3f} R {pooled.recall:.3f} "
          f"F1 {pooled.f1:.3f} (tp {pooled.tp} fp {pooled.fp} fn {pooled.fn})")
    summary["split"] = {"right": split.right, "total": split.total, "accuracy": split.accuracy,
                        "documents": split.documents, "exact": split.exact}
    print(f"page splitting: {split.right}/{split.total} pages in the right document "
          f"= {split.accuracy:.4f}; {split.exact}/{split.documents} documents cut exactly")
    for line in split.wrong[:10]:
        print(f"  split error {line}")
    summary["cv"] = cv_summary(scores, errors)
    summary["condition"] = condition
    summary["examples"] = show_examples(errors, scores, gen / "packets",
                                        getattr(args, "examples", 0))
    rescored = "_rescored" if getattr(args, "score_only", False) else ""
    (work / f"summary_{out.name}{rescored}.json").write_text(json.dumps(summary, indent=2, default=str))
    return summary


def pooled_fields(scores: Scores):
    """Every field of every doc type in one P/R/F1 (micro average): the acceptance number."""
    from credintake.evaluation import PRF

    total = PRF()
    for prf in scores.fields.values():
        total.add(prf)
    return total


def cv_summary(scores: Scores, errors: list[dict]) -> dict | None:
    """CV header fields with the phone compared by its digits (the extractor writes
    "458-358-5127" where the CV printed "(458) 358-5127"; ``evaluation`` compares phones
    exactly), and header fields + entries pooled (the DOCX acceptance number)."""
    import re

    from credintake.evaluation import PRF

    if "cv" not in scores.fields:
        return None
    f = scores.fields["cv"]
    digits = lambda v: re.sub(r"\D", "", str(v or ""))  # noqa: E731
    same = sum(1 for e in errors if e["key"] == "cv.phone" and e["expected"] and e["got"]
               and digits(e["expected"]) == digits(e["got"]))
    header = PRF(f.tp + same, f.fp - same, f.fn - same)
    pooled = PRF(header.tp, header.fp, header.fn)
    for prf in scores.entries.values():
        pooled.add(prf)
    print(f"cv header fields, phone by digits: P {header.precision:.3f} R {header.recall:.3f} "
          f"F1 {header.f1:.3f}; header + entries pooled F1 {pooled.f1:.3f}")
    return {"header_phone_digits": {"precision": header.precision, "recall": header.recall,
                                    "f1": header.f1}, "header_plus_entries_f1": pooled.f1,
            "entries": {k: {"precision": v.precision, "recall": v.recall, "f1": v.f1}
                        for k, v in scores.entries.items()}}


def field_errors(result: dict, labels: dict, keep) -> list[dict]:
    """Every wrong, missing or extra field value of correctly typed documents, with what the
    label printed and what the extractor returned (value and raw), for the error examples."""
    from credintake.evaluation import _pair

    rows = []
    for label in labels["documents"]:
        if keep is not None and not keep(label):
            continue
        doc = _pair(label, result["documents"])
        if not doc or doc["doc_type"] != label["doc_type"]:
            continue
        want, got = label.get("fields", {}), doc.get("fields", {})
        for name in set(want) | set(got):
            g = got.get(name) or {}
            if name in want and name in got and values_equal(name, want[name], g.get("value")):
                continue
            rows.append({"key": f"{label['doc_type']}.{name}", "packet": labels["packet_id"],
                         "file": label["file"], "pages": label["pages"],
                         "template": label.get("template"),
                         "expected": want.get(name), "expected_raw": (label.get("raw") or {}).get(name),
                         "got": g.get("value"), "got_raw": g.get("raw"), "got_page": g.get("page")})
    return rows


def show_examples(errors: list[dict], scores: Scores, packets: Path, per_field: int) -> list[dict]:
    """Print up to ``per_field`` errors of each of the 8 worst fields; with OCR'd files, the
    OCR line that best matches the expected printed text (the page is read again)."""
    if per_field <= 0:
        return []
    from rapidfuzz import fuzz

    from credintake.extractor.read.registry import planner_for, reader_for, sniff
    from credintake.settings import get_settings

    settings = get_settings()
    worst = [k for k, v in sorted(scores.per_field.items(), key=lambda kv: kv[1].f1)
             if v.f1 < 0.95][:8]
    shown = []
    for key in worst:
        rows = sorted((e for e in errors if e["key"] == key), key=lambda e: e["got"] is None)
        for row in rows[:per_field]:
            data = (packets / row["packet"] / row["file"]).read_bytes()
            kind = sniff(data)
            line, best = None, 0.0
            target = str(row["expected_raw"] or row["expected"] or "")
            if target and kind:
                planner = planner_for(kind)
                for number in row["pages"][:2]:
                    if planner is not None:
                        plan = planner(row["file"], data, settings)
                        page = plan.pages[number - 1] or plan.read_page(row["file"], data, number,
                                                                        settings)
                    else:
                        page = reader_for(kind)(row["file"], data, settings)[number - 1]
                    for ln in page.lines:  # short lines match anything partially
                        a, b = target.lower(), ln.text.lower()
                        score = fuzz.partial_ratio(a, b) if len(b) >= 0.6 * len(a) else \
                            fuzz.ratio(a, b)
                        if score > best:
                            line, best = ln.text, score
            row["ocr_line"] = line
            shown.append(row)
            print(f"  example {key}: expected {row['expected']!r} (printed {row['expected_raw']!r}) "
                  f"got {row['got']!r} (raw {row['got_raw']!r}); nearest read line {line!r} "
                  f"[{row['template']}]")
    return shown


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
    parser.add_argument("--condition", choices=CONDITIONS, default="text",
                        help="degrade the packets first (sample_docs.conditions); default text")
    parser.add_argument("--score-only", action="store_true",
                        help="score the results already written (no batch run)")
    parser.add_argument("--examples", type=int, default=0,
                        help="show up to N wrong values of each of the worst fields")
    parser.add_argument("--work", default=str(ROOT / "bench/out/accuracy"))
    run(parser.parse_args())


if __name__ == "__main__":
    main()
