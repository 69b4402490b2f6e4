"""Accuracy on real public documents nobody here generated (../shared/realdocs-dev/).

    python3 ../shared/realdocs-dev/restore.py /work/.mirror realdocs     # once, git-ignored
    .venv/bin/python bench/realdocs.py [--docs realdocs] [--manifest ...] [--workers 2]
                                       [--examples] [--json bench/out/realdocs.json]

Every file becomes a packet of one and goes through ``credintake batch`` (a subprocess, as a
user runs it). The results are scored against the person-read labels of the manifest:
classification per labelled document, field precision/recall/F1 per type and per field
(credintake.evaluation, the same comparison as the generated-set bench), CV entries with
and without dates, and document splitting. The files are never trained on and never
committed: they belong to their owners.

Entry matching for real CVs: a work-history entry is matched on its employer, or on its
title where the label's employer is null (anonymised resumes print "Company Name"); an
education entry on its institution, or its degree where the institution is not printed.
Names match by ``credintake.evaluation.names_match``: a fragment cut off a name (its "Inc."
alone) does not count. Of the matched entries the summary also gives how many got their
title (work) or degree, and the training kind (internship/residency/fellowship), right.
An insurance certificate is expected to raise ``malpractice.not_professional_liability``
unless its record lists the rule under ``expected_findings_absent`` (it has a professional
row). "With dates" also requires every date the label gives (start, end) to be equal, and no
start date where the label has none printed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import Any

from credintake.evaluation import PRF, Scores, SplitScore, calibration_error, field_outcomes, \
    matched_entries, names_match, normalise, score_entries, score_packet, score_split, \
    values_equal
# the kind an application gives a CV's training line (rules/candidates.py owns the wording)
from credintake.rules.candidates import _education_kind as education_kind

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MANIFEST = ROOT.parent / "shared" / "realdocs-dev" / "manifest.json"


def labels_for(item: dict[str, Any]) -> dict[str, Any]:
    """The manifest's record of one file as evaluation labels: one label document per
    ``pages_truth`` entry; fields and entries go to the first one of the file's type."""
    documents, placed = [], False
    for part in item["pages_truth"]:
        doc = {"file": item["file"], "pages": part["pages"], "doc_type": part["doc_type"],
               "fields": {}, "entries": {}}
        if not placed and part["doc_type"] == item["doc_type"]:
            doc["fields"] = dict(item.get("fields") or {})
            doc["entries"] = dict(item.get("entries") or {})
            placed = True
        documents.append(doc)
    return {"packet_id": packet_name(item["file"]), "documents": documents}


def _docx_pages(labels: dict[str, Any], result: dict[str, Any]) -> None:
    """A Word file has no pages: the reader cuts it into pseudo-pages of 50 rows, and a label
    of "page 1" means the whole file. A single-document DOCX label takes every page read."""
    docs = labels["documents"]
    if labels["documents"][0]["file"].lower().endswith(".docx") and len(docs) == 1:
        docs[0]["pages"] = sorted({p for d in result["documents"] for p in d["pages"]}) or [1]


def _text(value: Any) -> str:
    value = value.get("value") if isinstance(value, dict) else value
    return value if isinstance(value, str) else ""


def _key(entry: dict[str, Any], kind: str) -> str:
    if kind == "work_history":
        return _text(entry.get("employer")) or _text(entry.get("title"))
    return _text(entry.get("institution")) or _text(entry.get("degree"))


def _alt_key(entry: dict[str, Any], kind: str) -> str:
    """The other identifying text of a predicted entry (its title, its degree)."""
    return _text(entry.get("title" if kind == "work_history" else "degree"))


def _plain(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.get("value") if isinstance(v, dict) else v) for k, v in entry.items()}


def entry_match(want: dict[str, Any], got: dict[str, Any], kind: str, dates: bool) -> bool:
    """The predicted entry names the labelled one (``names_match``: a fragment of the
    name, such as its legal suffix alone, does not) and, with ``dates``, has its dates."""
    key = _key(want, kind)
    if not key or not any(names_match(key, c) for c in (_key(got, kind), _alt_key(got, kind))):
        return False
    if not dates:
        return True
    return all(want.get(k) == _plain(got).get(k) for k in ("start_date", "end_date"))


