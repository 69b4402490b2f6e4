"""Stream a list file into a new list version; flip it active in one transaction.

Memory stays constant: the file is hashed and then read row by row, rows are inserted
``lists.batch_rows`` at a time, each batch in its own transaction together with the
version's resume point (``lines_done``). An import that dies leaves a ``loading`` version
that nobody reads (the former version stays active); running the same file again resumes
after the last committed batch. Only when every row is in does one transaction mark the
new version ``active`` and the former one ``superseded`` (whose rows are then deleted).
The same file (same sha256) imported again changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update

from credintake.api.store.db import Database
from credintake.api.store.models import ExclusionRow, ListVersion, NpiRow, utcnow
from credintake.errors import UsageError
from credintake.api.lists.formats import LAYOUTS, BadRow

log = logging.getLogger(__name__)

_TABLES = {"exclusions": ExclusionRow, "npi": NpiRow}
_DATE_IN_NAME = re.compile(r"(?<!\d)(20\d{2})-?(\d{2})-?(\d{2})(?!\d)")
#: bad rows kept in the report (all of them are counted and passed to ``on_bad_row``)
REPORTED_BAD_ROWS = 100

BadRowHook = Callable[[int, str], None]


@dataclass
class ImportReport:
    list_name: str
    file_date: dt.date
    file_date_from: str               # "option", "file name" or "file mtime"
    sha256: str
    status: str                       # "imported", "resumed", "unchanged"
    rows: int = 0
    bad_rows: int = 0
    bad: list[tuple[int, str]] = field(default_factory=list)


def file_date_of(path: Path, given: dt.date | None) -> tuple[dt.date, str]:
    """The list's date: the option, else the last date in the file name
    (npidata_pfile_20050523-20251109.csv -> 2025-11-09), else the file's mtime."""
    if given is not None:
        return given, "option"
    for y, m, d in reversed(_DATE_IN_NAME.findall(path.name)):
        try:
            return dt.date(int(y), int(m), int(d)), "file name"
        except ValueError:
            continue
    return dt.date.fromtimestamp(path.stat().st_mtime), "file mtime"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def import_list(db: Database, list_name: str, path: Path, *, file_date: dt.date | None = None,
                on_bad_row: BadRowHook | None = None) -> ImportReport:
    """Import ``path`` as the next version of ``list_name`` (see the module docstring)."""
    layout = LAYOUTS.get(list_name)
    if layout is None:
        raise UsageError(f"unknown list {list_name!r}; known: {', '.join(LAYOUTS)}")
    day, day_from = file_date_of(path, file_date)
    sha = sha256_of(path)
    report = ImportReport(list_name, day, day_from, sha, "imported")
    version_id, start_line = _open_version(db, report, path)
    if version_id is None:
        return report
    table = _TABLES[layout.table]
    batch: list[dict[str, Any]] = []
    batch_rows = db.settings.lists.batch_rows
    bad_in_batch = 0
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            raise UsageError(f"{path.name} is empty")
        read = layout.reader(header)
        for row in reader:
            line = reader.line_num
            if line <= start_line:
                continue
            try:
                values = read(row)
            except BadRow as exc:
                bad_in_batch += 1
                _bad(report, line, str(exc), on_bad_row)
            else:
                values["version_id"] = version_id
                if layout.table == "exclusions":
                    values["line"] = line
                batch.append(values)
            if len(batch) + bad_in_batch >= batch_rows:
                _commit_batch(db, table, version_id, batch, bad_in_batch, line)
                report.rows += len(batch)
                batch, bad_in_batch = [], 0
        _commit_batch(db, table, version_id, batch, bad_in_batch, reader.line_num)
        report.rows += len(batch)
    _activate(db, list_name, version_id, report)
    return report


def _bad(report: ImportReport, line: int, reason: str, hook: BadRowHook | None) -> None:
    report.bad_rows += 1
    if len(report.bad) < REPORTED_BAD_ROWS:
        report.bad.append((line, reason))
    if hook is not None:
        hook(line, reason)


def _open_version(db: Database, report: ImportReport, path: Path) -> tuple[int | None, int]:
    """(the version to write into, the last line already in it); (None, 0) when this file
    was imported before."""
    with db.session() as s:
        version = s.scalar(select(ListVersion).where(ListVersion.list_name == report.list_name,
                                                     ListVersion.sha256 == report.sha256))
        if version is not None and version.status != "loading":
            report.status, report.rows, report.bad_rows = ("unchanged", version.rows,
                                                          version.bad_rows)
            report.file_date, report.file_date_from = version.file_date, version.file_date_from
            return None, 0
        active = s.scalar(select(ListVersion).where(ListVersion.list_name == report.list_name,
                                                    ListVersion.status == "active"))
        if active is not None and active.file_date > report.file_date:
            raise UsageError(f"the active {report.list_name} list is of "
                             f"{active.file_date.isoformat()}, newer than this file "
                             f"({report.file_date.isoformat()}); nothing imported")
        if version is not None:
            report.status = "resumed"
            report.rows, report.bad_rows = version.rows, version.bad_rows
            return version.id, version.lines_done
        version = ListVersion(list_name=report.list_name, file_name=path.name[:255],
                              file_date=report.file_date, file_date_from=report.file_date_from,
                              sha256=report.sha256, status="loading", lines_done=1, rows=0,
                              bad_rows=0)
        s.add(version)
        s.flush()
        return version.id, 1


def _commit_batch(db: Database, table: Any, version_id: int, rows: list[dict[str, Any]],
                  bad: int, line: int) -> None:
    """The rows and the resume point, in one transaction."""
    with db.session() as s:
        if rows:
            # Core executemany: the ORM's bulk path costs as much again per row
            s.connection().execute(insert(table.__table__), rows)
        s.execute(update(ListVersion).where(ListVersion.id == version_id).values(
            lines_done=line, rows=ListVersion.rows + len(rows),
            bad_rows=ListVersion.bad_rows + bad))


def _activate(db: Database, list_name: str, version_id: int, report: ImportReport) -> None:
    """The flip: one transaction; then the superseded versions' rows go."""
    with db.session() as s:
        s.execute(update(ListVersion).where(ListVersion.list_name == list_name,
                                            ListVersion.status == "active")
                  .values(status="superseded"))
        s.execute(update(ListVersion).where(ListVersion.id == version_id)
                  .values(status="active", finished_at=utcnow()))
        version = s.get(ListVersion, version_id)
        assert version is not None
        report.rows, report.bad_rows = version.rows, version.bad_rows
    old = select(ListVersion.id).where(ListVersion.list_name == list_name,
                                       ListVersion.status == "superseded")
    with db.session() as s:
        for table in _TABLES.values():
            s.execute(delete(table).where(table.version_id.in_(old)))
    log.info("list imported: list=%s version=%d rows=%d bad_rows=%d", list_name, version_id,
             report.rows, report.bad_rows)


def list_status(db: Database) -> list[dict[str, Any]]:
    """Every list version, newest first per list (``credintake lists status``)."""
    with db.read_session() as s:
        versions = s.scalars(select(ListVersion).order_by(ListVersion.list_name,
                                                          ListVersion.id.desc())).all()
        return [{"list": v.list_name, "status": v.status, "file_date": v.file_date.isoformat(),
                 "file_date_from": v.file_date_from, "file": v.file_name, "rows": v.rows,
                 "bad_rows": v.bad_rows, "sha256": v.sha256,
                 "imported_at": v.finished_at.isoformat() if v.finished_at else None}
                for v in versions]
