"""OCR throughput of the pipeline vs the bare ``tesseract`` CLI, and peak memory on a long fax.

    python bench/ocr_throughput.py [--pages 8] [--workers 2] [--fax-pages 100]

1. Throughput: the same page images (generated documents, scanned at 200-300 dpi, as PNG
   files) are OCR'd (a) by the bare CLI (``tesseract IMG OUT --psm 3 tsv``,
   ``OMP_THREAD_LIMIT=1``) from a pool of ``--workers`` threads, and (b) by
   ``extractor.ocr.ocr_page_image`` (decode + clean-up + image_to_data + boxes + lines) in a
   process pool of ``--workers``. Both in the same run (A-B-B-A); the ratio is (b)/(a) wall
   time, and also (b)/(a) CPU time (process + Tesseract), which a busy machine distorts less.
2. Memory: a ``--fax-pages`` 1-bit G4 TIFF is read by ``read_file`` in a child process;
   its own peak RSS (VmHWM) and the largest Tesseract child's (sampled) are reported, next
   to a 10-page run of the same file, so flat memory shows as equal peaks.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
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


def _bare(path: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one bare CLI run; CPU from wait4, exact per child."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    t0 = time.perf_counter()
    with Image.open(path) as im:
        dpi = round(im.info.get("dpi", (300, 300))[0])
    proc = subprocess.Popen(["tesseract", path, path + ".out", "-l", "eng", "--psm", "3",
                             "--dpi", str(dpi), "tsv"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"tesseract exited {proc.returncode}")
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _pipeline(path: str) -> tuple[float, float, int]:
    """(wall, CPU, words) of one page through ``ocr_page_image`` in a pool worker (one page
    at a time per worker, so the CPU delta is this page's, Tesseract included)."""
    t0, c0 = time.perf_counter(), _cpu()
    with Image.open(path) as im:
        page = ocr_page_image(im, file=path, number=1, settings=Settings())
    return time.perf_counter() - t0, _cpu() - c0, len(page.words)


def throughput(n: int, workers: int, seed: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, page in enumerate(make_pages(n, seed)):
            path = str(Path(tmp) / f"page{i:03d}.png")
            page.save(path, dpi=tuple(round(d) for d in page.info["dpi"]))
            paths.append(path)
        bare = pipeline = bare_cpu = pipeline_cpu = 0.0
        words = 0
        with ProcessPoolExecutor(workers) as procs, ThreadPoolExecutor(workers) as threads:
            list(threads.map(_bare, paths[:workers]))  # page cache and Tesseract data warm
            list(procs.map(_pipeline, paths[:workers]))  # workers started, imports done
            # A-B-B-A order: the machine is shared, so load drifts between runs.
            for runner in ("bare", "pipeline", "pipeline", "bare"):
                t0 = time.perf_counter()
                if runner == "bare":
                    runs = list(threads.map(_bare, paths))
                    bare += time.perf_counter() - t0
                    bare_cpu += sum(c for _, c in runs)
                else:
                    results = list(procs.map(_pipeline, paths))
                    pipeline += time.perf_counter() - t0
                    pipeline_cpu += sum(c for _, c, _ in results)
                    words = sum(w for _, _, w in results)
        n *= 2  # each side OCR'd every page twice
    return {"pages": n, "workers": workers, "bare_cli_wall_s": round(bare, 2),
            "pipeline_wall_s": round(pipeline, 2), "wall_ratio": round(pipeline / bare, 3),
            "bare_cli_cpu_s": round(bare_cpu, 2), "pipeline_cpu_s": round(pipeline_cpu, 2),
            "cpu_ratio": round(pipeline_cpu / bare_cpu, 3),
            "bare_pages_per_s": round(n / bare, 3), "pipeline_pages_per_s": round(n / pipeline, 3),
            "words_per_pass": words}


_CHILD = """
import json, os, sys, threading, time
from credintake.extractor.read import read_file
from credintake.settings import Settings

def status(pid, key):
    try:
        with open(f'/proc/{pid}/status') as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1]) / 1024
    except OSError:
        return 0.0
    return 0.0

peak_tess = [0.0]
done = threading.Event()
def watch():  # sample Tesseract children's resident memory every 20 ms
    me = str(os.getpid())
    while not done.is_set():
        for pid in os.listdir('/proc'):
            if pid.isdigit():
                try:
                    with open(f'/proc/{pid}/stat') as fh:
                        fields = fh.read().rsplit(')', 1)[1].split()
                except OSError:
                    continue
                if fields[1] == me:
                    peak_tess[0] = max(peak_tess[0], status(pid, 'VmRSS'))
        time.sleep(0.02)

threading.Thread(target=watch, daemon=True).start()
base = status('self', 'VmRSS')
data = open(sys.argv[1], 'rb').read()
t0 = time.perf_counter()
pages = read_file('fax.tif', data, Settings()).pages
done.set()
print(json.dumps({'pages': len(pages), 'errors': sum(1 for p in pages if p.error),
                  'words': sum(len(p.words) for p in pages),
                  'seconds': round(time.perf_counter() - t0, 1),
                  'python_rss_after_imports_mb': round(base, 1),
                  'python_peak_rss_mb': round(status('self', 'VmHWM'), 1),
                  'tesseract_peak_rss_mb': round(peak_tess[0], 1)}))
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
