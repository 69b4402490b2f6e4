"""CSV safe to open in a spreadsheet: every export (packets, fields, profiles, findings,
the desk's calendar) writes through ``SafeWriter``, so a cell that starts like a formula
(= + - @, tab, CR) is written as text, never evaluated."""

from __future__ import annotations

import csv
import io
from typing import Any


class SafeWriter:
    """A csv writer whose every cell goes through ``_cell``: packet names, file names and
    user names come from outside as much as extracted values do."""

    def __init__(self, buf: io.StringIO) -> None:
        self._w = csv.writer(buf)

    def writerow(self, row: list[Any]) -> None:
        self._w.writerow([_cell(v) for v in row])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text[:1] in ("=", "+", "@", "\t", "\r") or (text[:1] == "-" and not _is_number(text)):
        return "'" + text      # never a spreadsheet formula
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
