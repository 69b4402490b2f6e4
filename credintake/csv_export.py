"""A contract result's profile and findings as spreadsheet-safe CSV.

Every cell goes through ``credintake.spreadsheet.SafeWriter`` (cells starting with = + - @
tab or CR are quoted so a spreadsheet never runs them as formulas): extracted values come
from outside.
"""

from __future__ import annotations

import io
from typing import Any

from credintake.spreadsheet import SafeWriter

PROFILE_COLUMNS = ["packet_id", "section", "index", "field", "value"]
FINDING_COLUMNS = ["packet_id", "rule", "severity", "field", "message"]


def _flatten(section: str, value: Any, index: int | str = "") -> list[tuple[str, Any, str, Any]]:
    if isinstance(value, dict):
        return [(section, index, k, v) for k, v in value.items() if not isinstance(v, dict)]
    return [(section, index, "", value)]


def profile_csv(results: list[dict[str, Any]]) -> str:
    """One row per profile value: section (provider, licenses...), entry index, field, value."""
    buf = io.StringIO()
    w = SafeWriter(buf)
    w.writerow(PROFILE_COLUMNS)
    for result in results:
        for section, value in (result.get("profile") or {}).items():
            items = value if isinstance(value, list) else [value]
            for i, item in enumerate(items):
                idx = i if isinstance(value, list) else ""
                for sec, ix, field, v in _flatten(section, item, idx):
                    w.writerow([result["packet_id"], sec, ix, field,
                                "; ".join(map(str, v)) if isinstance(v, list) else v])
    return buf.getvalue()


def findings_csv(results: list[dict[str, Any]]) -> str:
    """One row per finding."""
    buf = io.StringIO()
    w = SafeWriter(buf)
    w.writerow(FINDING_COLUMNS)
    for result in results:
        for f in result.get("findings") or []:
            w.writerow([result["packet_id"], f["rule"], f["severity"], f.get("field"),
                        f["message"]])
    return buf.getvalue()
