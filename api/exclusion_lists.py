"""Import the published exclusion lists into the service's database.

    credintake lists import oig-leie UPDATED.csv [--file-date 2026-11-01]
    credintake lists import sam SAM_Exclusions_Public_Extract.csv

The file is read as a stream (constant memory; a 70,000-row LEIE or a SAM extract of the
same order) into a new list version, in batches; then one transaction makes the new version
the active one and drops the previous one, so a list is never half replaced and a reader
sees either version whole. An interrupted import leaves an ``importing`` version behind,
which the next import of that kind deletes before it starts again. The same file (same
SHA-256) as the active version changes nothing. A row that cannot be read (no name, a date
that is not one) is reported with its line number and skipped.

Layouts read: LEIE's ``UPDATED.csv`` (LASTNAME, FIRSTNAME, MIDNAME, BUSNAME, GENERAL,
SPECIALTY, UPIN, NPI, DOB, ADDRESS, CITY, STATE, ZIP, EXCLTYPE, EXCLDATE, REINDATE,
WAIVERDATE, WVRSTATE; dates YYYYMMDD, 00000000 for none; NPI 0000000000 for none) and the
SAM.gov public exclusions extract (Classification, Name, Prefix, First, Middle, Last, Suffix,
..., State / Province, ..., Exclusion Type, ..., Active Date, Termination Date, ..., NPI;
dates MM/DD/YYYY, "Indefinite" for no end). Firms are kept too (a clinician's practice can
be excluded), keyed by their name.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from credintake.api.store.models import LIST_KINDS, ExclusionEntry, ExclusionList
from credintake.errors import UsageError
from credintake.rules.names import fold

BATCH = 5_000
MAX_BAD_ROWS_REPORTED = 50


class RowError(ValueError):
    """A row that cannot be imported; the message says why (never its content)."""


@dataclass
class ImportReport:
    kind: str
    file_date: date
    rows: int = 0
    unchanged: bool = False
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    bad_count: int = 0


def import_list(session_factory: Callable[[], Any], kind: str, path: Path,
                file_date: date | None = None) -> ImportReport:
    """Import ``path`` as the new active ``kind`` list (see the module docstring)."""
    if kind not in LIST_KINDS:
        raise UsageError(f"unknown list {kind!r}; known: {', '.join(LIST_KINDS)}")
    sha = _sha256(path)
    when = file_date or file_date_of(path)
    report = ImportReport(kind=kind, file_date=when)
    with session_factory() as session:
        active = _active(session, kind)
        if active is not None and active.sha256 == sha:
            report.unchanged, report.rows, report.bad_count = True, active.rows, active.bad_rows
            return report
        session.execute(delete(ExclusionList).where(ExclusionList.kind == kind,
                                                    ExclusionList.status == "importing"))
        version = ExclusionList(kind=kind, file_date=when, sha256=sha, status="importing")
        session.add(version)
        session.flush()
        version_id = version.id
    _fill(session_factory, version_id, kind, path, report)
    with session_factory() as session:
        session.execute(update(ExclusionList).where(ExclusionList.kind == kind,
                                                    ExclusionList.status == "active")
                        .values(status="replaced"))
        session.execute(update(ExclusionList).where(ExclusionList.id == version_id)
                        .values(status="active", rows=report.rows, bad_rows=report.bad_count))
        session.execute(delete(ExclusionEntry).where(ExclusionEntry.list_id.in_(
            select(ExclusionList.id).where(ExclusionList.kind == kind,
                                           ExclusionList.status == "replaced"))))
        session.execute(delete(ExclusionList).where(ExclusionList.kind == kind,
                                                    ExclusionList.status == "replaced"))
    return report


def active_lists(session: Session) -> list[ExclusionList]:
    return list(session.scalars(select(ExclusionList).where(ExclusionList.status == "active")
                                .order_by(ExclusionList.kind)))


def file_date_of(path: Path) -> date:
    """The list's date: a date in the file name (``2026-11-01``, ``20261101``, LEIE's
    ``1125`` month-year archives are not guessed), else the file's modification day."""
    m = re.search(r"(20\d{2})-?(\d{2})-?(\d{2})", path.name)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    return datetime.fromtimestamp(path.stat().st_mtime).date()