def entry_details(want: list[dict[str, Any]], got: list[dict[str, Any]], kind: str
                  ) -> dict[str, list[int]]:
    """Of the entries matched without dates, how many got their other values right:
    [right, labelled]. ``title``/``degree`` only where the organisation was the key (a
    title that matched itself proves nothing); ``kind`` of a training entry as the
    application derives it from the degree wording (rules/candidates.py)."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    match = partial(entry_match, kind=kind, dates=False)
    other = "title" if kind == "work_history" else "degree"
    org = "employer" if kind == "work_history" else "institution"
    for w, g in matched_entries(want, got, match):
        if g is None:
            continue
        if w.get(other) and w.get(org):
            out[other][1] += 1
            out[other][0] += values_equal(other, w[other], g.get(other))
        if kind == "education" and w.get("kind"):
            out["kind"][1] += 1
            out["kind"][0] += education_kind(g.get("degree")) == w["kind"]
    return out


def packet_name(file: str) -> str:
    """One packet per file, named after the whole file name (a CV comes as .pdf and .docx)."""
    return file.replace(".", "_")


def restore(manifest: list[dict[str, Any]], mirrors: Path, dest: Path) -> None:
    """Each file of ``manifest`` from its repository snapshot (the search tool's fetch puts
    them under ``mirrors/owner+name/``) at its recorded commit, checked by sha256."""
    dest.mkdir(parents=True, exist_ok=True)
    for item in manifest:
        git_dir = mirrors / item["repo"].replace("/", "+") / "repo"
        blob = subprocess.run(["git", "--git-dir", str(git_dir), "show",
                               f"{item['commit']}:{item['path']}"], capture_output=True)
        if blob.returncode or hashlib.sha256(blob.stdout).hexdigest() != item["sha256"]:
            sys.exit(f"absent or changed: {item['repo']}:{item['path']}")
        (dest / item["file"]).write_bytes(blob.stdout)


def run_batch(files: list[Path], workers: int, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        packets = Path(tmp) / "packets"
        for path in files:
            packet = packets / packet_name(path.name)
            packet.mkdir(parents=True)
            shutil.copy(path, packet / path.name)
        subprocess.run([str(Path(sys.executable).parent / "credintake"), "batch", str(packets),
                        "-o", str(out), "--workers", str(workers), "--as-of", "2026-11-22"],
                       check=True)


def score(manifest: list[dict[str, Any]], out: Path, examples: bool) -> dict[str, Any]:
    scores, split = Scores(), SplitScore()
    entries: dict[str, PRF] = defaultdict(PRF)
    details: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    not_professional: list[int] = [0, 0]
    confidences: list[tuple[float, bool]] = []  # every extracted value: (confidence, right)
    report: list[str] = []
    for item in manifest:
        result = json.loads((out / f"{packet_name(item['file'])}.json").read_text())
        labels = labels_for(item)
        _docx_pages(labels, result)
        score_packet(result, labels, scores)
        split.add(score_split(result, labels))
        confidences += [(o.confidence, o.correct) for o in field_outcomes(result, labels)]
        main = next(d for d in labels["documents"] if d["entries"] or d["fields"]
                    or d["doc_type"] == item["doc_type"])
        got_doc = _paired(main, result["documents"])
        if item["doc_type"] == "cv":
            for kind in ("work_history", "education"):
                want = (item.get("entries") or {}).get(kind, [])
                got = ((got_doc or {}).get("entries") or {}).get(kind, [])
                for dates in (True, False):
                    entries[f"{kind}{'' if dates else ' (no dates)'}"].add(
                        score_entries(want, got, partial(entry_match, kind=kind, dates=dates)))
                for name, (right, total) in entry_details(want, got, kind).items():
                    details[f"{kind}.{name}"][0] += right
                    details[f"{kind}.{name}"][1] += total
                if examples:
                    report.append(_entry_report(item["file"], kind, want, got))
        if item["doc_type"] == "malpractice_insurance":
            rule = "malpractice.not_professional_liability"
            wanted = rule not in item.get("expected_findings_absent", [])
            raised = any(f["rule"] == rule for f in result["findings"])
            not_professional[1] += 1
            not_professional[0] += raised == wanted
        if examples:
            report.append(_field_report(item, main, got_doc))
    return {"scores": scores, "split": split, "entries": entries, "entry_details": details,
            "not_professional": not_professional, "report": report, "confidences": confidences}


def _paired(label: dict[str, Any], predicted: list[dict[str, Any]]) -> dict[str, Any] | None:
    best, overlap = None, 0
    for doc in predicted:
        shared = len(set(doc["pages"]) & set(label["pages"]))
        if shared > overlap:
            best, overlap = doc, shared
    return best


def _field_report(item: dict[str, Any], label: dict[str, Any], doc: dict[str, Any] | None
                  ) -> str:
    got = {k: v["value"] for k, v in ((doc or {}).get("fields") or {}).items()}
    lines = [f"## {item['file']}: {item['doc_type']} -> {(doc or {}).get('doc_type')} "
             f"({(doc or {}).get('doc_type_confidence', 0):.2f})"]
    for name in sorted(set(label["fields"]) | set(got)):
        want = label["fields"].get(name)
        mark = "ok " if want is not None and name in got and \
            normalise(name, want) == normalise(name, got[name]) else "XX "
        lines.append(f"  {mark}{name}: want {want!r} got {got.get(name)!r}")
    return "\n".join(lines)


def _entry_report(file: str, kind: str, want: list[dict[str, Any]],
                  got: list[dict[str, Any]]) -> str:
    fmt = ("{employer}|{title}|{start_date}..{end_date}" if kind == "work_history"
           else "{institution}|{degree}|{start_date}..{end_date}")
    lines = [f"  {file} {kind}: want {len(want)} got {len(got)}"]
    lines += ["    W " + fmt.format_map(defaultdict(lambda: None, w)) for w in want]
    lines += ["    G " + fmt.format_map(defaultdict(lambda: None, _plain(g))) for g in got]
    return "\n".join(lines)


def summary(result: dict[str, Any]) -> dict[str, Any]:
    scores: Scores = result["scores"]
    pooled = PRF()
    for prf in scores.fields.values():
        pooled.add(prf)
    return {
        "classification": round(scores.classification_accuracy(), 3),
        "classification_per_type": {t: f"{r[0]}/{r[1]}" for t, r in sorted(scores.docs.items())},
        "misclassified": scores.misses,
        "field_f1": round(pooled.f1, 3),
        "field_p_r": [round(pooled.precision, 3), round(pooled.recall, 3)],
        "field_f1_per_type": {t: round(p.f1, 3) for t, p in sorted(scores.fields.items())},
        "per_field": {k: [p.tp, p.fp, p.fn, round(p.f1, 3)]
                      for k, p in sorted(scores.per_field.items())},
        "entries": {k: [round(p.precision, 3), round(p.recall, 3), round(p.f1, 3)]
                    for k, p in sorted(result["entries"].items())},
        "entry_values_of_matched": {k: f"{r}/{t}" for k, (r, t)
                                    in sorted(result["entry_details"].items())},
        "split_pages": round(result["split"].accuracy, 3),
        "split_documents_exact": f"{result['split'].exact}/{result['split'].documents}",
        "classification_ece": round(scores.calibration_error(), 3),
        "field_confidence_ece": round(calibration_error(result["confidences"]), 3),
        "not_professional_liability_right": "{}/{}".format(*result["not_professional"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default=str(ROOT / "realdocs"))
    parser.add_argument("--manifest", default=str(DEFAULT_MANIFEST))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "realdocs"))
    parser.add_argument("--only", help="score only files whose name contains this")
    parser.add_argument("--no-run", action="store_true", help="score the last batch output")
    parser.add_argument("--examples", action="store_true", help="print every value and entry")
    parser.add_argument("--json", help="write the summary here too")
    parser.add_argument("--restore", metavar="MIRRORS",
                        help="first bring the manifest's files from fetched snapshots into --docs")
    args = parser.parse_args()
    manifest = json.loads(Path(args.manifest).read_text())["files"]
    if args.only:
        manifest = [m for m in manifest if args.only in m["file"]]
    docs, out = Path(args.docs), Path(args.out)
    if args.restore:
        restore(manifest, Path(args.restore), docs)
    missing = [m["file"] for m in manifest if not (docs / m["file"]).exists()]
    if missing:
        sys.exit(f"{len(missing)} files missing under {docs}: run restore.py first")
    if not args.no_run:
        shutil.rmtree(out, ignore_errors=True)
        run_batch([docs / m["file"] for m in manifest], args.workers, out)
    result = score(manifest, out, args.examples)
    if args.examples:
        print("\n".join(result["report"]))
    text = json.dumps(summary(result), indent=1)
    print(text)
    if args.json:
        Path(args.json).write_text(text)


if __name__ == "__main__":
    main()
