"""OCR throughput of the pipeline vs the bare ``tesseract`` CLI, and peak memory on a long fax.

    python bench/ocr_throughput.py [--pages 8] [--workers 2] [--fax-pages 100]

1. Throughput: the same page images (generated documents, scanned at 200-300 dpi, as PNG
   files) are OCR'd (a) by the bare CLI (``tesseract IMG OUT --psm 3 tsv``,
   ``OMP_THREAD_LIMIT=1``) from a pool of ``--workers`` threads, and (b) by
   ``extractor.ocr.ocr_page_image`` (decode + clean-up + image_to_data + boxes + lines) in a
   process pool of ``--workers``. Both in the same run; the ratio is (b)/(a) wall time.
2. Memory: a ``--fax-pages`` 1-bit G4 TIFF is read by ``read_tiff`` in a child process;
   its own peak RSS (``ru_maxrss``) and the largest Tesseract child's are reported, next to
   a 10-page run of the same file, so flat memory shows as equal peaks.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from PIL import Image

from credintake.extractor.ocr import ocr_page_image
from credintake.sample_docs import degrade
from credintake.sample_docs.generate import render_document
from credintake.sample_docs.persona import make_persona
from credintake.settings import Settings

DOC_TYPES = ("state_license", "dea_registration", "malpractice_insurance", "training_certificate",
             "board_certification", "cme_certificate", "diploma", "life_support_card")


def make_pages(n: int, seed: int) -> list[Image.Image]:
    rng = random.Random(seed)
    pages: list[Image.Image] = []
    while len(pages) < n:
        doc = render_document(DOC_TYPES[len(pages) % len(DOC_TYPES)], None,
                              make_persona(rng, profession="MD"), rng)
        clean = next(degrade.render_pages(doc.pdf, 300))
        pages.append(degrade.scanned(clean, rng, dpi=rng.choice((200, 300)),
                                     angle=rng.uniform(-1.5, 1.5)))
    return pages


def _bare(path: str) -> float:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    t0 = time.perf_counter()
    with Image.open(path) as im:
        dpi = round(im.info.get("dpi", (300, 300))[0])
    subprocess.run(["tesseract", path, path + ".out", "-l", "eng", "--psm", "3", "--dpi", str(dpi),
                    "tsv"], check=True, env=env, capture_output=True)
    return time.perf_counter() - t0


def _pipeline(path: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    with Image.open(path) as im:
        page = ocr_page_image(im, file=path, number=1, settings=Settings())
    return time.perf_counter() - t0, len(page.words)


def throughput(n: int, workers: int, seed: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, page in enumerate(make_pages(n, seed)):
            path = str(Path(tmp) / f"page{i:03d}.png")
            page.save(path, dpi=tuple(round(d) for d in page.info["dpi"]))
            paths.append(path)
        with ThreadPoolExecutor(workers) as pool:  # warm the page cache and Tesseract's data
            list(pool.map(_bare, paths[:workers]))
        t0 = time.perf_counter()
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(_bare, paths))
        bare = time.perf_counter() - t0
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_pipeline, paths[:workers]))  # workers started and imports done
            t0 = time.perf_counter()
            results = list(pool.map(_pipeline, paths))
            pipeline = time.perf_counter() - t0
    return {"pages": n, "workers": workers, "bare_cli_s": round(bare, 2),
            "pipeline_s": round(pipeline, 2), "ratio": round(pipeline / bare, 3),
            "bare_pages_per_s": round(n / bare, 3), "pipeline_pages_per_s": round(n / pipeline, 3),
            "words_total": sum(w for _, w in results)}


_CHILD = """
import resource, sys, json, time
from credintake.extractor.read.image import read_tiff
from credintake.settings import Settings
data = open(sys.argv[1], 'rb').read()
t0 = time.perf_counter()
pages = read_tiff('fax.tif', data, Settings())
print(json.dumps({'pages': len(pages), 'errors': sum(1 for p in pages if p.error),
                  'seconds': round(time.perf_counter() - t0, 1),
                  'python_peak_rss_mb': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  'tesseract_peak_rss_mb': round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}))
"""


def fax_memory(n_pages: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    base = []
    for doc_type in DOC_TYPES[:5]:
        doc = render_document(doc_type, None, make_persona(rng, profession="MD"), rng)
        base.extend(degrade.fax(p, rng) for p in degrade.render_pages(doc.pdf, 200))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in sorted({min(10, n_pages), n_pages}):
            path = Path(tmp) / f"fax{count}.tif"
            path.write_bytes(degrade.fax_tiff([base[i % len(base)] for i in range(count)]))
            out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], check=True,
                                 capture_output=True, text=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            result["tiff_bytes"] = path.stat().st_size
            results.append(result)
            print(json.dumps(result), flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--fax-pages", type=int, default=100)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--skip-memory", action="store_true")
    args = ap.parse_args(argv)
    if not args.skip_throughput:
        print(json.dumps(throughput(args.pages, args.workers, args.seed)), flush=True)
    if not args.skip_memory:
        fax_memory(args.fax_pages, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