def _active(session: Session, kind: str) -> ExclusionList | None:
    return session.scalars(select(ExclusionList).where(ExclusionList.kind == kind,
                                                       ExclusionList.status == "active")).first()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fill(session_factory: Callable[[], Any], version_id: int, kind: str, path: Path,
          report: ImportReport) -> None:
    parse = _PARSERS[kind]
    batch: list[dict[str, Any]] = []
    for line, row in _rows(path):
        try:
            values = parse(row)
        except RowError as exc:
            report.bad_count += 1
            if len(report.bad_rows) < MAX_BAD_ROWS_REPORTED:
                report.bad_rows.append((line, str(exc)))
            continue
        batch.append({**values, "list_id": version_id, "line": line})
        if len(batch) >= BATCH:
            _insert(session_factory, batch)
            report.rows += len(batch)
            batch = []
    if batch:
        _insert(session_factory, batch)
        report.rows += len(batch)


def _insert(session_factory: Callable[[], Any], batch: list[dict[str, Any]]) -> None:
    with session_factory() as session:
        session.execute(ExclusionEntry.__table__.insert(), batch)


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row by upper-cased header) for every data row."""
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.reader(text)
        try:
            header = [h.strip().upper() for h in next(reader)]
        except StopIteration:
            raise UsageError("the list file is empty") from None
        except csv.Error as exc:
            raise UsageError(f"the list file is not CSV ({exc})") from None
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error:
                yield reader.line_num, {}
                continue
            if any(v.strip() for v in values):
                yield reader.line_num, dict(zip(header, (v.strip() for v in values)))


def _need(row: dict[str, str], columns: tuple[str, ...]) -> None:
    if not row:
        raise RowError("not a CSV row")
    missing = [c for c in columns if c not in row]
    if missing:
        raise UsageError(f"the file has no {', '.join(missing)} column: is it the "
                                  "right list?")


def _ymd(text: str) -> date | None:
    text = text.strip()
    if not text or set(text) == {"0"}:
        return None
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise RowError(f"{text[:12]!r} is not a YYYYMMDD date") from None


def _mdy(text: str) -> date | None:
    text = text.strip()
    if not text or text.lower() in ("indefinite", "n/a", "na"):
        return None
    try:
        return datetime.strptime(text, "%m/%d/%Y").date()
    except ValueError:
        raise RowError(f"{text[:12]!r} is not a MM/DD/YYYY date") from None


def _npi(text: str) -> str | None:
    digits = re.sub(r"\D", "", text or "")
    return digits if len(digits) == 10 and set(digits) != {"0"} else None


def _key(last: str, business: str) -> str:
    key = fold(last) or fold(business)
    if not key:
        raise RowError("the row names no person and no business")
    return key[:80]


def _leie(row: dict[str, str]) -> dict[str, Any]:
    _need(row, ("LASTNAME", "FIRSTNAME", "BUSNAME", "NPI", "DOB", "EXCLDATE", "REINDATE"))
    last, business = row.get("LASTNAME", ""), row.get("BUSNAME", "")
    return {"last_key": _key(last, business), "last_name": last or None,
            "first_name": row.get("FIRSTNAME") or None, "middle_name": row.get("MIDNAME") or None,
            "business_name": business or None, "npi": _npi(row.get("NPI", "")),
            "date_of_birth": _ymd(row.get("DOB", "")), "exclusion_type": row.get("EXCLTYPE") or None,
            "exclusion_date": _ymd(row.get("EXCLDATE", "")), "end_date": _ymd(row.get("REINDATE", "")),
            "state": row.get("STATE") or None}


def _sam(row: dict[str, str]) -> dict[str, Any]:
    _need(row, ("CLASSIFICATION", "NAME", "FIRST", "LAST", "ACTIVE DATE", "TERMINATION DATE"))
    person = row.get("CLASSIFICATION", "").lower() == "individual"
    last = row.get("LAST", "") if person else ""
    business = "" if person else row.get("NAME", "")
    return {"last_key": _key(last, business), "last_name": last or None,
            "first_name": (row.get("FIRST") or None) if person else None,
            "middle_name": (row.get("MIDDLE") or None) if person else None,
            "business_name": business or None, "npi": _npi(row.get("NPI", "")),
            "date_of_birth": None, "exclusion_type": row.get("EXCLUSION TYPE") or None,
            "exclusion_date": _mdy(row.get("ACTIVE DATE", "")),
            "end_date": _mdy(row.get("TERMINATION DATE", "")),
            "state": row.get("STATE / PROVINCE") or row.get("STATE/PROVINCE") or None}


_PARSERS: dict[str, Callable[[dict[str, str]], dict[str, Any]]] = {"oig-leie": _leie, "sam": _sam}
