"""Turn a generated text-layer packet into the paper a credentialing office really receives.

The generator writes born-digital PDFs (``condition: "text"``). Accuracy has to be measured
on scans, faxes, phone photos and Word CVs as well, with labels that still say where every
document is. ``degrade_packet`` copies one packet under a new root and rewrites its label:

- ``scan``: every page scanned crooked (``degrade.scanned``, 150-300 dpi); single-page files
  become a PNG, a JPEG or an image-only PDF, multi-page files an image-only PDF.
- ``rotated``: as ``scan``, but every file is turned 180 degrees (half of them) or sideways
  (90 / 270, a quarter each) with no EXIF tag to undo it; labels get ``rotation``.
- ``fax``: the whole packet faxed as ONE multi-page CCITT G4 TIFF behind a cover sheet
  (``degrade.fax_packet``, standard or fine resolution); each label's ``file`` becomes the
  TIFF and its ``pages`` are renumbered (the cover sheet is page 1 and belongs to no
  document; ``fax_cover_pages`` in the packet label lists it).
- ``photo``: pages photographed on a desk (``degrade.phone_photo``, EXIF-rotated JPEG);
  multi-page files become a PDF of the photos, as phone scanner apps save them.
- ``docx``: only the CVs, written as Word files (``docx_cv.cv_docx``, flow or table
  layout); the label keeps what the DOCX prints (dates at month precision, "Present").
- ``image_values``: still born-digital text PDFs, but the printed values are raster images
  where their text was (``degrade.values_as_images``): each value pasted on its own, or a
  cluster of values with their labels pasted as one picture (a table, a signature block).
  The labels' ``boxes`` say where the values are; they still fit (nothing moved). The
  label keeps ``condition: "text"`` (the file is a text-layer PDF, see docs/decisions.md)
  and lists the fields drawn as pictures in ``image_fields``.
- ``text``: copied unchanged.

Each document label gets ``condition`` (text / scan / fax / photo / docx). ``boxes`` are
dropped for degraded copies that move the page: they were measured on the born-digital
page and no longer fit. Same source packet + same seed -> same bytes.

    python -m credintake.sample_docs.conditions --src GEN --out DIR --condition fax [--seed 1]
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import sys
from io import BytesIO
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from credintake.sample_docs import degrade
from credintake.sample_docs.docx_cv import cv_docx

CONDITIONS = ("text", "scan", "rotated", "fax", "photo", "docx", "image_values")
#: the ``condition`` value a label gets under each bench condition
LABEL_CONDITION = {"text": "text", "scan": "scan", "rotated": "scan", "fax": "fax",
                   "photo": "photo", "docx": "docx", "image_values": "text"}
#: fields whose boxes lie within this many points (vertically) form one pasted block
BLOCK_GAP_PT = 30.0
PHOTO_DPI = 200  # a phone photo of a letter page holds about 2/3 of a 300 dpi scan
CV_HEADER_FIELDS = ("name", "email", "phone", "npi")


def degrade_batch(src_root: Path, dst_root: Path, condition: str, *, seed: int = 1) -> list[str]:
    """Degrade every packet of a generated batch (``src_root/labels/*.json``); returns ids."""
    ids = []
    for labels_path in sorted(Path(src_root, "labels").glob("*.json")):
        ids.append(degrade_packet(src_root, labels_path.stem, dst_root, condition, seed=seed))
    return ids


def degrade_packet(src_root: Path, packet_id: str, dst_root: Path, condition: str, *,
                   seed: int = 1) -> str:
    """Write ``dst_root/packets/<id>/`` and ``dst_root/labels/<id>.json`` for ``condition``."""
    if condition not in CONDITIONS:
        raise ValueError(f"unknown condition {condition!r}; known: {list(CONDITIONS)}")
    src_root, dst_root = Path(src_root), Path(dst_root)
    labels = json.loads((src_root / "labels" / f"{packet_id}.json").read_text())
    src_dir = src_root / "packets" / packet_id
    dst_dir = dst_root / "packets" / packet_id
    shutil.rmtree(dst_dir, ignore_errors=True)
    dst_dir.mkdir(parents=True)
    if (src_dir / "application.json").exists():
        shutil.copyfile(src_dir / "application.json", dst_dir / "application.json")
    rng = random.Random(f"{seed}:{packet_id}:{condition}")
    out = copy.deepcopy(labels)
    files = _files_in_order(labels["documents"])
    pdfs = {name: (src_dir / name).read_bytes() for name in files}
    if condition == "fax":
        out["documents"], out["fax_cover_pages"] = _fax(pdfs, files, labels["documents"], rng,
                                                        dst_dir)
    elif condition == "image_values":
        out["documents"] = _image_values(pdfs, files, labels["documents"], rng, dst_dir)
    elif condition == "docx":
        out["documents"] = _docx(labels["documents"], rng, dst_dir)
    else:
        out["documents"] = []
        for name in files:
            docs = [d for d in labels["documents"] if d["file"] == name]
            new_name, extra = _one_file(condition, name, pdfs[name], rng, dst_dir)
            for d in docs:
                out["documents"].append(_relabel(d, LABEL_CONDITION[condition], new_name, **extra))
    out["condition"] = LABEL_CONDITION[condition]
    (dst_root / "labels").mkdir(parents=True, exist_ok=True)
    (dst_root / "labels" / f"{packet_id}.json").write_text(json.dumps(out, indent=2) + "\n")
    return packet_id


def _files_in_order(documents: list[dict[str, Any]]) -> list[str]:
    seen: list[str] = []
    for d in documents:
        if d["file"] not in seen:
            seen.append(d["file"])
    return seen


def _relabel(doc: dict[str, Any], condition: str, file: str, pages: list[int] | None = None,
             **extra: Any) -> dict[str, Any]:
    new = copy.deepcopy(doc)
    new["file"], new["condition"] = file, condition
    if pages is not None:
        new["pages"] = pages
    if condition != "text":
        new["boxes"] = {}
    new.update(extra)
    return new


def _one_file(condition: str, name: str, pdf: bytes, rng: random.Random,
              dst: Path) -> tuple[str, dict[str, Any]]:
    """Degrade one PDF in place of itself (page numbers unchanged); returns the new name."""
    stem = Path(name).stem
    if condition == "text":
        (dst / name).write_bytes(pdf)
        return name, {}
    if condition == "photo":
        pages = list(degrade.render_pages(pdf, PHOTO_DPI))
        photos = [degrade.phone_photo(p, rng, quarter_turn=rng.random() < 0.5) for p in pages]
        if len(photos) == 1:
            (dst / f"{stem}.jpg").write_bytes(photos[0])
            return f"{stem}.jpg", {}
        upright = []
        for data in photos:  # a scanner app's PDF: the photos, turned upright, at their dpi
            image = ImageOps.exif_transpose(Image.open(BytesIO(data))).convert("L")
            image.info["dpi"] = (PHOTO_DPI, PHOTO_DPI)
            upright.append(image)
        (dst / f"{stem}.pdf").write_bytes(degrade.image_pdf(upright))
        return f"{stem}.pdf", {}
    extra: dict[str, Any] = {}
    turn = None
    if condition == "rotated":
        extra["rotation"] = rng.choice((180, 180, 90, 270))
        turn = {180: Image.Transpose.ROTATE_180, 90: Image.Transpose.ROTATE_90,
                270: Image.Transpose.ROTATE_270}[extra["rotation"]]
    scans = []
    for page in degrade.render_pages(pdf, 300):
        image = degrade.scanned(page, rng)
        if turn is not None:
            dpi = image.info.get("dpi")
            image = image.transpose(turn)
            image.info["dpi"] = dpi
        scans.append(image)
    fmt = "pdf" if len(scans) > 1 else rng.choice(("pdf", "pdf", "png", "jpg"))
    if fmt == "pdf":
        data = degrade.image_pdf(scans)
    else:
        data = degrade.encode(scans[0], "PNG" if fmt == "png" else "JPEG",
                              quality=rng.randint(60, 85))
    (dst / f"{stem}.{fmt}").write_bytes(data)
    return f"{stem}.{fmt}", extra


def _fax(pdfs: dict[str, bytes], files: list[str], documents: list[dict[str, Any]],
         rng: random.Random, dst: Path) -> tuple[list[dict[str, Any]], list[int]]:
    """The whole packet in one TIFF behind a cover sheet; pages renumbered per document."""
    fine = rng.random() < 0.5
    tiff, spans = degrade.fax_packet([pdfs[n] for n in files], rng, fine=fine, cover=True)
    name = f"fax_{rng.getrandbits(24):06x}.tif"
    (dst / name).write_bytes(tiff)
    span_of = dict(zip(files, spans))
    out = [_relabel(d, "fax", name, [span_of[d["file"]][p - 1] for p in d["pages"]],
                    fax_resolution="fine" if fine else "standard")
           for d in documents]
    return out, [1]


def _image_values(pdfs: dict[str, bytes], files: list[str], documents: list[dict[str, Any]],
                  rng: random.Random, dst: Path) -> list[dict[str, Any]]:
    """Every file with its documents' values pasted as pictures; labels keep their values
    and boxes and name the fields that ended up inside a picture (``image_fields``: the
    picked ones, and any other a grown or merged picture swallowed)."""
    out = []
    for name in files:
        docs = [d for d in documents if d["file"] == name]
        regions: dict[int, list[degrade.Box]] = {}
        for doc in docs:
            for page, box in _value_regions(doc, rng).values():
                regions.setdefault(page - 1, []).append(box)
        data, placed = degrade.values_as_images(pdfs[name], regions, rng) if regions \
            else (pdfs[name], {})
        (dst / name).write_bytes(data)
        for doc in docs:
            new = _relabel(doc, "text", name)
            new["image_fields"] = sorted(
                field for field, spot in doc.get("boxes", {}).items()
                if any(degrade.meets(tuple(spot["bbox"]), box)
                       for box in placed.get(spot["page"] - 1, [])))
            out.append(new)
    return out


def _value_regions(doc: dict[str, Any], rng: random.Random
                   ) -> dict[str, tuple[int, degrade.Box]]:
    """The boxed fields of one document drawn as pictures, each with its page and the box
    to paste: all of them (60%), or about half (a form partly typed, partly pasted), and in
    a third of documents fields close together pasted as one block with their labels."""
    boxes = {k: (v["page"], tuple(v["bbox"])) for k, v in sorted(doc.get("boxes", {}).items())}
    if not boxes:
        return {}
    names = list(boxes)
    if rng.random() >= 0.6 and len(names) > 1:
        names = sorted(rng.sample(names, max(1, round(len(names) / 2))))
    picked = {}
    for name in names:  # a snip of the field: some margin, wider than tall
        page, (x0, top, x1, bottom) = boxes[name]
        picked[name] = (page, (x0 - rng.uniform(2, 12), top - rng.uniform(1, 4),
                               x1 + rng.uniform(2, 12), bottom + rng.uniform(1, 4)))
    if rng.random() < 0.35 and len(picked) > 1:
        block = _block(picked, rng)
        for name in block:
            picked[name] = (picked[name][0], _block_box([picked[n][1] for n in block]))
    return picked


def _block(picked: dict[str, tuple[int, degrade.Box]], rng: random.Random) -> list[str]:
    """Names of a run of picked fields on one page whose boxes are vertically close."""
    order = sorted(picked, key=lambda n: (picked[n][0], picked[n][1][1]))
    runs: list[list[str]] = [[order[0]]]
    for name in order[1:]:
        last = picked[runs[-1][-1]]
        page, box = picked[name]
        if page == last[0] and box[1] - last[1][3] <= BLOCK_GAP_PT:
            runs[-1].append(name)
        else:
            runs.append([name])
    return rng.choice(runs)


def _block_box(boxes: list[degrade.Box]) -> degrade.Box:
    """One picture over several values and the labels printed left of them (a table row's
    caption): the union widened 150 points to the left, never past the margin."""
    x0 = min(b[0] for b in boxes)
    return (max(18.0, x0 - 150.0), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def docx_label(label: dict[str, Any]) -> dict[str, Any]:
    """The part of a CV label a ``cv_docx`` file prints: header fields as given, entry dates
    at month precision ("Jul 2015"), an open end date printed as "Present" (current)."""
    fields = {k: v for k, v in label.get("fields", {}).items() if k in CV_HEADER_FIELDS}
    entries: dict[str, list[dict[str, Any]]] = {}
    for kind in ("education", "work_history"):
        rows = []
        for entry in (label.get("entries") or {}).get(kind, []):
            row = dict(entry)
            for key in ("start_date", "end_date"):
                if row.get(key):
                    row[key] = str(row[key])[:7]
            if kind == "work_history" and not row.get("end_date"):
                row["end_date"], row["current"] = None, True
            rows.append(row)
        entries[kind] = rows
    return {"fields": fields, "entries": entries}


def _docx(documents: list[dict[str, Any]], rng: random.Random, dst: Path) -> list[dict[str, Any]]:
    """Only the CVs, each as a Word file."""
    out = []
    for doc in documents:
        if doc["doc_type"] != "cv":
            continue
        printed = docx_label(doc)
        layout = rng.choice(("flow", "table"))
        data = cv_docx(printed, layout=layout, rng=rng)
        name = f"{Path(doc['file']).stem}_cv.docx"
        (dst / name).write_bytes(data)
        new = _relabel(doc, "docx", name, [1], docx_layout=layout)
        new["fields"], new["entries"] = printed["fields"], printed["entries"]
        new["raw"] = {k: str(v) for k, v in printed["fields"].items()}
        new.pop("entries_raw", None)
        new["template"] = f"cv/docx_{layout}"
        out.append(new)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m credintake.sample_docs.conditions",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, required=True, help="a generated batch (packets/, labels/)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--condition", choices=CONDITIONS, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    ids = degrade_batch(args.src, args.out, args.condition, seed=args.seed)
    print(f"wrote {len(ids)} {args.condition} packets to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
