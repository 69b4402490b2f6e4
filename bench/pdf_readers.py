"""pdfplumber vs pypdfium2 for text-layer words on the same PDFs: speed and agreement.

    .venv/bin/python bench/pdf_readers.py [--docs 60] [--seed 11]

Reads generated documents of every type with both libraries, times them, and reports how
many of pdfplumber's words pdfium's reader also finds (same text, left edge within 2 pt,
vertical centre within 3 pt: the two libraries measure a glyph's height differently).
"""

from __future__ import annotations

import argparse
import io
import random
import time

import pdfplumber
import pypdfium2 as pdfium

from credintake.extractor.read.pdf import text_layer_words
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.sample_docs.templates import list_templates


def plumber_words(data: bytes) -> list[list[tuple[str, float, float]]]:
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            out.append([(w["text"], w["x0"], (w["top"] + w["bottom"]) / 2)
                        for w in page.extract_words()])
            page.close()
    return out


def pdfium_words(data: bytes) -> list[list[tuple[str, float, float]]]:
    out = []
    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        height = page.get_size()[1]
        out.append([(w.text, w.x0, (w.top + w.bottom) / 2) for w in text_layer_words(page, height)])
        page.close()
    pdf.close()
    return out


def agreement(a: list, b: list) -> float:
    hits = total = 0
    for pa, pb in zip(a, b):
        total += len(pa)
        for text, x, mid in pa:
            hits += any(t == text and abs(x - x2) < 2 and abs(mid - m2) < 3 for t, x2, m2 in pb)
    return hits / total if total else 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    templates = [(t, tid) for t, ids in list_templates().items() for tid in ids]
    pdfs = [render_document(t, tid, make_persona(rng), rng).pdf
            for t, tid in (rng.choice(templates) for _ in range(args.docs))]
    pages = sum(len(pdfium.PdfDocument(d)) for d in pdfs)
    results = {}
    for name, fn in (("pdfplumber", plumber_words), ("pypdfium2", pdfium_words)):
        start = time.perf_counter()
        results[name] = [fn(d) for d in pdfs]
        elapsed = time.perf_counter() - start
        print(f"{name:10s} {pages} pages in {elapsed:.2f}s = {pages / elapsed:.0f} pages/s")
    agree = sum(agreement(a, b) for a, b in zip(results["pdfplumber"], results["pypdfium2"]))
    print(f"pdfium finds {agree / len(pdfs):.4f} of pdfplumber's words (same text, left edge within 2pt, centre within 3pt)")


if __name__ == "__main__":
    main()
