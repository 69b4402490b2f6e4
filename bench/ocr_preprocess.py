"""Measure each pre-OCR clean-up step: the same degraded pages OCR'd with the step on and off.

    python bench/ocr_preprocess.py [--docs 3] [--seed 21]

Pages come from the sample generator (first page of a few documents), are degraded by
``sample_docs.degrade`` and OCR'd through ``extractor.ocr.ocr_page``. Scores:
word recall (share of the PDF text layer's words found by OCR, as a multiset, case- and
punctuation-insensitive), value recall (share of the label's printed values found in the
OCR text, spaces ignored), mean word confidence, and CPU seconds per page (this process
plus Tesseract; wall time on a shared machine says more about the neighbours). Prints a Markdown
table (copied into bench/RESULTS_ocr.md).
"""

from __future__ import annotations

import argparse
import io
import random
import re
import resource
import sys
from collections import Counter
from collections.abc import Callable

import pdfplumber
from PIL import Image

from credintake.extractor.ocr import ocr_page
from credintake.sample_docs import degrade
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings

DOC_TYPES = ("state_license", "dea_registration", "malpractice_insurance", "training_certificate")
_TOKEN = re.compile(r"[A-Za-z0-9]+")


def tokens(text: str) -> Counter[str]:
    return Counter(t.upper() for t in _TOKEN.findall(text) if len(t) > 1 or t.isdigit())


def word_recall(truth: str, read: str) -> float:
    gt, got = tokens(truth), tokens(read)
    total = sum(gt.values())
    return sum(min(n, got[t]) for t, n in gt.items()) / total if total else 1.0


def value_recall(values: list[str], read: str) -> float:
    compact = "".join(read.split()).upper()
    hits = [v for v in values if "".join(v.split()).upper() in compact]
    return len(hits) / len(values) if values else 1.0


def documents(n: int, seed: int) -> list[tuple[Image.Image, str, list[str]]]:
    """(clean 300 dpi page image, text-layer text, printed label values) per document."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        persona = make_persona(rng, profession="MD")
        doc = render_document(DOC_TYPES[i % len(DOC_TYPES)], None, persona, rng)
        with pdfplumber.open(io.BytesIO(doc.pdf)) as pdf:
            truth = pdf.pages[0].extract_text() or ""
        values = [str(v) for v in doc.label["raw"].values() if str(v).strip() and str(v) in truth]
        out.append((next(degrade.render_pages(doc.pdf, 300)), truth, values))
    return out


def _cpu_seconds() -> float:
    """CPU time of this process plus its finished children (Tesseract): unlike wall time,
    it does not depend on how busy the shared machine is."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _settings(**ocr: object) -> Settings:
    s = Settings()
    for key, value in ocr.items():
        setattr(s.ocr, key, value)
    return s


Condition = Callable[[Image.Image, random.Random], Image.Image]

CONDITIONS: dict[str, Condition] = {
    "scan 100 dpi, 1 deg": lambda p, r: degrade.scanned(p, r, dpi=100, angle=1.0),
    "scan 150 dpi, 2.5 deg": lambda p, r: degrade.scanned(p, r, dpi=150, angle=2.5),
    "scan 300 dpi, -3 deg": lambda p, r: degrade.scanned(p, r, dpi=300, angle=-3.0),
    "fax 204x98": lambda p, r: degrade.fax(p, r),
    "fax 204x196": lambda p, r: degrade.fax(p, r, fine=True),
    "phone photo": lambda p, r: Image.open(io.BytesIO(degrade.phone_photo(
        p.resize((p.width * 2 // 3, p.height * 2 // 3)), r))),
    "upside down": lambda p, r: degrade.upside_down(p),
}

ABLATIONS: dict[str, list[tuple[str, Settings]]] = {
    "scan 100 dpi, 1 deg": [("all steps", _settings()), ("no upscale", _settings(min_dpi=0)),
                            ("upscale to 200", _settings(upscale_dpi=200))],
    "scan 150 dpi, 2.5 deg": [("all steps", _settings()), ("no deskew", _settings(deskew=False)),
                              ("no upscale", _settings(min_dpi=0))],
    "scan 300 dpi, -3 deg": [("all steps", _settings()), ("no deskew", _settings(deskew=False)),
                             ("OSD on every page", _settings(osd_below_confidence=1.01))],
    "fax 204x98": [("all steps", _settings()), ("no smoothing", _settings(bilevel_blur_px=0)),
                   ("smoothing 1.4 px", _settings(bilevel_blur_px=1.4)),
                   ("no aspect fix", _settings(fix_aspect=False)),
                   ("+ despeckle", _settings(despeckle_bilevel=True)),
                   ("+ upscale to 300", _settings(min_dpi=250))],
    "fax 204x196": [("all steps", _settings()), ("no smoothing", _settings(bilevel_blur_px=0)),
                    ("+ despeckle", _settings(despeckle_bilevel=True)),
                    ("+ upscale to 300", _settings(min_dpi=250))],
    "phone photo": [("all steps", _settings()), ("no flatten", _settings(flatten_background_spread=1e9)),
                    ("+ binarize", _settings(binarize=True))],
    "upside down": [("all steps", _settings()), ("no orientation", _settings(orientation=False))],
}


def _open_photo(image: Image.Image) -> Image.Image:
    from PIL import ImageOps
    return ImageOps.exif_transpose(image) or image


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=21)
    args = ap.parse_args(argv)
    docs = documents(args.docs, args.seed)
    print("| condition | variant | word recall | value recall | mean conf | CPU s/page | steps (first page) |")
    print("|---|---|---|---|---|---|---|")
    for name, make in CONDITIONS.items():
        degraded = [make(page, random.Random(args.seed + i)) for i, (page, _, _) in enumerate(docs)]
        if name == "phone photo":
            degraded = [_open_photo(im) for im in degraded]
        for variant, settings in ABLATIONS[name]:
            wr, vr, conf, secs, first_steps = [], [], [], [], None
            for (_, truth, values), image in zip(docs, degraded):
                t0 = _cpu_seconds()
                page, steps = ocr_page(image, file="bench", number=1, settings=settings)
                secs.append(_cpu_seconds() - t0)
                wr.append(word_recall(truth, page.text))
                vr.append(value_recall(values, page.text))
                conf.append(page.text_confidence or 0.0)
                first_steps = steps if first_steps is None else first_steps
            n = len(docs)
            print(f"| {name} | {variant} | {sum(wr) / n:.3f} | {sum(vr) / n:.3f} | {sum(conf) / n:.3f} | "
                  f"{sum(secs) / n:.2f} | {', '.join(first_steps or []) or '-'} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
