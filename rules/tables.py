"""The rules' data tables (``rules/data/*.csv``): one reader for all of them.

Vocabularies that grow with every new issuer (nicknames, abbreviations, licence statuses,
profession names, legal suffixes, form labels, placeholders) live in CSV files with a
comment header, so that adding a state board's wording is a data change with a test, not
a code change.
"""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).with_name("data")


def data_rows(name: str, *, min_columns: int = 2) -> list[list[str]]:
    """The rows of ``data/<name>`` after its ``#`` comments and header, cells stripped."""
    with (DATA / name).open(encoding="utf-8") as fh:
        rows = list(csv.reader(line for line in fh if not line.startswith("#")))
    return [[cell.strip() for cell in r] for r in rows[1:] if len(r) >= min_columns]
