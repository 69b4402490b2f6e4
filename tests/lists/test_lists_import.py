"""Imports of the published layouts into a real database: bad rows with their line numbers,
re-import no-op, an interrupted import that leaves the former version active and resumes,
and the same on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from credintake.api.store.db import Database
from credintake.api.store.models import ExclusionRow, ListVersion, NpiRow
from credintake.errors import UsageError
from credintake.lists.importer import file_date_of, import_list, list_status
from credintake.settings import Settings
from list_files import (LEIE_HEADER, SAM_HEADER, leie_row, nppes_header, nppes_row, sam_row,
                        write_csv)


def _db(tmp: Path, url: str | None = None, batch_rows: int = 5000) -> Database:
    settings = Settings(data_dir=tmp / "data", store={"database_url": url},  # type: ignore[arg-type]
                        lists={"batch_rows": batch_rows})  # type: ignore[arg-type]
    db = Database(settings)
    if url:
        db.migrate()  # `credintake db upgrade`: the scale-out schema is changed only by it
    db.start_up()
    return db


@pytest.fixture
def db(tmp_path: Path):
    d = _db(tmp_path)
    yield d
    d.dispose()


def _count(db: Database, table) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_leie_import_skips_bad_rows_with_their_line_numbers(db: Database, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "UPDATED.csv", LEIE_HEADER, [
        leie_row("TESTWELL", "QUENTIN", npi="1234567893", dob="19700101"),
        leie_row("DOE", "JANE", dob="1970-13-45"),
        leie_row("ROE", "RICHARD", npi="12345"),
        ["SHORT", "ROW"],
        leie_row("POE", "EDGAR", reindate="20230101")])
    bad: list[tuple[int, str]] = []
    report = import_list(db, "oig-leie", f, file_date=dt.date(2026, 11, 1),
                         on_bad_row=lambda line, why: bad.append((line, why)))
    assert (report.status, report.rows, report.bad_rows) == ("imported", 2, 3)
    assert [line for line, _ in bad] == [3, 4, 5]
    assert "not a date" in bad[0][1] and "not 10 digits" in bad[1][1] and "columns" in bad[2][1]
    assert report.file_date_from == "option"
    with db.read_session() as s:
        rows = {r.last_name: r for r in s.scalars(select(ExclusionRow))}
    assert rows["TESTWELL"].npi == "1234567893"
    assert rows["TESTWELL"].date_of_birth == dt.date(1970, 1, 1)
    assert rows["TESTWELL"].line == 2
    assert rows["POE"].reinstatement_date == dt.date(2023, 1, 1) and rows["POE"].npi is None
    [status] = list_status(db)
    assert status["status"] == "active" and status["rows"] == 2 and status["bad_rows"] == 3


def test_reimport_of_the_same_file_changes_nothing(db: Database, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "leie_2026-11-01.csv", LEIE_HEADER,
                  [leie_row("TESTWELL", "QUENTIN"), leie_row("DOE", "JANE")])
    first = import_list(db, "oig-leie", f)
    assert first.file_date == dt.date(2026, 11, 1) and first.file_date_from == "file name"
    before = list_status(db)
    again = import_list(db, "oig-leie", f)
    assert again.status == "unchanged" and again.rows == 2
    assert list_status(db) == before
    assert _count(db, ExclusionRow) == 2


def test_a_newer_file_replaces_the_list_and_an_older_one_is_refused(db: Database,
                                                                     tmp_path: Path) -> None:
    old = write_csv(tmp_path / "leie_20261001.csv", LEIE_HEADER, [leie_row("DOE", "JANE")])
    new = write_csv(tmp_path / "leie_20261101.csv", LEIE_HEADER,
                    [leie_row("ROE", "RICHARD"), leie_row("POE", "EDGAR")])
    import_list(db, "oig-leie", old)
    import_list(db, "oig-leie", new)
    statuses = [(v["file_date"], v["status"]) for v in list_status(db)]
    assert statuses == [("2026-11-01", "active"), ("2026-10-01", "superseded")]
    with db.read_session() as s:
        assert sorted(s.scalars(select(ExclusionRow.last_name))) == ["POE", "ROE"]
    older = write_csv(tmp_path / "leie_20260901.csv", LEIE_HEADER, [leie_row("X", "Y")])
    with pytest.raises(UsageError, match="newer than this file"):
        import_list(db, "oig-leie", older)


def test_interrupted_import_leaves_the_old_version_active_then_resumes(tmp_path: Path) -> None:
    db = _db(tmp_path, batch_rows=2)
    try:
        import_list(db, "oig-leie", write_csv(tmp_path / "leie_20261001.csv", LEIE_HEADER,
                                              [leie_row("OLD", "ONE")]))
        rows = [leie_row(f"NAME{i:02d}", "A") for i in range(10)]
        rows[6] = leie_row("BAD", "ROW", dob="nope")          # line 8
        new = write_csv(tmp_path / "leie_20261101.csv", LEIE_HEADER, rows)

        def die(line: int, _why: str) -> None:
            raise KeyboardInterrupt  # the process dies in the middle of the file

        with pytest.raises(KeyboardInterrupt):
            import_list(db, "oig-leie", new, on_bad_row=die)
        with db.read_session() as s:
            versions = {v.status: v for v in s.scalars(select(ListVersion))}
            assert versions["active"].file_date == dt.date(2026, 10, 1)
            assert versions["loading"].lines_done == 7      # two batches of two rows + header
            active = versions["active"].id
            assert list(s.scalars(select(ExclusionRow.last_name)
                                  .where(ExclusionRow.version_id == active))) == ["OLD"]
        report = import_list(db, "oig-leie", new)
        assert (report.status, report.rows, report.bad_rows) == ("resumed", 9, 1)
        with db.read_session() as s:
            names = sorted(s.scalars(select(ExclusionRow.last_name)))
        assert names == sorted(f"NAME{i:02d}" for i in range(10) if i != 6)
    finally:
        db.dispose()


def test_sam_import_keeps_individuals_and_termination_dates(db: Database, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "SAM_Exclusions_Public_Extract_V2_26310.csv", SAM_HEADER, [
        sam_row("TESTWELL", "QUENTIN", npi="1234567893"),
        sam_row("ACME CLINIC LLC", "", classification="Firm"),
        sam_row("ROE", "RICHARD", termination="06/30/2024"),
        sam_row("DOE", "JANE", active="31/31/2021")])
    bad: list[int] = []
    report = import_list(db, "sam", f, file_date=dt.date(2026, 11, 6),
                         on_bad_row=lambda line, _w: bad.append(line))
    assert (report.rows, bad) == (3, [5])
    with db.read_session() as s:
        rows = {r.last_name: r for r in s.scalars(select(ExclusionRow))}
    assert rows["TESTWELL"].npi == "1234567893" and rows["TESTWELL"].exclusion_date == dt.date(2021, 3, 1)
    assert rows["ROE"].reinstatement_date == dt.date(2024, 6, 30)
    assert rows["ACME CLINIC LLC"].business_name == "ACME CLINIC LLC"
    assert rows["ACME CLINIC LLC"].name_key == ""   # firms are not screened against people


def test_nppes_import_keeps_the_columns_that_matter(db: Database, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "npidata_pfile_20050523-20261109.csv", nppes_header(), [
        nppes_row("1234567893", "TESTWELL", "QUENTIN", taxonomy="207R00000X"),
        nppes_row("", "NONE", "NO"),
        nppes_row("1245319599", "", "", deactivated="05/01/2024")])
    bad: list[int] = []
    report = import_list(db, "nppes", f, on_bad_row=lambda line, _w: bad.append(line))
    assert report.file_date == dt.date(2026, 11, 9) and (report.rows, bad) == (2, [3])
    with db.read_session() as s:
        rows = {r.npi: r for r in s.scalars(select(NpiRow))}
    assert rows["1234567893"].taxonomies == [["207R00000X", True]]
    assert rows["1234567893"].licenses == [["A123456", "CA"]]
    assert rows["1234567893"].practice_state == "CA"
    assert rows["1245319599"].deactivation_date == dt.date(2024, 5, 1)


def test_a_file_of_another_layout_is_refused_before_anything_is_written(
        db: Database, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "leie_20261101.csv", LEIE_HEADER, [leie_row("DOE", "JANE")])
    with pytest.raises(UsageError, match="not a nppes file"):
        import_list(db, "nppes", f)
    assert _count(db, NpiRow) == 0 and not [v for v in list_status(db) if v["status"] == "active"]


def test_file_date_from_the_file_mtime_when_the_name_has_none(tmp_path: Path) -> None:
    f = tmp_path / "UPDATED.csv"
    f.write_text("x")
    import os
    os.utime(f, (dt.datetime(2026, 10, 3, 12).timestamp(),) * 2)
    assert file_date_of(f, None) == (dt.date(2026, 10, 3), "file mtime")


def test_postgresql_import_reimport_and_replace(tmp_path: Path, pg_url: str) -> None:
    db = _db(tmp_path, pg_url, batch_rows=2)
    try:
        assert db.engine.dialect.name == "postgresql"
        rows = [leie_row(f"NAME{i}", "A", npi="1234567893" if i == 0 else "0000000000")
                for i in range(5)]
        f = write_csv(tmp_path / "leie_20261101.csv", LEIE_HEADER, rows)
        assert import_list(db, "oig-leie", f).rows == 5
        assert import_list(db, "oig-leie", f).status == "unchanged"
        g = write_csv(tmp_path / "leie_20261201.csv", LEIE_HEADER, rows[:2])
        assert import_list(db, "oig-leie", g).rows == 2
        assert _count(db, ExclusionRow) == 2
        assert [v["status"] for v in list_status(db)] == ["active", "superseded"]
    finally:
        db.dispose()
