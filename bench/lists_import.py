"""NPPES import bench: a generated 1,000,000-row NPPES-format file into the embedded SQLite.

    .venv/bin/python bench/lists_import.py [--rows 1000000] [--work /tmp/lists-bench]

The file has the dissemination file's 330 columns (the ones the importer reads under their
published names, the rest as filler columns, mostly empty as in the real file), one
taxonomy and one licence filled per row, a deactivation date on 1 row in 50. The import
runs as a user runs it: ``credintake lists import nppes FILE`` in a subprocess with a fresh
``CREDINTAKE_DATA_DIR``; its wall time and peak RSS (``ru_maxrss`` of the child) are
printed as JSON and belong in bench/RESULTS_lists.md. Targets (issue 16): < 2 min and
< 500 MB for 1M rows; the full file is ~8M rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

COLUMNS = 330
STATES = ["CA", "TX", "NY", "FL", "IL", "PA", "OH", "GA", "NC", "MI"]
TAXONOMIES = ["207R00000X", "208D00000X", "363LF0000X", "363A00000X", "367500000X",
              "163W00000X", "183500000X", "261QM0801X"]


def header() -> list[str]:
    """The importer's columns under their published names, then filler up to 330."""
    head = ["NPI", "Entity Type Code", "Replacement NPI", "Employer Identification Number (EIN)",
            "Provider Organization Name (Legal Business Name)", "Provider Last Name (Legal Name)",
            "Provider First Name", "Provider Middle Name", "Provider Name Prefix Text",
            "Provider Name Suffix Text", "Provider Credential Text",
            "Provider First Line Business Practice Location Address",
            "Provider Business Practice Location Address City Name",
            "Provider Business Practice Location Address State Name",
            "Provider Business Practice Location Address Postal Code",
            "Provider Enumeration Date", "Last Update Date", "NPI Deactivation Reason Code",
            "NPI Deactivation Date", "NPI Reactivation Date", "Provider Sex Code"]
    for i in range(1, 16):
        head += [f"Healthcare Provider Taxonomy Code_{i}", f"Provider License Number_{i}",
                 f"Provider License Number State Code_{i}",
                 f"Healthcare Provider Primary Taxonomy Switch_{i}"]
    head += [f"Other Column {i}" for i in range(COLUMNS - len(head))]
    return head


def npi(base: int) -> str:
    """A ten-digit NPI with a valid check digit (Luhn over 80840 + the first nine)."""
    digits = f"{base:09d}"
    total, double = 0, True
    for ch in reversed("80840" + digits):
        d = int(ch) * 2 if double else int(ch)
        total += d - 9 if d > 9 else d
        double = not double
    return digits + str((10 - total % 10) % 10)


def generate(path: Path, rows: int, seed: int = 16) -> None:
    rnd = random.Random(seed)
    head = header()
    at = {name: i for i, name in enumerate(head)}
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(head)
        for n in range(rows):
            row = [""] * COLUMNS
            state = rnd.choice(STATES)
            row[at["NPI"]] = npi(100_000_000 + n)
            row[at["Entity Type Code"]] = "1"
            row[at["Provider Last Name (Legal Name)"]] = f"LAST{rnd.randrange(10**6):06d}"
            row[at["Provider First Name"]] = f"FIRST{rnd.randrange(10**4):04d}"
            row[at["Provider Middle Name"]] = "A"
            row[at["Provider Credential Text"]] = "M.D."
            row[at["Provider First Line Business Practice Location Address"]] = "100 MAIN ST"
            row[at["Provider Business Practice Location Address City Name"]] = "SPRINGFIELD"
            row[at["Provider Business Practice Location Address State Name"]] = state
            row[at["Provider Business Practice Location Address Postal Code"]] = "900011234"
            row[at["Provider Enumeration Date"]] = "05/23/2007"
            row[at["Last Update Date"]] = "07/08/2024"
            if n % 50 == 0:
                row[at["NPI Deactivation Date"]] = "05/01/2024"
            row[at["Healthcare Provider Taxonomy Code_1"]] = rnd.choice(TAXONOMIES)
            row[at["Healthcare Provider Primary Taxonomy Switch_1"]] = "Y"
            row[at["Provider License Number_1"]] = f"A{rnd.randrange(10**6):06d}"
            row[at["Provider License Number State Code_1"]] = state
            w.writerow(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/lists-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    data = args.work / "data"
    if data.exists():
        for f in data.iterdir():
            f.unlink()
    path = args.work / "npidata_pfile_20050523-20261109.csv"
    t0 = time.perf_counter()
    generate(path, args.rows)
    gen_s = time.perf_counter() - t0
    env = {**os.environ, "CREDINTAKE_DATA_DIR": str(data)}
    env.pop("CREDINTAKE_DATABASE_URL", None)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "credintake.api", "lists", "import", "nppes",
                           str(path)], env=env, capture_output=True, text=True)
    import_s = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"import failed: {proc.stderr.strip()}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    db = data / "credintake.db"
    print(json.dumps({
        "rows": args.rows, "file_mb": round(path.stat().st_size / 2**20, 1),
        "generate_s": round(gen_s, 1), "import_s": round(import_s, 1),
        "rows_per_s": round(args.rows / import_s), "peak_rss_mb": round(peak_mb, 1),
        "db_mb": round(db.stat().st_size / 2**20, 1), "output": proc.stdout.strip(),
        "loadavg": os.getloadavg()}, indent=2))


if __name__ == "__main__":
    main()
