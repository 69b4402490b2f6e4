"""Bench: import a generated NPPES-format file (330 columns) into the embedded SQLite store.

    .venv/bin/python bench/lists_import.py [--rows 1000000] [--keep DIR]

Writes the file (rows like the real ones: individuals and organisations, one to three
taxonomies with a primary switch, one or two licences, a few deactivations), then runs
``credintake lists import nppes`` in a child process and reports its wall time and peak
RSS (the child's ``ru_maxrss``), and the extrapolation to the full file (~8M rows,
linear: the import is one streamed pass plus batched inserts into indexed tables).
Target (issue 16): 1M rows in under 2 minutes and under 500 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from credintake.api.lists.samples import NPPES_HEADER, write_csv
from credintake.rules.identifiers import npi_check_digit

FULL_FILE_ROWS = 8_000_000
STATES = ["CA", "TX", "NY", "FL", "OH", "PA", "IL", "MI", "GA", "NC", "WA", "MA"]
TAXONOMIES = ["207Q00000X", "207R00000X", "208D00000X", "363LF0000X", "363A00000X",
              "367500000X", "163W00000X", "183500000X", "261QP2300X"]
LAST = ["SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS",
        "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "NGUYEN", "KIM", "PATEL", "SHAH"]
FIRST = ["JAMES", "MARY", "ROBERT", "PATRICIA", "JOHN", "JENNIFER", "MICHAEL", "LINDA",
         "DAVID", "ELIZABETH", "ANH", "PRIYA", "WEI", "FATIMA", "CARLOS", "SOFIA"]


def rows(n: int, seed: int = 16) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    for i in range(n):
        first9 = f"{100000000 + i}"
        state = rng.choice(STATES)
        row = {"NPI": first9 + str(npi_check_digit(first9)),
               "Provider Enumeration Date": "05/23/2007", "Last Update Date": "07/08/2024",
               "Provider Business Practice Location Address State Name": state,
               "Provider First Line Business Practice Location Address": f"{i % 9999} MAIN ST",
               "Provider Business Practice Location Address City Name": "SPRINGFIELD",
               "Provider Business Practice Location Address Postal Code": "123456789"}
        if rng.random() < 0.8:
            row.update({"Entity Type Code": "1", "Provider Last Name (Legal Name)": rng.choice(LAST),
                        "Provider First Name": rng.choice(FIRST), "Provider Middle Name": "A",
                        "Provider Credential Text": "M.D.", "Provider Sex Code": "F"})
        else:
            row.update({"Entity Type Code": "2",
                        "Provider Organization Name (Legal Business Name)": f"CLINIC {i} LLC"})
        for k in range(1, rng.randint(1, 3) + 1):
            row[f"Healthcare Provider Taxonomy Code_{k}"] = rng.choice(TAXONOMIES)
            row[f"Healthcare Provider Primary Taxonomy Switch_{k}"] = "Y" if k == 1 else "N"
        for k in range(1, rng.randint(1, 2) + 1):
            row[f"Provider License Number_{k}"] = f"{rng.randint(10000, 999999)}"
            row[f"Provider License Number State Code_{k}"] = state
        if rng.random() < 0.01:
            row["NPI Deactivation Date"] = "03/04/2019"
        yield row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-lists-"))
    work.mkdir(parents=True, exist_ok=True)
    path = work / "npidata_pfile_20050523-20261109.csv"
    start = time.perf_counter()
    write_csv(path, NPPES_HEADER, rows(args.rows))
    made = time.perf_counter() - start
    size_mb = path.stat().st_size / 1e6
    env = {**os.environ, "CREDINTAKE_DATA_DIR": str(work / "data")}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "credintake.api", "lists", "import", "nppes",
                           str(path)], env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"import failed: {proc.stderr.strip()}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    db_mb = sum(f.stat().st_size for f in (work / "data").glob("credintake.db*")) / 1e6
    scale = FULL_FILE_ROWS / args.rows
    print(f"rows={args.rows} file={size_mb:.0f}MB generated_in={made:.1f}s")
    print(f"import: {took:.1f}s ({args.rows / took:,.0f} rows/s) peak_rss={peak_mb:.0f}MB "
          f"db={db_mb:.0f}MB | {proc.stdout.strip()}")
    print(f"full file (~{FULL_FILE_ROWS:,} rows, linear): ~{took * scale / 60:.1f} min, "
          f"db ~{db_mb * scale / 1000:.1f}GB, peak RSS unchanged (streamed)")
    if not args.keep:
        for f in sorted(work.rglob("*"), reverse=True):
            f.unlink() if f.is_file() else f.rmdir()
        work.rmdir()


if __name__ == "__main__":
    main()
